namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Youden's index J = max over thresholds of (sensitivity + specificity − 1) (Youden 1950, Cancer 3:32–35) and the
/// threshold that attains it — pROC's <c>coords(roc, "best", best.method = "youden")</c>. Thresholds are the distinct
/// scores, "flagged when score ≥ t" as everywhere in the report (pROC prints the midpoint between this score and the
/// next lower one instead; the split of the cases is the same).
/// </summary>
public static class YoudenIndex
{
    /// <summary>Computes J and its threshold. O(n log n).</summary>
    /// <param name="scores">One score per case; NaN is rejected.</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <returns>J, the threshold (highest of ties), sensitivity and specificity there, and all tied thresholds.</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, a score is NaN, or all outcomes are equal.</exception>
    public static YoudenResult Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes)
    {
        InputGuard.BothClasses(scores, outcomes, 1, "Youden index");
        var (positives, negatives, values) = RocCounts.FromScores(scores, outcomes);
        return FromCounts(positives, negatives, values);
    }

    /// <summary>J from counts per distinct score (ascending) with the values; every tie is listed.</summary>
    internal static YoudenResult FromCounts(ReadOnlySpan<int> positives, ReadOnlySpan<int> negatives, double[] values)
    {
        var (p, n) = Totals(positives, negatives);
        var best = Best(positives, negatives, p, n, out var bestTp, out var bestFp);
        var ties = new List<double>();
        long tp = 0, fp = 0;
        for (var k = positives.Length - 1; k >= 0; k--)
        {
            tp += positives[k];
            fp += negatives[k];
            if ((tp * n) - (fp * p) == best)
            {
                ties.Add(values[k]);
            }
        }

        return new YoudenResult((double)best / ((double)p * n), ties[0], (double)bestTp / p, 1.0 - ((double)bestFp / n), ties);
    }

    /// <summary>
    /// The index k (into the ascending distinct values) of the Youden-optimal threshold, highest of ties, and J; (−1, NaN)
    /// when either outcome is absent. O(K), no allocation: for the bootstrap.
    /// </summary>
    internal static (int Index, double J) BestIndex(ReadOnlySpan<int> positives, ReadOnlySpan<int> negatives)
    {
        var (p, n) = Totals(positives, negatives);
        if (p == 0 || n == 0)
        {
            return (-1, double.NaN);
        }

        long tp = 0, fp = 0, best = long.MinValue;
        var index = -1;
        for (var k = positives.Length - 1; k >= 0; k--)
        {
            tp += positives[k];
            fp += negatives[k];

            // J·P·N = TP·N − FP·P: exact in integers, so ties are exact; the strict > keeps the highest threshold.
            var j = (tp * n) - (fp * p);
            if (j > best)
            {
                best = j;
                index = k;
            }
        }

        return (index, (double)best / ((double)p * n));
    }

    private static long Best(ReadOnlySpan<int> positives, ReadOnlySpan<int> negatives, long p, long n, out long bestTp, out long bestFp)
    {
        long tp = 0, fp = 0, best = long.MinValue;
        bestTp = 0;
        bestFp = 0;
        for (var k = positives.Length - 1; k >= 0; k--)
        {
            tp += positives[k];
            fp += negatives[k];
            var j = (tp * n) - (fp * p);
            if (j > best)
            {
                best = j;
                bestTp = tp;
                bestFp = fp;
            }
        }

        return best;
    }

    private static (long P, long N) Totals(ReadOnlySpan<int> positives, ReadOnlySpan<int> negatives)
    {
        long p = 0, n = 0;
        for (var k = 0; k < positives.Length; k++)
        {
            p += positives[k];
            n += negatives[k];
        }

        return (p, n);
    }
}
