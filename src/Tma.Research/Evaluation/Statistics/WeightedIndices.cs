namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// The optimism bootstrap's indices over weighted units: a bootstrap sample is the count of each row in it, and a
/// points score with K distinct values is K × 2 cells with counts, so one resample of a million rows costs O(K log K)
/// rather than O(N log N). With integer weights every index equals the unweighted one on the expanded rows.
/// </summary>
internal static class WeightedIndices
{
    private const int MaxIterations = 100;
    private const double Tolerance = 1e-10;

    /// <summary>Mann-Whitney AUC with weights: Σ wᵢwⱼ·[ηᵢ &gt; ηⱼ, ½ for ties] over positive i and negative j, divided by W₁·W₀; NaN when either weight sum is 0.</summary>
    public static double Auc(double[] eta, bool[] y, double[] w, int[] order)
    {
        // order: unit indices sorted by η (ascending), computed once per η.
        double negativesBelow = 0, numerator = 0, positives = 0, negatives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            double p = 0, n = 0;
            while (end < order.Length && eta[order[end]] == eta[order[start]])
            {
                var unit = order[end++];
                if (y[unit])
                {
                    p += w[unit];
                }
                else
                {
                    n += w[unit];
                }
            }

            numerator += p * (negativesBelow + (0.5 * n));
            negativesBelow += n;
            positives += p;
            negatives += n;
            start = end;
        }

        return positives > 0 && negatives > 0 ? numerator / (positives * negatives) : double.NaN;
    }

    /// <summary>The units sorted by η, for <see cref="Auc"/>.</summary>
    public static int[] Order(double[] eta)
    {
        var order = new int[eta.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort((double[])eta.Clone(), order);
        return order;
    }

    /// <summary>Weighted Brier score of σ(η).</summary>
    public static double Brier(double[] eta, bool[] y, double[] w)
    {
        double sum = 0, total = 0;
        for (var i = 0; i < eta.Length; i++)
        {
            var d = Calibration.Logistic(eta[i]) - (y[i] ? 1.0 : 0.0);
            sum += w[i] * d * d;
            total += w[i];
        }

        return total > 0 ? sum / total : double.NaN;
    }

    /// <summary>
    /// Weighted maximum-likelihood logistic regression logit P = a + b·x by Newton-Raphson with step halving (as
    /// <see cref="Calibration"/>); false when the outcomes (with weight) are all equal, x is constant, or it does not converge.
    /// </summary>
    public static bool TryFitLine(double[] x, bool[] y, double[] w, out double a, out double b)
    {
        a = b = double.NaN;
        double events = 0, total = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var i = 0; i < x.Length; i++)
        {
            if (w[i] > 0)
            {
                events += y[i] ? w[i] : 0;
                total += w[i];
                min = Math.Min(min, x[i]);
                max = Math.Max(max, x[i]);
            }
        }

        if (!(total > 0) || events == 0 || events == total || !(min < max) || !double.IsFinite(min) || !double.IsFinite(max))
        {
            return false;
        }

        double ca = 0, cb = 1;
        var logLikelihood = LogLikelihood(x, y, w, ca, cb);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            double g0 = 0, g1 = 0, i00 = 0, i01 = 0, i11 = 0;
            for (var i = 0; i < x.Length; i++)
            {
                if (w[i] == 0)
                {
                    continue;
                }

                var mu = Calibration.Logistic(ca + (cb * x[i]));
                var residual = w[i] * ((y[i] ? 1.0 : 0.0) - mu);
                var weight = w[i] * mu * (1.0 - mu);
                g0 += residual;
                g1 += residual * x[i];
                i00 += weight;
                i01 += weight * x[i];
                i11 += weight * x[i] * x[i];
            }

            var determinant = (i00 * i11) - (i01 * i01);
            var stepA = ((i11 * g0) - (i01 * g1)) / determinant;
            var stepB = ((i00 * g1) - (i01 * g0)) / determinant;
            if (!double.IsFinite(stepA) || !double.IsFinite(stepB))
            {
                return false;
            }

            var scale = 1.0;
            double newA = ca + stepA, newB = cb + stepB;
            var newLogLikelihood = LogLikelihood(x, y, w, newA, newB);
            for (var halvings = 0; halvings < 30 && newLogLikelihood < logLikelihood - 1e-12; halvings++)
            {
                scale /= 2.0;
                newA = ca + (scale * stepA);
                newB = cb + (scale * stepB);
                newLogLikelihood = LogLikelihood(x, y, w, newA, newB);
            }

            var change = Math.Max(Math.Abs(newA - ca), Math.Abs(newB - cb));
            (ca, cb, logLikelihood) = (newA, newB, newLogLikelihood);
            if (change < Tolerance * (1.0 + Math.Max(Math.Abs(ca), Math.Abs(cb))))
            {
                (a, b) = (ca, cb);
                return true;
            }
        }

        return false;
    }

    private static double LogLikelihood(double[] x, bool[] y, double[] w, double a, double b)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            if (w[i] == 0)
            {
                continue;
            }

            var eta = a + (b * x[i]);
            sum -= w[i] * (y[i] ? Softplus(-eta) : Softplus(eta));
        }

        return sum;
    }

    private static double Softplus(double v) => v > 0 ? v + Math.Log(1.0 + Math.Exp(-v)) : Math.Log(1.0 + Math.Exp(v));
}
