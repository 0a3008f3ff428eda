namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Seeded nonparametric percentile bootstrap (Efron &amp; Tibshirani 1993, An Introduction to the Bootstrap, ch. 13):
/// cases are resampled with replacement, the statistic is recomputed on each resample, and the interval is formed by the
/// quantiles of those values. For figures without a closed-form interval: NND, NSD, Brier score, calibration slope.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// Runs a bootstrap of any statistic over <paramref name="caseCount"/> cases. The statistic receives the indices
    /// of a resample (a reused buffer — do not keep it); returning NaN marks the resample invalid.
    /// </summary>
    /// <param name="caseCount">Number of cases, at least 1.</param>
    /// <param name="statistic">Computes the statistic from case indices.</param>
    /// <param name="options">Seed, number of resamples and confidence level.</param>
    /// <returns>The estimate on the original sample and its percentile interval (NaN limits when no resample is valid).</returns>
    /// <exception cref="ArgumentException">No cases, fewer than 10 resamples, or a confidence level outside (0, 1).</exception>
    public static BootstrapInterval Percentile(int caseCount, Func<int[], double> statistic, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (caseCount < 1)
        {
            throw new ArgumentException($"A bootstrap needs at least one case; got {caseCount}.", nameof(caseCount));
        }

        var indices = new int[caseCount];
        for (var i = 0; i < caseCount; i++)
        {
            indices[i] = i;
        }

        var estimate = statistic(indices);
        var random = new Random(options.Seed);
        var values = new List<double>(options.Resamples);
        for (var r = 0; r < options.Resamples; r++)
        {
            for (var i = 0; i < caseCount; i++)
            {
                indices[i] = random.Next(caseCount);
            }

            var value = statistic(indices);
            if (!double.IsNaN(value))
            {
                values.Add(value);
            }
        }

        if (values.Count == 0)
        {
            return new BootstrapInterval(estimate, double.NaN, double.NaN, options.ConfidenceLevel, options.Resamples, 0);
        }

        values.Sort();
        var alpha = 1.0 - options.ConfidenceLevel;
        return new BootstrapInterval(
            estimate,
            Quantile(values, alpha / 2.0),
            Quantile(values, 1.0 - (alpha / 2.0)),
            options.ConfidenceLevel,
            options.Resamples,
            values.Count);
    }

    /// <summary>Bootstrap interval of the number needed to detain, 1 / PPV, for a fixed flag per case.</summary>
    /// <param name="flagged">Whether each case is flagged (e.g. score ≥ threshold, or band at or above k).</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="options">Seed, number of resamples and confidence level.</param>
    /// <returns>NND and its percentile interval; resamples with nothing flagged are invalid.</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, or the options are invalid.</exception>
    public static BootstrapInterval NumberNeededToDetain(ReadOnlySpan<bool> flagged, ReadOnlySpan<bool> outcomes, BootstrapOptions options)
    {
        var (f, y) = Flags(flagged, outcomes);
        return Percentile(f.Length, ix =>
        {
            int tp = 0, fp = 0;
            foreach (var i in ix)
            {
                if (f[i])
                {
                    if (y[i])
                    {
                        tp++;
                    }
                    else
                    {
                        fp++;
                    }
                }
            }

            return NumberNeeded.ToDetain(tp, fp);
        }, options);
    }

    /// <summary>Bootstrap interval of the number safely discharged, TN / FN, for a fixed flag per case.</summary>
    /// <param name="flagged">Whether each case is flagged (e.g. score ≥ threshold, or band at or above k).</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="options">Seed, number of resamples and confidence level.</param>
    /// <returns>NSD and its percentile interval; resamples with nothing unflagged are invalid.</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, or the options are invalid.</exception>
    public static BootstrapInterval NumberSafelyDischarged(ReadOnlySpan<bool> flagged, ReadOnlySpan<bool> outcomes, BootstrapOptions options)
    {
        var (f, y) = Flags(flagged, outcomes);
        return Percentile(f.Length, ix =>
        {
            int tn = 0, fn = 0;
            foreach (var i in ix)
            {
                if (!f[i])
                {
                    if (y[i])
                    {
                        fn++;
                    }
                    else
                    {
                        tn++;
                    }
                }
            }

            return NumberNeeded.SafelyDischarged(tn, fn);
        }, options);
    }

    /// <summary>Bootstrap interval of the Brier score.</summary>
    /// <param name="probabilities">Predicted probability per case, in [0, 1].</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="options">Seed, number of resamples and confidence level.</param>
    /// <returns>The Brier score and its percentile interval.</returns>
    /// <exception cref="ArgumentException">As <see cref="BrierScore.Compute"/>, or the options are invalid.</exception>
    public static BootstrapInterval BrierScore(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes, BootstrapOptions options)
    {
        InputGuard.ProbabilitiesAndOutcomes(probabilities, outcomes);
        var squared = new double[probabilities.Length];
        for (var i = 0; i < squared.Length; i++)
        {
            var d = probabilities[i] - (outcomes[i] ? 1.0 : 0.0);
            squared[i] = d * d;
        }

        return Percentile(squared.Length, ix =>
        {
            var sum = 0.0;
            foreach (var i in ix)
            {
                sum += squared[i];
            }

            return sum / ix.Length;
        }, options);
    }

    /// <summary>Bootstrap interval of the calibration slope (Cox recalibration).</summary>
    /// <param name="probabilities">Predicted probability per case, in [0, 1].</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="options">Seed, number of resamples and confidence level.</param>
    /// <returns>The slope and its percentile interval; resamples where the fit fails (one outcome only, separation) are invalid.</returns>
    /// <exception cref="ArgumentException">As <see cref="Calibration.Fit"/> on the full sample, or the options are invalid.</exception>
    public static BootstrapInterval CalibrationSlope(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes, BootstrapOptions options)
        => CalibrationParameter(probabilities, outcomes, options, static r => r.Slope);

    /// <summary>Bootstrap interval of the calibration intercept a of logit P = a + b·logit(p).</summary>
    /// <param name="probabilities">Predicted probability per case, in [0, 1].</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="options">Seed, number of resamples and confidence level.</param>
    /// <returns>The intercept and its percentile interval; resamples where the fit fails are invalid.</returns>
    /// <exception cref="ArgumentException">As <see cref="Calibration.Fit"/> on the full sample, or the options are invalid.</exception>
    public static BootstrapInterval CalibrationIntercept(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes, BootstrapOptions options)
        => CalibrationParameter(probabilities, outcomes, options, static r => r.Intercept);

    private static BootstrapInterval CalibrationParameter(
        ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes, BootstrapOptions options, Func<CalibrationResult, double> select)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Calibration.Fit(probabilities, outcomes);
        var p = probabilities.ToArray();
        var y = outcomes.ToArray();
        var pb = new double[p.Length];
        var yb = new bool[y.Length];
        return Percentile(p.Length, ix =>
        {
            for (var k = 0; k < ix.Length; k++)
            {
                pb[k] = p[ix[k]];
                yb[k] = y[ix[k]];
            }

            return Calibration.TryFit(pb, yb, out var fit, out _) ? select(fit) : double.NaN;
        }, options);
    }

    private static (bool[] Flagged, bool[] Outcomes) Flags(ReadOnlySpan<bool> flagged, ReadOnlySpan<bool> outcomes)
    {
        if (flagged.Length != outcomes.Length)
        {
            throw new ArgumentException(
                $"Length mismatch: flagged has {flagged.Length} values but outcomes has {outcomes.Length}.", nameof(flagged));
        }

        if (flagged.Length == 0)
        {
            throw new ArgumentException("flagged is empty; at least one case is needed.", nameof(flagged));
        }

        return (flagged.ToArray(), outcomes.ToArray());
    }

    /// <summary>Type-7 sample quantile (linear interpolation between order statistics) of ascending values; copes with ±∞.</summary>
    internal static double Quantile(List<double> ascending, double tau)
    {
        var h = (ascending.Count - 1) * tau;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, ascending.Count - 1);
        var fraction = h - lo;
        var a = ascending[lo];
        var b = ascending[hi];
        if (fraction == 0.0 || a == b)
        {
            return a;
        }

        if (double.IsNegativeInfinity(a))
        {
            return a;
        }

        return double.IsPositiveInfinity(b) ? b : a + (fraction * (b - a));
    }
}
