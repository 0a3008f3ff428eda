namespace Tma.Scoring.Outcome;

/// <summary>
/// The order of reason codes for every kind: highest value first (<see cref="double.CompareTo(double)"/>, as
/// <c>OrderByDescending</c> orders), ties in declaration order. The kinds differ only in what a value is (a points
/// model's grouped contributions, a classifier's positive feature contributions).
/// </summary>
internal static class ReasonRanking
{
    /// <summary>
    /// Writes into <paramref name="order"/> the positions of <paramref name="values"/> (given in declaration order) in
    /// reason order. An insertion sort: the candidates are a handful, and it allocates nothing.
    /// </summary>
    public static void Order(ReadOnlySpan<double> values, Span<int> order)
    {
        for (var s = 0; s < values.Length; s++)
        {
            var j = s;
            while (j > 0 && values[order[j - 1]].CompareTo(values[s]) < 0)
            {
                order[j] = order[j - 1];
                j--;
            }

            order[j] = s;
        }
    }
}
