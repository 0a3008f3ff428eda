namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Maximum-likelihood logistic regression P(y = 1 | s) = 1 / (1 + exp(−(a + b·s))) of the outcome on a score that is not
/// a probability (a points total, a rank), by Newton-Raphson with step halving on the standardised score. It turns a
/// score into probabilities for figures that need them (IDI, NRI) — fitted on the same cases, so in-sample. For a
/// probability p the same model on logit(p) is the Cox recalibration of <see cref="Calibration"/>.
/// </summary>
internal static class LogisticRecalibration
{
    private const int MaxIterations = 100;
    private const double Tolerance = 1e-10;

    /// <summary>Fits a and b and writes the fitted probabilities; false (with the reason) when the fit is impossible.</summary>
    public static bool TryFit(ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes, double[] probabilities, out double intercept, out double slope, out string problem)
    {
        intercept = double.NaN;
        slope = double.NaN;
        var n = scores.Length;
        double mean = 0, m2 = 0;
        var events = 0;
        for (var i = 0; i < n; i++)
        {
            var delta = scores[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (scores[i] - mean);
            events += outcomes[i] ? 1 : 0;
        }

        var sd = n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0.0;
        if (events == 0 || events == n)
        {
            problem = "all outcomes are equal, so no logistic recalibration can be fitted";
            return false;
        }

        if (!(sd > 0.0) || !double.IsFinite(sd))
        {
            problem = "the score has one value only (or an infinite one), so its logistic recalibration has no slope";
            return false;
        }

        double a = Math.Log((double)events / (n - events)), b = 0.0;
        var logLikelihood = LogLikelihood(scores, outcomes, mean, sd, a, b);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            double g0 = 0, g1 = 0, i00 = 0, i01 = 0, i11 = 0;
            for (var i = 0; i < n; i++)
            {
                var x = (scores[i] - mean) / sd;
                var mu = Logistic(a + (b * x));
                var r = (outcomes[i] ? 1.0 : 0.0) - mu;
                var w = mu * (1.0 - mu);
                g0 += r;
                g1 += r * x;
                i00 += w;
                i01 += w * x;
                i11 += w * x * x;
            }

            var determinant = (i00 * i11) - (i01 * i01);
            if (!(determinant > 0.0))
            {
                break;
            }

            var stepA = ((i11 * g0) - (i01 * g1)) / determinant;
            var stepB = ((i00 * g1) - (i01 * g0)) / determinant;
            var scale = 1.0;
            var newLogLikelihood = LogLikelihood(scores, outcomes, mean, sd, a + stepA, b + stepB);
            for (var halvings = 0; halvings < 30 && newLogLikelihood < logLikelihood - 1e-12; halvings++)
            {
                scale /= 2.0;
                newLogLikelihood = LogLikelihood(scores, outcomes, mean, sd, a + (scale * stepA), b + (scale * stepB));
            }

            a += scale * stepA;
            b += scale * stepB;
            logLikelihood = newLogLikelihood;
            if (Math.Max(Math.Abs(scale * stepA), Math.Abs(scale * stepB)) < Tolerance * (1.0 + Math.Max(Math.Abs(a), Math.Abs(b))))
            {
                for (var i = 0; i < n; i++)
                {
                    probabilities[i] = Logistic(a + (b * (scores[i] - mean) / sd));
                }

                // Back to the original score scale: a + b·(s − mean)/sd.
                slope = b / sd;
                intercept = a - (b * mean / sd);
                problem = string.Empty;
                return true;
            }
        }

        problem = "the logistic recalibration did not converge; the score may separate the outcomes perfectly";
        return false;
    }

    private static double LogLikelihood(ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes, double mean, double sd, double a, double b)
    {
        var sum = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            var eta = a + (b * (scores[i] - mean) / sd);

            // log σ(η) = −log(1 + e^−η), log(1 − σ(η)) = −log(1 + e^η), computed without overflow.
            sum -= outcomes[i] ? Softplus(-eta) : Softplus(eta);
        }

        return sum;
    }

    private static double Softplus(double x) => x > 0 ? x + double.LogP1(Math.Exp(-x)) : double.LogP1(Math.Exp(x));

    private static double Logistic(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
