namespace Tma.Research.Evaluation.Statistics;

/// <summary>Cases with and without the outcome per distinct score, ascending: all the empirical ROC curve depends on.</summary>
internal static class RocCounts
{
    /// <summary>Sorts once and counts per distinct score. O(n log n).</summary>
    public static (int[] Positives, int[] Negatives, double[] Values) FromScores(ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes)
    {
        var sorted = scores.ToArray();
        var labels = outcomes.ToArray();
        Array.Sort(sorted, labels);
        var values = new List<double>();
        var positives = new List<int>();
        var negatives = new List<int>();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (values.Count == 0 || sorted[i] != values[^1])
            {
                values.Add(sorted[i]);
                positives.Add(0);
                negatives.Add(0);
            }

            if (labels[i])
            {
                positives[^1]++;
            }
            else
            {
                negatives[^1]++;
            }
        }

        return ([.. positives], [.. negatives], [.. values]);
    }
}
