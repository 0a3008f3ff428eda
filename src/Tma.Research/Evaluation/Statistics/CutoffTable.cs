using System.Globalization;

namespace Tma.Research.Evaluation.Statistics;

/// <summary>Sensitivity, specificity, PPV, NPV, NND and NSD at score thresholds or ordered bands.</summary>
public static class CutoffTable
{
    /// <summary>
    /// One row per threshold t, where a case is flagged when its score ≥ t. O((n + k) log n) for k thresholds.
    /// </summary>
    /// <param name="scores">One score per case; NaN is rejected.</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="thresholds">Thresholds, reported in the order given; NaN is rejected.</param>
    /// <param name="confidenceLevel">Confidence level of the Wilson intervals; default 0.95.</param>
    /// <returns>The table with its base rate.</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, a score or threshold is NaN, or the confidence level is not in (0, 1).</exception>
    public static CutoffTableResult AtThresholds(
        ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes, ReadOnlySpan<double> thresholds, double confidenceLevel = 0.95)
    {
        InputGuard.ConfidenceLevel(confidenceLevel);
        var (positives, negatives) = InputGuard.ScoresAndOutcomes(scores, outcomes);
        for (var j = 0; j < thresholds.Length; j++)
        {
            if (double.IsNaN(thresholds[j]))
            {
                throw new ArgumentException($"thresholds[{j}] is NaN.", nameof(thresholds));
            }
        }

        // Ascending scores with a prefix count of events: cases at index ≥ k are flagged for the first k with score ≥ t.
        var sorted = scores.ToArray();
        var labels = outcomes.ToArray();
        Array.Sort(sorted, labels);
        var eventsBelow = new int[sorted.Length + 1];
        for (var i = 0; i < sorted.Length; i++)
        {
            eventsBelow[i + 1] = eventsBelow[i] + (labels[i] ? 1 : 0);
        }

        var rows = new CutoffRow[thresholds.Length];
        for (var j = 0; j < thresholds.Length; j++)
        {
            var t = thresholds[j];
            var firstFlagged = LowerBound(sorted, t);
            var fn = eventsBelow[firstFlagged];
            var tn = firstFlagged - fn;
            var tp = positives - fn;
            var fp = negatives - tn;
            rows[j] = CutoffRow.FromCounts(
                "score ≥ " + t.ToString("G6", CultureInfo.InvariantCulture), t, tp, fp, tn, fn, confidenceLevel);
        }

        return new CutoffTableResult(scores.Length, positives, WilsonInterval.Compute(positives, scores.Length, confidenceLevel), rows);
    }

    /// <summary>
    /// One row per band k of an ordered banding, where a case is flagged when its band is k or above. The first row
    /// (lowest band) flags everyone.
    /// </summary>
    /// <param name="bands">The band label of every case.</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="bandOrder">All band labels from lowest to highest risk, e.g. none, monitor, manage, urgent. Labels compare ordinally.</param>
    /// <param name="confidenceLevel">Confidence level of the Wilson intervals; default 0.95.</param>
    /// <returns>The table with its base rate; rows in <paramref name="bandOrder"/> order.</returns>
    /// <exception cref="ArgumentException">
    /// Lengths differ, input is empty, a case has a label missing from <paramref name="bandOrder"/> (its index is named),
    /// <paramref name="bandOrder"/> is empty or repeats a label, or the confidence level is not in (0, 1).
    /// </exception>
    public static CutoffTableResult ForBands(
        IReadOnlyList<string> bands, ReadOnlySpan<bool> outcomes, IReadOnlyList<string> bandOrder, double confidenceLevel = 0.95)
    {
        InputGuard.ConfidenceLevel(confidenceLevel);
        var index = BandIndex.Resolve(bands, outcomes.Length, bandOrder);
        var k = bandOrder.Count;
        var n = new int[k];
        var events = new int[k];
        for (var i = 0; i < index.Length; i++)
        {
            n[index[i]]++;
            if (outcomes[i])
            {
                events[index[i]]++;
            }
        }

        var totalEvents = events.Sum();
        var total = outcomes.Length;
        var rows = new CutoffRow[k];
        int flagged = 0, tp = 0;
        for (var b = k - 1; b >= 0; b--)
        {
            flagged += n[b];
            tp += events[b];
            var fp = flagged - tp;
            var fn = totalEvents - tp;
            var tn = total - flagged - fn;
            rows[b] = CutoffRow.FromCounts("band ≥ " + bandOrder[b], null, tp, fp, tn, fn, confidenceLevel);
        }

        return new CutoffTableResult(total, totalEvents, WilsonInterval.Compute(totalEvents, total, confidenceLevel), rows);
    }

    /// <summary>A single row from an explicit flag per case (e.g. any rule of your own).</summary>
    /// <param name="flagged">Whether each case is flagged (test positive).</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="label">Label of the row.</param>
    /// <param name="confidenceLevel">Confidence level of the Wilson intervals; default 0.95.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, or the confidence level is not in (0, 1).</exception>
    public static CutoffRow ForFlags(ReadOnlySpan<bool> flagged, ReadOnlySpan<bool> outcomes, string label, double confidenceLevel = 0.95)
    {
        InputGuard.ConfidenceLevel(confidenceLevel);
        if (flagged.Length != outcomes.Length)
        {
            throw new ArgumentException(
                $"Length mismatch: flagged has {flagged.Length} values but outcomes has {outcomes.Length}.", nameof(flagged));
        }

        if (flagged.Length == 0)
        {
            throw new ArgumentException("flagged is empty; at least one case is needed.", nameof(flagged));
        }

        var (tp, fp, tn, fn) = Count(flagged, outcomes);
        return CutoffRow.FromCounts(label, null, tp, fp, tn, fn, confidenceLevel);
    }

    internal static (int Tp, int Fp, int Tn, int Fn) Count(ReadOnlySpan<bool> flagged, ReadOnlySpan<bool> outcomes)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < flagged.Length; i++)
        {
            if (flagged[i])
            {
                if (outcomes[i])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }
            }
            else if (outcomes[i])
            {
                fn++;
            }
            else
            {
                tn++;
            }
        }

        return (tp, fp, tn, fn);
    }

    /// <summary>First index whose value is ≥ <paramref name="value"/> in an ascending array (Length when none).</summary>
    private static int LowerBound(double[] ascending, double value)
    {
        int lo = 0, hi = ascending.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (ascending[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
