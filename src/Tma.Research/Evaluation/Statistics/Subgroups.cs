using System.Globalization;

namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Cut-off figures per subgroup and the largest between-group gaps in true- and false-positive rate — the two
/// components of "equalized odds" (Hardt, Price &amp; Srebro 2016, NeurIPS).
/// </summary>
public static class Subgroups
{
    /// <summary>Subgroup figures at a score threshold (flagged when score ≥ <paramref name="threshold"/>).</summary>
    /// <param name="scores">One score per case; NaN is rejected.</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="groups">Subgroup label per case.</param>
    /// <param name="threshold">The threshold.</param>
    /// <param name="confidenceLevel">Confidence level of the Wilson intervals; default 0.95.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, a score or the threshold is NaN, a label is null, or the confidence level is not in (0, 1).</exception>
    public static SubgroupReport AtThreshold(
        ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes, IReadOnlyList<string> groups, double threshold, double confidenceLevel = 0.95)
    {
        InputGuard.ScoresAndOutcomes(scores, outcomes);
        if (double.IsNaN(threshold))
        {
            throw new ArgumentException("threshold is NaN.", nameof(threshold));
        }

        var flagged = new bool[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            flagged[i] = scores[i] >= threshold;
        }

        return ForFlags(flagged, outcomes, groups, "score ≥ " + threshold.ToString("G6", CultureInfo.InvariantCulture), confidenceLevel);
    }

    /// <summary>Subgroup figures for an ordered banding (flagged when the band is <paramref name="atOrAbove"/> or higher).</summary>
    /// <param name="bands">Band label per case.</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="groups">Subgroup label per case.</param>
    /// <param name="bandOrder">All band labels, lowest first.</param>
    /// <param name="atOrAbove">The lowest band that counts as flagged.</param>
    /// <param name="confidenceLevel">Confidence level of the Wilson intervals; default 0.95.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">
    /// Lengths differ, input is empty, a band is not in <paramref name="bandOrder"/>, <paramref name="atOrAbove"/> is not
    /// a band, a label is null, or the confidence level is not in (0, 1).
    /// </exception>
    public static SubgroupReport AtBand(
        IReadOnlyList<string> bands,
        ReadOnlySpan<bool> outcomes,
        IReadOnlyList<string> groups,
        IReadOnlyList<string> bandOrder,
        string atOrAbove,
        double confidenceLevel = 0.95)
    {
        var index = BandIndex.Resolve(bands, outcomes.Length, bandOrder);
        var cut = -1;
        for (var b = 0; b < bandOrder.Count; b++)
        {
            if (string.Equals(bandOrder[b], atOrAbove, StringComparison.Ordinal))
            {
                cut = b;
            }
        }

        if (cut < 0)
        {
            throw new ArgumentException($"atOrAbove \"{atOrAbove}\" is not in bandOrder ({string.Join(", ", bandOrder)}).", nameof(atOrAbove));
        }

        var flagged = new bool[index.Length];
        for (var i = 0; i < index.Length; i++)
        {
            flagged[i] = index[i] >= cut;
        }

        return ForFlags(flagged, outcomes, groups, "band ≥ " + atOrAbove, confidenceLevel);
    }

    /// <summary>Subgroup figures for an explicit flag per case.</summary>
    /// <param name="flagged">Whether each case is flagged.</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="groups">Subgroup label per case.</param>
    /// <param name="label">What counts as flagged, for the report.</param>
    /// <param name="confidenceLevel">Confidence level of the Wilson intervals; default 0.95.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, a label is null, or the confidence level is not in (0, 1).</exception>
    public static SubgroupReport ForFlags(
        ReadOnlySpan<bool> flagged, ReadOnlySpan<bool> outcomes, IReadOnlyList<string> groups, string label, double confidenceLevel = 0.95)
    {
        InputGuard.ConfidenceLevel(confidenceLevel);
        if (flagged.Length != outcomes.Length)
        {
            throw new ArgumentException(
                $"Length mismatch: flagged has {flagged.Length} values but outcomes has {outcomes.Length}.", nameof(flagged));
        }

        if (flagged.Length == 0)
        {
            throw new ArgumentException("There are no cases.", nameof(flagged));
        }

        InputGuard.Labels(groups, outcomes.Length, nameof(groups));
        var counts = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        for (var i = 0; i < flagged.Length; i++)
        {
            if (!counts.TryGetValue(groups[i], out var c))
            {
                c = new int[4];
                counts.Add(groups[i], c);
            }

            // 0 = TP, 1 = FP, 2 = TN, 3 = FN.
            c[flagged[i] ? (outcomes[i] ? 0 : 1) : (outcomes[i] ? 3 : 2)]++;
        }

        var rows = counts
            .Select(kv => new SubgroupRow(kv.Key, CutoffRow.FromCounts(label, null, kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3], confidenceLevel)))
            .ToList();
        return new SubgroupReport(
            label,
            rows,
            LargestGap(rows, static r => r.Sensitivity.Estimate, static r => (r.TruePositives, r.TruePositives + r.FalseNegatives), confidenceLevel),
            LargestGap(rows, static r => r.FalsePositives + r.TrueNegatives == 0 ? double.NaN : 1.0 - r.Specificity.Estimate, static r => (r.FalsePositives, r.FalsePositives + r.TrueNegatives), confidenceLevel));
    }

    private static SubgroupGap? LargestGap(
        IReadOnlyList<SubgroupRow> rows, Func<CutoffRow, double> rate, Func<CutoffRow, (int Successes, int Trials)> counts, double confidenceLevel)
    {
        SubgroupRow? high = null, low = null;
        double highRate = double.NegativeInfinity, lowRate = double.PositiveInfinity;
        var defined = 0;
        foreach (var row in rows)
        {
            var r = rate(row.Row);
            if (double.IsNaN(r))
            {
                continue;
            }

            defined++;
            if (r > highRate)
            {
                highRate = r;
                high = row;
            }

            if (r <= lowRate)
            {
                lowRate = r;
                low = row;
            }
        }

        return defined < 2 || high is null || low is null
            ? null
            : new SubgroupGap(high.Group, highRate, low.Group, lowRate, highRate - lowRate) { Interval = GapInterval(high.Row, low.Row, counts, confidenceLevel) };
    }

    private static DifferenceEstimate GapInterval(CutoffRow high, CutoffRow low, Func<CutoffRow, (int Successes, int Trials)> counts, double confidenceLevel)
    {
        var (x1, n1) = counts(high);
        var (x2, n2) = counts(low);
        return NewcombeInterval.Compute(x1, n1, x2, n2, confidenceLevel);
    }
}
