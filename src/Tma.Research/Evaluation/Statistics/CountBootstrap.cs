namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Computes statistics from the cell counts of one resample. Write one value per statistic into
/// <paramref name="values"/>; NaN marks the statistic undefined on this resample.
/// </summary>
/// <param name="counts">Resampled count per cell, in the order of the original cells.</param>
/// <param name="values">Receives one value per statistic.</param>
public delegate void CellStatistics(ReadOnlySpan<int> counts, Span<double> values);

/// <summary>
/// The nonparametric percentile bootstrap (Efron &amp; Tibshirani 1993, ch. 13) for statistics that depend on the data only
/// through the counts of a few cells — a 2×2 table, the cases per band and outcome, per distinct score and outcome.
/// Drawing N cases with replacement from cells with counts c₁…c_K gives cell counts that are multinomial(N, c/N); this
/// class draws those counts directly (successive exact binomials, O(K) per resample) instead of drawing N case indices,
/// so the interval has the same distribution as <see cref="Bootstrap.Percentile"/>'s but costs nothing for a million
/// cases. Seeded, deterministic, quantiles of type 7 as in <see cref="Bootstrap"/>.
/// </summary>
public static class CountBootstrap
{
    /// <summary>Bootstraps several statistics of the same cell counts jointly (one multinomial draw per resample).</summary>
    /// <param name="cellCounts">The observed count per cell (all ≥ 0, total ≥ 1).</param>
    /// <param name="statisticCount">How many statistics <paramref name="statistics"/> computes, at least 1.</param>
    /// <param name="statistics">Computes the statistics from counts; called once on the observed counts, then once per resample.</param>
    /// <param name="options">Seed, number of resamples and confidence level.</param>
    /// <returns>One interval per statistic; resamples where a statistic is NaN do not count for it.</returns>
    /// <exception cref="ArgumentException">A count is negative, all counts are 0, fewer than one statistic, or the options are invalid.</exception>
    public static IReadOnlyList<BootstrapInterval> Percentile(
        ReadOnlySpan<int> cellCounts, int statisticCount, CellStatistics statistics, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (statisticCount < 1)
        {
            throw new ArgumentException($"At least one statistic is needed; got {statisticCount}.", nameof(statisticCount));
        }

        long total = 0;
        for (var k = 0; k < cellCounts.Length; k++)
        {
            if (cellCounts[k] < 0)
            {
                throw new ArgumentException($"cellCounts[{k}] is {cellCounts[k]}; counts must not be negative.", nameof(cellCounts));
            }

            total += cellCounts[k];
        }

        if (total < 1 || total > int.MaxValue)
        {
            throw new ArgumentException($"The cells must hold between 1 and {int.MaxValue} cases; got {total}.", nameof(cellCounts));
        }

        var estimates = new double[statisticCount];
        statistics(cellCounts, estimates);
        var values = new List<double>[statisticCount];
        for (var s = 0; s < statisticCount; s++)
        {
            values[s] = new List<double>(options.Resamples);
        }

        var random = new Random(options.Seed);
        var draw = new int[cellCounts.Length];
        var resampled = new double[statisticCount];
        for (var r = 0; r < options.Resamples; r++)
        {
            BinomialSampler.Multinomial(random, (int)total, cellCounts, draw);
            Array.Fill(resampled, double.NaN);
            statistics(draw, resampled);
            for (var s = 0; s < statisticCount; s++)
            {
                if (!double.IsNaN(resampled[s]))
                {
                    values[s].Add(resampled[s]);
                }
            }
        }

        var alpha = 1.0 - options.ConfidenceLevel;
        var result = new BootstrapInterval[statisticCount];
        for (var s = 0; s < statisticCount; s++)
        {
            var sorted = values[s];
            if (sorted.Count == 0)
            {
                result[s] = new BootstrapInterval(estimates[s], double.NaN, double.NaN, options.ConfidenceLevel, options.Resamples, 0);
                continue;
            }

            sorted.Sort();
            result[s] = new BootstrapInterval(
                estimates[s],
                Bootstrap.Quantile(sorted, alpha / 2.0),
                Bootstrap.Quantile(sorted, 1.0 - (alpha / 2.0)),
                options.ConfidenceLevel,
                options.Resamples,
                sorted.Count);
        }

        return result;
    }

    /// <summary>
    /// Bootstrap intervals of the number needed to detain (1 / PPV) and the number safely discharged (TN / FN) of one 2×2
    /// table, resampling all cases (so the numbers flagged and unflagged vary too, as in
    /// <see cref="Bootstrap.NumberNeededToDetain"/> and <see cref="Bootstrap.NumberSafelyDischarged"/>).
    /// </summary>
    /// <param name="truePositives">Flagged cases with the outcome.</param>
    /// <param name="falsePositives">Flagged cases without the outcome.</param>
    /// <param name="trueNegatives">Unflagged cases without the outcome.</param>
    /// <param name="falseNegatives">Unflagged cases with the outcome.</param>
    /// <param name="options">Seed, number of resamples and confidence level.</param>
    /// <returns>Both intervals; a resample with nothing flagged (unflagged) is invalid for NND (NSD).</returns>
    /// <exception cref="ArgumentException">A count is negative, the table is empty, or the options are invalid.</exception>
    public static NumberNeededIntervals NumberNeeded(
        int truePositives, int falsePositives, int trueNegatives, int falseNegatives, BootstrapOptions options)
    {
        ReadOnlySpan<int> cells = [truePositives, falsePositives, trueNegatives, falseNegatives];
        var intervals = Percentile(cells, 2, static (c, v) =>
        {
            v[0] = Statistics.NumberNeeded.ToDetain(c[0], c[1]);
            v[1] = Statistics.NumberNeeded.SafelyDischarged(c[2], c[3]);
        }, options);
        return new NumberNeededIntervals(intervals[0], intervals[1]);
    }
}
