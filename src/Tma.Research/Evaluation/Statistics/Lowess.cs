namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Locally weighted linear regression (lowess) without robustness iterations, exactly as R's <c>lowess(x, y, iter = 0)</c>
/// computes it (Cleveland 1979, JASA 74:829–836; R's <c>clowess</c>), which is the smoother <c>rms::val.prob</c> draws
/// its calibration curve with. The fit at xᵢ uses the ns = max(2, ⌊f·n + 10⁻⁷⌋) points nearest to xᵢ (in sorted order),
/// tricube weights (1 − (r/h)³)³ with h the distance to the farthest of them (points closer than 0.001·h weigh 1,
/// points beyond 0.999·h nothing), and a weighted least-squares line. Points within <c>delta</c> of the last fitted point
/// are not fitted but interpolated linearly, which is what keeps a million rows fast: R's default delta is 1 % of the
/// range of x, so about 100 local fits are made, each O(ns).
/// </summary>
public static class Lowess
{
    /// <summary>R's default span f = 2/3: each local fit uses two thirds of the points.</summary>
    public const double DefaultSpan = 2.0 / 3.0;

    /// <summary>R's default delta as a fraction of the range of x (<c>delta = 0.01 * diff(range(x))</c>).</summary>
    public const double DefaultDeltaFraction = 0.01;

    /// <summary>Fits the lowess curve of <paramref name="y"/> on <paramref name="x"/>. O(n log n) for the sort plus O(n·ns·δ-fits).</summary>
    /// <param name="x">The predictor, finite values.</param>
    /// <param name="y">The response, finite values, as long as <paramref name="x"/>.</param>
    /// <param name="span">f in (0, 1]: the fraction of points each local fit uses. Default 2/3.</param>
    /// <param name="delta">Points within this distance of the last fitted x are interpolated; null = 1 % of the range of x (R's default); 0 fits every distinct x.</param>
    /// <returns>x sorted ascending (ties in input order, as R's <c>order</c>) with the fitted value at each.</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, a value is not finite, or the span or delta is out of range.</exception>
    public static LowessCurve Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double span = DefaultSpan, double? delta = null)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Length mismatch: x has {x.Length} values but y has {y.Length}.", nameof(y));
        }

        if (x.Length == 0)
        {
            throw new ArgumentException("x is empty; at least one point is needed.", nameof(x));
        }

        if (!(span > 0.0 && span <= 1.0))
        {
            throw new ArgumentException($"The span must lie in (0, 1]; got {span}.", nameof(span));
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]))
            {
                throw new ArgumentException($"Point {i} is ({x[i]}, {y[i]}); lowess needs finite values.", nameof(x));
            }
        }

        var (xs, ys) = SortStable(x, y);
        var range = xs[^1] - xs[0];
        var d = delta ?? (DefaultDeltaFraction * range);
        if (!(d >= 0.0) || double.IsInfinity(d))
        {
            throw new ArgumentException($"delta must be finite and not negative; got {d}.", nameof(delta));
        }

        return new LowessCurve(xs, FitSorted(xs, ys, span, d));
    }

    /// <summary>
    /// The curve at <paramref name="at"/> by linear interpolation between the fitted points (R's <c>approx(curve, xout = at,
    /// ties = mean)</c>; tied x have one fitted value, so the mean is that value), held constant beyond the ends.
    /// </summary>
    /// <param name="curve">A fitted curve.</param>
    /// <param name="at">Where to evaluate it.</param>
    /// <returns>One value per point of <paramref name="at"/>.</returns>
    public static double[] Interpolate(LowessCurve curve, ReadOnlySpan<double> at)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var result = new double[at.Length];
        for (var k = 0; k < at.Length; k++)
        {
            result[k] = Interpolate(curve.X, curve.Fitted, at[k]);
        }

        return result;
    }

    internal static double Interpolate(double[] xs, double[] fitted, double v)
    {
        if (v <= xs[0])
        {
            return fitted[0];
        }

        if (v >= xs[^1])
        {
            return fitted[^1];
        }

        // First index with xs[hi] > v; xs[hi − 1] ≤ v < xs[hi].
        int lo = 0, hi = xs.Length - 1;
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (xs[mid] <= v)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        if (xs[lo] == v)
        {
            return fitted[lo];
        }

        var alpha = (v - xs[lo]) / (xs[hi] - xs[lo]);
        return fitted[lo] + (alpha * (fitted[hi] - fitted[lo]));
    }

    /// <summary>R's <c>clowess</c> with no robustness step, on x sorted ascending.</summary>
    internal static double[] FitSorted(double[] x, double[] y, double span, double delta)
    {
        var n = x.Length;
        var fitted = new double[n];
        if (n < 2)
        {
            fitted[0] = y[0];
            return fitted;
        }

        var ns = Math.Max(2, Math.Min(n, (int)((span * n) + 1e-7)));
        var work = new double[n];

        // 0-based translation of R's 1-based loop: nleft..nright is the window of ns points, i the point to fit, last
        // the previous fitted point.
        int nleft = 0, nright = ns - 1, last = -1, i = 0;
        while (true)
        {
            if (nright < n - 1)
            {
                // Move the window right while that makes the radius smaller.
                var d1 = x[i] - x[nleft];
                var d2 = x[nright + 1] - x[i];
                if (d1 > d2)
                {
                    nleft++;
                    nright++;
                    continue;
                }
            }

            fitted[i] = LocalFit(x, y, x[i], nleft, nright, work, out var ok);
            if (!ok)
            {
                fitted[i] = y[i];
            }

            if (last < i - 1)
            {
                // Points skipped within delta: interpolate between the two fitted ones.
                var denominator = x[i] - x[last];
                for (var j = last + 1; j < i; j++)
                {
                    var alpha = (x[j] - x[last]) / denominator;
                    fitted[j] = (alpha * fitted[i]) + ((1.0 - alpha) * fitted[last]);
                }
            }

            last = i;
            var cut = x[last] + delta;
            for (i = last + 1; i < n; i++)
            {
                if (x[i] > cut)
                {
                    break;
                }

                if (x[i] == x[last])
                {
                    fitted[i] = fitted[last];
                    last = i;
                }
            }

            i = Math.Max(last + 1, i - 1);
            if (last >= n - 1)
            {
                break;
            }
        }

        return fitted;
    }

    /// <summary>
    /// R's <c>lowest</c>: the tricube-weighted least-squares line through the window around <paramref name="at"/>,
    /// evaluated at <paramref name="at"/>. Points to the right of the window tied with its last point are picked up.
    /// <paramref name="w"/> is a work array as long as x.
    /// </summary>
    private static double LocalFit(double[] x, double[] y, double at, int nleft, int nright, double[] w, out bool ok)
    {
        var n = x.Length;
        var range = x[n - 1] - x[0];
        var h = Math.Max(at - x[nleft], x[nright] - at);
        var h9 = 0.999 * h;
        var h1 = 0.001 * h;

        var sumWeights = 0.0;
        var j = nleft;
        for (; j < n; j++)
        {
            w[j] = 0.0;
            var r = Math.Abs(x[j] - at);
            if (r <= h9)
            {
                w[j] = Tricube(r, h, h1);
                sumWeights += w[j];
            }
            else if (x[j] > at)
            {
                break;
            }
        }

        var rightmost = j - 1;
        if (sumWeights <= 0.0)
        {
            ok = false;
            return double.NaN;
        }

        ok = true;
        for (j = nleft; j <= rightmost; j++)
        {
            w[j] /= sumWeights;
        }

        if (h > 0.0)
        {
            // Weighted centre of x and weighted spread about it; the fit is Σ wⱼ·(1 + b·(xⱼ − x̄))·yⱼ with
            // b = (at − x̄) / spread, i.e. the weighted least-squares line evaluated at `at`.
            var centre = 0.0;
            for (j = nleft; j <= rightmost; j++)
            {
                centre += w[j] * x[j];
            }

            var spread = 0.0;
            for (j = nleft; j <= rightmost; j++)
            {
                var dx = x[j] - centre;
                spread += w[j] * dx * dx;
            }

            if (Math.Sqrt(spread) > 0.001 * range)
            {
                var b = (at - centre) / spread;
                for (j = nleft; j <= rightmost; j++)
                {
                    w[j] *= (b * (x[j] - centre)) + 1.0;
                }
            }
        }

        var value = 0.0;
        for (j = nleft; j <= rightmost; j++)
        {
            value += w[j] * y[j];
        }

        return value;
    }

    /// <summary>(1 − (r/h)³)³, and 1 for r ≤ 0.001·h, as R computes it.</summary>
    internal static double Tricube(double r, double h, double h1)
    {
        if (r <= h1)
        {
            return 1.0;
        }

        var u = r / h;
        var c = 1.0 - (u * u * u);
        return c * c * c;
    }

    /// <summary>Sorts (x, y) by x; ties keep their input order (R's <c>order(x)</c> is stable).</summary>
    private static (double[] X, double[] Y) SortStable(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        var keys = x.ToArray();
        var index = new int[n];
        for (var i = 0; i < n; i++)
        {
            index[i] = i;
        }

        Array.Sort(keys, index);

        // Array.Sort is not stable: put each run of tied keys back into input order.
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(index, start, end - start);
            }

            start = end;
        }

        var ys = new double[n];
        for (var i = 0; i < n; i++)
        {
            ys[i] = y[index[i]];
        }

        return (keys, ys);
    }
}

/// <summary>A lowess curve: the points sorted by x with the fitted value at each.</summary>
/// <param name="X">x, ascending.</param>
/// <param name="Fitted">The smoothed value at each x.</param>
public sealed record LowessCurve(double[] X, double[] Fitted);
