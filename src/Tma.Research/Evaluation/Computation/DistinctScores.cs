namespace Tma.Research.Evaluation.Computation;

/// <summary>The distinct score values, ascending, with the number of rows with and without the outcome at each.</summary>
internal sealed class DistinctScores
{
    private DistinctScores(double[] values, int[] withOutcome, int[] withoutOutcome)
    {
        Values = values;
        WithOutcome = withOutcome;
        WithoutOutcome = withoutOutcome;
    }

    public double[] Values { get; }

    public int[] WithOutcome { get; }

    public int[] WithoutOutcome { get; }

    public int Count => Values.Length;

    public static DistinctScores From(ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes)
    {
        var sorted = scores.ToArray();
        var labels = outcomes.ToArray();
        Array.Sort(sorted, labels);
        var values = new List<double>();
        var with = new List<int>();
        var without = new List<int>();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (values.Count == 0 || sorted[i] != values[^1])
            {
                values.Add(sorted[i]);
                with.Add(0);
                without.Add(0);
            }

            if (labels[i])
            {
                with[^1]++;
            }
            else
            {
                without[^1]++;
            }
        }

        return new DistinctScores([.. values], [.. with], [.. without]);
    }

    /// <summary>
    /// Average precision from counts per distinct score: with thresholds in descending order, AP = (1/P) Σₖ posₖ·TPₖ/(TPₖ + FPₖ),
    /// which is Σ (Rₖ − Rₖ₋₁)·Pₖ with tied scores forming one threshold — the same figure as
    /// <see cref="Statistics.AveragePrecision.Compute"/>. <paramref name="cells"/> holds, for distinct value k (ascending),
    /// the count with the outcome at 2k and without at 2k + 1. NaN when no row has the outcome.
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<int> cells)
    {
        long positives = 0;
        for (var k = 0; k < cells.Length; k += 2)
        {
            positives += cells[k];
        }

        if (positives == 0)
        {
            return double.NaN;
        }

        long tp = 0, fp = 0;
        var sum = 0.0;
        for (var k = cells.Length - 2; k >= 0; k -= 2)
        {
            tp += cells[k];
            fp += cells[k + 1];
            if (cells[k] > 0)
            {
                sum += cells[k] * ((double)tp / (tp + fp));
            }
        }

        return sum / positives;
    }

    /// <summary>The counts laid out as <see cref="AveragePrecision"/> expects.</summary>
    public int[] Cells()
    {
        var cells = new int[2 * Count];
        for (var k = 0; k < Count; k++)
        {
            cells[2 * k] = WithOutcome[k];
            cells[(2 * k) + 1] = WithoutOutcome[k];
        }

        return cells;
    }
}
