namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Seeded stratified percentile bootstrap (Efron &amp; Tibshirani 1993, ch. 13) of the partial AUC and the Youden-optimal
/// cut-off: cases with the outcome and cases without are resampled separately, each with its own size — pROC's default
/// (<c>ci(..., boot.stratified = TRUE)</c>) — so every resample has both outcomes. The ROC curve depends only on the
/// counts per distinct score and outcome, so each stratum's counts are drawn as one multinomial (as in
/// <see cref="CountBootstrap"/>): O(K) per resample for K distinct scores, whatever the number of cases.
/// </summary>
public static class RocBootstrap
{
    /// <summary>Bootstrap intervals of the partial AUC (raw and standardised), Youden's J and the Youden threshold.</summary>
    /// <param name="scores">One score per case; NaN is rejected.</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="from">Lower end of the partial-AUC range.</param>
    /// <param name="to">Upper end of the partial-AUC range.</param>
    /// <param name="focus">Whether the range is of specificity or sensitivity.</param>
    /// <param name="options">Seed, number of resamples and confidence level.</param>
    /// <returns>The four intervals; the estimates are those on all cases.</returns>
    /// <exception cref="ArgumentException">As <see cref="PartialAuc.Compute"/>, or the options are invalid.</exception>
    public static DiscriminationIntervals Compute(
        ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes, double from, double to, PartialAucFocus focus, BootstrapOptions options)
    {
        PartialAuc.CheckRange(from, to);
        InputGuard.BothClasses(scores, outcomes, 1, "partial AUC");
        var (positives, negatives, values) = RocCounts.FromScores(scores, outcomes);
        return FromCounts(positives, negatives, values, from, to, focus, options);
    }

    /// <summary>As <see cref="Compute"/> from counts per distinct score (ascending) and the distinct values.</summary>
    internal static DiscriminationIntervals FromCounts(
        int[] positives, int[] negatives, double[] values, double from, double to, PartialAucFocus focus, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var minimum = PartialAuc.ChanceArea(from, to);
        var maximum = to - from;
        void Statistics(ReadOnlySpan<int> pos, ReadOnlySpan<int> neg, Span<double> v)
        {
            var area = PartialAuc.Area(pos, neg, from, to, focus);
            v[0] = area;
            v[1] = double.IsNaN(area) ? double.NaN : PartialAuc.Standardise(area, minimum, maximum);
            var (index, j) = YoudenIndex.BestIndex(pos, neg);
            v[2] = j;
            v[3] = index < 0 ? double.NaN : values[index];
        }

        var estimates = new double[4];
        Statistics(positives, negatives, estimates);
        var collected = new List<double>[4];
        for (var s = 0; s < 4; s++)
        {
            collected[s] = new List<double>(options.Resamples);
        }

        int totalPositives = positives.Sum(), totalNegatives = negatives.Sum();
        var random = new Random(options.Seed);
        var drawPositives = new int[positives.Length];
        var drawNegatives = new int[negatives.Length];
        var resampled = new double[4];
        for (var r = 0; r < options.Resamples; r++)
        {
            BinomialSampler.Multinomial(random, totalPositives, positives, drawPositives);
            BinomialSampler.Multinomial(random, totalNegatives, negatives, drawNegatives);
            Statistics(drawPositives, drawNegatives, resampled);
            for (var s = 0; s < 4; s++)
            {
                if (!double.IsNaN(resampled[s]))
                {
                    collected[s].Add(resampled[s]);
                }
            }
        }

        var alpha = 1.0 - options.ConfidenceLevel;
        var intervals = new BootstrapInterval[4];
        for (var s = 0; s < 4; s++)
        {
            var sorted = collected[s];
            sorted.Sort();
            intervals[s] = sorted.Count == 0
                ? new BootstrapInterval(estimates[s], double.NaN, double.NaN, options.ConfidenceLevel, options.Resamples, 0)
                : new BootstrapInterval(
                    estimates[s],
                    Bootstrap.Quantile(sorted, alpha / 2.0),
                    Bootstrap.Quantile(sorted, 1.0 - (alpha / 2.0)),
                    options.ConfidenceLevel,
                    options.Resamples,
                    sorted.Count);
        }

        return new DiscriminationIntervals(intervals[0], intervals[1], intervals[2], intervals[3]);
    }
}
