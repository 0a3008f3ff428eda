namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Pointwise confidence band of the empirical ROC curve: the sensitivity at a fixed grid of specificities with a seeded,
/// stratified percentile bootstrap (cases and controls resampled separately, so every resample keeps the sample's
/// numbers of each), as pROC's <c>ci.se(roc, specificities = seq(0, 1, 0.02), boot.n, boot.stratified = TRUE)</c>
/// (Robin et al. 2011, BMC Bioinformatics 12:77; Fawcett 2006 for the empirical curve).
/// </summary>
/// <remarks>
/// The curve depends on the data only through the numbers of cases and of controls at each distinct score, so a
/// resample is two multinomial draws over those counts (<see cref="BinomialSampler"/>), O(distinct scores) instead of
/// O(rows). The sensitivity at specificity sp is read off the curve's vertices (FPR, TPR) as follows: with x = 1 − sp,
/// when some vertices have FPR = x the highest of their TPRs (the top of the vertical segment) is taken; otherwise TPR
/// is interpolated linearly between the last vertex with FPR &lt; x and the first with FPR &gt; x.
/// </remarks>
public static class RocBand
{
    /// <summary>Specificities 0, 0.02, …, 1 (51 points), the default grid.</summary>
    public static IReadOnlyList<double> DefaultSpecificities { get; } = [.. Enumerable.Range(0, 51).Select(static k => k / 50.0)];

    /// <summary>Computes the curve's sensitivity on the grid and its pointwise bootstrap band from scores and outcomes.</summary>
    /// <param name="scores">One score per case; NaN is rejected.</param>
    /// <param name="outcomes">One outcome per case; both outcomes must occur.</param>
    /// <param name="specificities">Grid of specificities in [0, 1], ascending.</param>
    /// <param name="options">Seed, number of resamples and confidence level.</param>
    /// <returns>The band.</returns>
    /// <exception cref="ArgumentException">Bad scores or outcomes (as <see cref="RocCurve.Compute"/>), a bad grid, or invalid options.</exception>
    public static RocBandResult Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes, IReadOnlyList<double> specificities, BootstrapOptions options)
    {
        InputGuard.BothClasses(scores, outcomes, 1, "ROC band");
        var distinct = Computation.DistinctScores.From(scores, outcomes);
        return FromCounts(distinct.WithOutcome, distinct.WithoutOutcome, specificities, options);
    }

    /// <summary>
    /// Computes the band from the numbers of cases (<paramref name="withOutcome"/>) and controls
    /// (<paramref name="withoutOutcome"/>) at each distinct score, lowest score first.
    /// </summary>
    /// <param name="withOutcome">Cases at each distinct score, ascending scores.</param>
    /// <param name="withoutOutcome">Controls at each distinct score, same order.</param>
    /// <param name="specificities">Grid of specificities in [0, 1], ascending.</param>
    /// <param name="options">Seed, number of resamples and confidence level.</param>
    /// <returns>The band; <see cref="RocBandResult.ScoreGroups"/> is null (the counts are used as given).</returns>
    /// <exception cref="ArgumentException">Lengths differ, a count is negative, a class is empty, a bad grid, or invalid options.</exception>
    public static RocBandResult FromCounts(ReadOnlySpan<int> withOutcome, ReadOnlySpan<int> withoutOutcome, IReadOnlyList<double> specificities, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(specificities);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (withOutcome.Length != withoutOutcome.Length)
        {
            throw new ArgumentException($"Length mismatch: withOutcome has {withOutcome.Length} cells but withoutOutcome has {withoutOutcome.Length}.", nameof(withOutcome));
        }

        var positives = Total(withOutcome, nameof(withOutcome));
        var negatives = Total(withoutOutcome, nameof(withoutOutcome));
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException("The ROC band needs cases with and without the outcome; one group is empty.", nameof(withOutcome));
        }

        for (var g = 0; g < specificities.Count; g++)
        {
            if (!(specificities[g] >= 0.0 && specificities[g] <= 1.0) || (g > 0 && specificities[g] < specificities[g - 1]))
            {
                throw new ArgumentException($"specificities[{g}] is {specificities[g]}; the grid must be ascending within [0, 1].", nameof(specificities));
            }
        }

        var estimate = new double[specificities.Count];
        SensitivityAt(withOutcome, withoutOutcome, specificities, estimate);
        var values = new double[specificities.Count][];
        for (var g = 0; g < values.Length; g++)
        {
            values[g] = new double[options.Resamples];
        }

        var random = new Random(options.Seed);
        var drawWith = new int[withOutcome.Length];
        var drawWithout = new int[withoutOutcome.Length];
        var resampled = new double[specificities.Count];
        for (var r = 0; r < options.Resamples; r++)
        {
            // Stratified: the cases and the controls are each resampled to their own number.
            BinomialSampler.Multinomial(random, (int)positives, withOutcome, drawWith);
            BinomialSampler.Multinomial(random, (int)negatives, withoutOutcome, drawWithout);
            SensitivityAt(drawWith, drawWithout, specificities, resampled);
            for (var g = 0; g < resampled.Length; g++)
            {
                values[g][r] = resampled[g];
            }
        }

        var alpha = 1.0 - options.ConfidenceLevel;
        var lower = new double[specificities.Count];
        var upper = new double[specificities.Count];
        for (var g = 0; g < values.Length; g++)
        {
            var sorted = new List<double>(values[g]);
            sorted.Sort();
            lower[g] = Bootstrap.Quantile(sorted, alpha / 2.0);
            upper[g] = Bootstrap.Quantile(sorted, 1.0 - (alpha / 2.0));
        }

        return new RocBandResult
        {
            Specificities = [.. specificities],
            Sensitivity = estimate,
            Lower = lower,
            Upper = upper,
            ConfidenceLevel = options.ConfidenceLevel,
            Resamples = options.Resamples,
        };
    }

    /// <summary>
    /// The empirical curve's sensitivity at each specificity of the grid (the rule in the remarks of <see cref="RocBand"/>),
    /// from the counts per distinct score, lowest score first.
    /// </summary>
    /// <param name="withOutcome">Cases at each distinct score.</param>
    /// <param name="withoutOutcome">Controls at each distinct score.</param>
    /// <param name="specificities">Ascending grid in [0, 1].</param>
    /// <param name="sensitivity">Receives one sensitivity per grid point.</param>
    /// <exception cref="ArgumentException">Lengths differ or a class is empty.</exception>
    public static void SensitivityAt(ReadOnlySpan<int> withOutcome, ReadOnlySpan<int> withoutOutcome, IReadOnlyList<double> specificities, Span<double> sensitivity)
    {
        ArgumentNullException.ThrowIfNull(specificities);
        if (withOutcome.Length != withoutOutcome.Length || sensitivity.Length != specificities.Count)
        {
            throw new ArgumentException("withOutcome and withoutOutcome must be equally long, and sensitivity as long as the grid.", nameof(withOutcome));
        }

        long positives = 0, negatives = 0;
        for (var k = 0; k < withOutcome.Length; k++)
        {
            positives += withOutcome[k];
            negatives += withoutOutcome[k];
        }

        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException("The sensitivity at a specificity needs cases with and without the outcome.", nameof(withOutcome));
        }

        // Grid points are visited from the highest specificity (lowest FPR) down, while the thresholds go from the
        // highest score down: one merged sweep, O(cells + grid).
        long tp = 0, fp = 0;
        var cell = withOutcome.Length - 1;
        for (var g = specificities.Count - 1; g >= 0; g--)
        {
            // The target number of false positives; the tolerance absorbs the rounding of 1 − sp.
            var target = (1.0 - specificities[g]) * negatives;
            const double tolerance = 1e-9;

            // Advance while the next vertex stays at or left of the target.
            while (cell >= 0 && fp + withoutOutcome[cell] <= target + tolerance)
            {
                tp += withOutcome[cell];
                fp += withoutOutcome[cell];
                cell--;
            }

            if (Math.Abs(fp - target) <= tolerance || cell < 0)
            {
                // On a vertex (the highest TPR of all vertices at this FPR, since TPR only grows along the sweep).
                sensitivity[g] = (double)tp / positives;
            }
            else
            {
                // Between vertex (fp, tp) and the next one: linear interpolation.
                var nextTp = tp + withOutcome[cell];
                var nextFp = fp + withoutOutcome[cell];
                var fraction = (target - fp) / (nextFp - fp);
                sensitivity[g] = (tp + (fraction * (nextTp - tp))) / positives;
            }

        }
    }

    /// <summary>
    /// Merges adjacent distinct scores into at most <paramref name="maxGroups"/> groups of about equal numbers of rows
    /// (never splitting a distinct score), so a bootstrap over a score with a million distinct values stays O(groups)
    /// per resample. The grouped curve is the chord through every group boundary's vertex of the full curve.
    /// </summary>
    /// <param name="withOutcome">Cases at each distinct score, ascending.</param>
    /// <param name="withoutOutcome">Controls at each distinct score.</param>
    /// <param name="maxGroups">Most groups, at least 2.</param>
    /// <returns>The grouped counts (unchanged copies when there are no more cells than groups).</returns>
    public static (int[] WithOutcome, int[] WithoutOutcome) Group(ReadOnlySpan<int> withOutcome, ReadOnlySpan<int> withoutOutcome, int maxGroups)
    {
        if (maxGroups < 2)
        {
            throw new ArgumentException($"maxGroups must be at least 2; got {maxGroups}.", nameof(maxGroups));
        }

        if (withOutcome.Length <= maxGroups)
        {
            return (withOutcome.ToArray(), withoutOutcome.ToArray());
        }

        long total = 0;
        for (var k = 0; k < withOutcome.Length; k++)
        {
            total += withOutcome[k] + withoutOutcome[k];
        }

        var with = new List<int>(maxGroups);
        var without = new List<int>(maxGroups);
        long cumulative = 0;
        var open = false;
        for (var k = 0; k < withOutcome.Length; k++)
        {
            // An empty cell moves no vertex of the curve.
            if (withOutcome[k] + withoutOutcome[k] == 0)
            {
                continue;
            }

            if (!open)
            {
                with.Add(0);
                without.Add(0);
                open = true;
            }

            with[^1] += withOutcome[k];
            without[^1] += withoutOutcome[k];
            cumulative += withOutcome[k] + withoutOutcome[k];

            // Close the group once it reaches its share of the rows.
            if (cumulative * maxGroups >= total * with.Count)
            {
                open = false;
            }
        }

        return ([.. with], [.. without]);
    }

    private static long Total(ReadOnlySpan<int> counts, string name)
    {
        long total = 0;
        for (var k = 0; k < counts.Length; k++)
        {
            if (counts[k] < 0)
            {
                throw new ArgumentException($"{name}[{k}] is {counts[k]}; counts must not be negative.", name);
            }

            total += counts[k];
        }

        if (total > int.MaxValue)
        {
            throw new ArgumentException($"{name} holds more than {int.MaxValue} cases.", name);
        }

        return total;
    }
}
