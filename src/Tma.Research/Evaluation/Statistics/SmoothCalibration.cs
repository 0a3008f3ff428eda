namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Flexible (smooth) calibration as <c>rms::val.prob</c> reports it: the lowess curve of the outcome on the prediction
/// (<see cref="Lowess"/>, f = 2/3, no robustness iterations), the calibration errors |pᵢ − smooth(pᵢ)| summarised as
/// ICI (= Eavg), E50, E90 and Emax (Austin &amp; Steyerberg 2019, Stat Med 38:4051–4065), and a pointwise percentile
/// bootstrap band of the curve on a fixed grid.
/// </summary>
/// <remarks>
/// The band: each bootstrap resample refits the smoother, which on a million rows costs too much to do row by row. The
/// rows, sorted by prediction, are therefore cut into at most <see cref="MaxBandGroups"/> consecutive groups of equal
/// size, each standing at its mean prediction; a resample draws the count of every (group, outcome) cell from the
/// multinomial distribution that resampling all rows gives (<see cref="CountBootstrap"/>), and the smoother is the
/// same local tricube-weighted line, fitted directly at each grid point through the f·N nearest resampled rows with
/// the counts as case weights. With at most 1,000 rows every row is its own group and this is the row bootstrap of
/// the lowess fit itself. Resamples are capped at <see cref="MaxBandResamples"/>.
/// </remarks>
public static class SmoothCalibration
{
    /// <summary>Points of the grid the curve and its band are reported on (evenly spaced from the 1st to the 99th percentile of p).</summary>
    public const int GridPoints = 100;

    /// <summary>At most this many bootstrap resamples for the band (the band is a reading aid; the percentiles are stable long before).</summary>
    public const int MaxBandResamples = 1000;

    /// <summary>At most this many groups of consecutive predictions carry the band's bootstrap.</summary>
    public const int MaxBandGroups = 1000;

    /// <summary>Fits the smooth calibration curve, its summary errors and (with <paramref name="band"/>) its bootstrap band.</summary>
    /// <param name="probabilities">Predicted probability per case, in [0, 1].</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="band">Seed, resamples (capped at <see cref="MaxBandResamples"/>) and level of the band; null = no band.</param>
    /// <returns>The curve on the grid, the band, ICI, E50, E90 and Emax.</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, a probability is NaN or outside [0, 1], or the options are invalid.</exception>
    public static SmoothCalibrationResult Compute(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes, BootstrapOptions? band)
    {
        InputGuard.ProbabilitiesAndOutcomes(probabilities, outcomes);
        band?.Validate();
        var n = probabilities.Length;
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = outcomes[i] ? 1.0 : 0.0;
        }

        var curve = Lowess.Fit(probabilities, y);
        var atRows = Lowess.Interpolate(curve, probabilities);
        var errors = Errors(probabilities, atRows);
        var grid = Grid(curve.X);
        var onGrid = Lowess.Interpolate(curve, grid);
        double[]? lower = null, upper = null;
        var resamples = 0;
        var groups = 0;
        if (band is not null)
        {
            resamples = Math.Min(band.Resamples, MaxBandResamples);
            (lower, upper, groups) = Band(probabilities, outcomes, grid, band with { Resamples = resamples });
        }

        return new SmoothCalibrationResult
        {
            Span = Lowess.DefaultSpan,
            Grid = grid,
            Curve = onGrid,
            Lower = lower,
            Upper = upper,
            BandResamples = resamples,
            BandGroups = groups,
            Ici = errors.Average,
            E50 = errors.Median,
            E90 = errors.Percentile90,
            Emax = errors.Maximum,
        };
    }

    /// <summary>
    /// Summaries of the absolute calibration errors |pᵢ − sᵢ| between predictions and the smooth curve at them:
    /// mean (ICI, val.prob's Eavg), median (E50), 90th percentile (E90; type-7 quantile, R's default) and maximum (Emax).
    /// </summary>
    /// <param name="probabilities">Predicted probability per case.</param>
    /// <param name="smoothed">The calibration curve at each prediction (the observed-risk estimate).</param>
    /// <returns>The four summaries.</returns>
    /// <exception cref="ArgumentException">Lengths differ or input is empty.</exception>
    public static CalibrationErrors Errors(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> smoothed)
    {
        if (probabilities.Length != smoothed.Length || probabilities.Length == 0)
        {
            throw new ArgumentException(
                $"Need equally many predictions and smoothed values, at least one; got {probabilities.Length} and {smoothed.Length}.", nameof(smoothed));
        }

        var e = new double[probabilities.Length];
        var sum = 0.0;
        for (var i = 0; i < e.Length; i++)
        {
            e[i] = Math.Abs(probabilities[i] - smoothed[i]);
            sum += e[i];
        }

        Array.Sort(e);
        return new CalibrationErrors(sum / e.Length, Quantile7(e, 0.5), Quantile7(e, 0.9), e[^1]);
    }

    /// <summary>Type-7 quantile (R's default) of ascending values.</summary>
    internal static double Quantile7(double[] ascending, double tau)
    {
        var h = (ascending.Length - 1) * tau;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, ascending.Length - 1);
        return ascending[lo] + ((h - lo) * (ascending[hi] - ascending[lo]));
    }

    private static double[] Grid(double[] sortedX)
    {
        var from = Quantile7(sortedX, 0.01);
        var to = Quantile7(sortedX, 0.99);
        if (!(to > from))
        {
            return [from];
        }

        var grid = new double[GridPoints];
        for (var k = 0; k < GridPoints; k++)
        {
            grid[k] = from + ((to - from) * k / (GridPoints - 1));
        }

        grid[^1] = to;
        return grid;
    }

    private static (double[] Lower, double[] Upper, int Groups) Band(
        ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes, double[] grid, BootstrapOptions options)
    {
        var n = probabilities.Length;

        // Outcomes in the order of sortedX: sort (p, y) pairs by p (the order among ties does not matter here).
        var keys = probabilities.ToArray();
        var events = new bool[n];
        outcomes.CopyTo(events);
        Array.Sort(keys, events);

        var k = Math.Min(n, MaxBandGroups);
        var centres = new double[k];
        var cells = new int[2 * k];
        for (var g = 0; g < k; g++)
        {
            var start = (int)((long)g * n / k);
            var end = (int)((long)(g + 1) * n / k);
            var sum = 0.0;
            for (var i = start; i < end; i++)
            {
                sum += keys[i];
                cells[2 * g] += events[i] ? 1 : 0;
            }

            centres[g] = sum / (end - start);
            cells[(2 * g) + 1] = end - start - cells[2 * g];
        }

        var ns = Math.Max(2, Math.Min(n, (int)((Lowess.DefaultSpan * n) + 1e-7)));
        var range = keys[^1] - keys[0];
        var values = new List<double>[grid.Length];
        for (var j = 0; j < grid.Length; j++)
        {
            values[j] = new List<double>(options.Resamples);
        }

        var random = new Random(options.Seed);
        var draw = new int[cells.Length];
        var weights = new double[k];
        var rates = new double[k];
        for (var r = 0; r < options.Resamples; r++)
        {
            BinomialSampler.Multinomial(random, n, cells, draw);
            for (var g = 0; g < k; g++)
            {
                var count = draw[2 * g] + draw[(2 * g) + 1];
                weights[g] = count;
                rates[g] = count > 0 ? (double)draw[2 * g] / count : 0.0;
            }

            for (var j = 0; j < grid.Length; j++)
            {
                var value = WeightedLocalFit(centres, weights, rates, grid[j], ns, range);
                if (!double.IsNaN(value))
                {
                    values[j].Add(value);
                }
            }
        }

        var alpha = 1.0 - options.ConfidenceLevel;
        var lower = new double[grid.Length];
        var upper = new double[grid.Length];
        for (var j = 0; j < grid.Length; j++)
        {
            if (values[j].Count == 0)
            {
                lower[j] = upper[j] = double.NaN;
                continue;
            }

            values[j].Sort();
            lower[j] = Bootstrap.Quantile(values[j], alpha / 2.0);
            upper[j] = Bootstrap.Quantile(values[j], 1.0 - (alpha / 2.0));
        }

        return (lower, upper, k);
    }

    /// <summary>
    /// The lowess local fit at <paramref name="at"/> for points at <paramref name="x"/> (ascending) with case weights
    /// (counts): h is the distance to the farthest of the <paramref name="ns"/> nearest cases, weights are count ×
    /// tricube(r / h) with R's 0.001·h and 0.999·h rules, and the weighted least-squares line is evaluated at
    /// <paramref name="at"/> (the weighted mean when the points are too close together for a slope, as in R).
    /// </summary>
    internal static double WeightedLocalFit(double[] x, double[] counts, double[] y, double at, int ns, double range)
    {
        // Walk outwards from `at`, always taking the nearer side, until ns cases are in.
        var hi = Array.BinarySearch(x, at);
        hi = hi < 0 ? ~hi : hi;
        var lo = hi - 1;
        var taken = 0.0;
        var h = 0.0;
        while (taken < ns && (lo >= 0 || hi < x.Length))
        {
            var takeLeft = hi >= x.Length || (lo >= 0 && at - x[lo] <= x[hi] - at);
            if (takeLeft)
            {
                taken += counts[lo];
                if (counts[lo] > 0)
                {
                    h = Math.Max(h, at - x[lo]);
                }

                lo--;
            }
            else
            {
                taken += counts[hi];
                if (counts[hi] > 0)
                {
                    h = Math.Max(h, x[hi] - at);
                }

                hi++;
            }
        }

        // Groups not taken lie at least h away, beyond 0.999·h: only the taken ones (lo + 1 … hi − 1) can weigh.
        // One pass of weighted sums; the line at `at` is ȳ + (at − x̄)·Sxy/Sxx.
        var h9 = 0.999 * h;
        var h1 = 0.001 * h;
        double sw = 0, swx = 0, swy = 0, swxx = 0, swxy = 0;
        for (var g = lo + 1; g < hi; g++)
        {
            var r = Math.Abs(x[g] - at);
            if (counts[g] > 0 && r <= h9)
            {
                var w = counts[g] * Lowess.Tricube(r, h, h1);
                sw += w;
                swx += w * x[g];
                swy += w * y[g];
                swxx += w * x[g] * x[g];
                swxy += w * x[g] * y[g];
            }
        }

        if (!(sw > 0))
        {
            return double.NaN;
        }

        var centre = swx / sw;
        var mean = swy / sw;
        var spread = Math.Max(0.0, (swxx / sw) - (centre * centre));
        var covariance = (swxy / sw) - (centre * mean);
        return Math.Sqrt(spread) > 0.001 * range ? mean + ((at - centre) * covariance / spread) : mean;
    }
}

/// <summary>Summaries of the absolute differences between predictions and the smooth calibration curve.</summary>
/// <param name="Average">Mean, the integrated calibration index (ICI; val.prob's Eavg).</param>
/// <param name="Median">Median, E50.</param>
/// <param name="Percentile90">90th percentile, E90.</param>
/// <param name="Maximum">Maximum, Emax.</param>
public sealed record CalibrationErrors(double Average, double Median, double Percentile90, double Maximum);

/// <summary>The smooth calibration curve on a grid, its bootstrap band and the summary calibration errors.</summary>
public sealed record SmoothCalibrationResult
{
    /// <summary>The lowess span f (2/3, R's default).</summary>
    public required double Span { get; init; }

    /// <summary>Predicted probabilities where the curve is reported: evenly spaced from the 1st to the 99th percentile of p.</summary>
    public required IReadOnlyList<double> Grid { get; init; }

    /// <summary>The smooth curve (estimated observed risk) at each grid point, linearly interpolated between the lowess points.</summary>
    public required IReadOnlyList<double> Curve { get; init; }

    /// <summary>Lower limit of the pointwise percentile bootstrap band at each grid point; null when the bootstrap is off.</summary>
    public IReadOnlyList<double>? Lower { get; init; }

    /// <summary>Upper limit of the band; null when the bootstrap is off.</summary>
    public IReadOnlyList<double>? Upper { get; init; }

    /// <summary>Bootstrap resamples of the band: the requested number capped at <see cref="SmoothCalibration.MaxBandResamples"/>; 0 = no band.</summary>
    public required int BandResamples { get; init; }

    /// <summary>Groups of consecutive predictions the band's bootstrap was drawn on (the rows, when there are at most 1,000); 0 = no band.</summary>
    public required int BandGroups { get; init; }

    /// <summary>Integrated calibration index: mean |p − smooth(p)| over the rows (val.prob's Eavg).</summary>
    public required double Ici { get; init; }

    /// <summary>Median |p − smooth(p)|.</summary>
    public required double E50 { get; init; }

    /// <summary>90th percentile of |p − smooth(p)|.</summary>
    public required double E90 { get; init; }

    /// <summary>Largest |p − smooth(p)|.</summary>
    public required double Emax { get; init; }
}
