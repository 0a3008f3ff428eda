using MathNet.Numerics.LinearAlgebra;

namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Calibration intercept and slope by logistic recalibration (Cox 1958, Biometrika 45:562–565), fitted by
/// Newton-Raphson (equivalently IRLS) with step halving, and calibration-in-the-large (slope fixed at 1, an offset
/// model; Steyerberg 2019, Clinical Prediction Models, 2nd ed., §15.3). Probabilities are clamped to
/// [1e-12, 1 − 1e-12] before the logit is taken.
/// </summary>
public static class Calibration
{
    /// <summary>Lower clamp for probabilities before taking the logit; the upper clamp is 1 minus this.</summary>
    public const double ProbabilityClamp = 1e-12;

    private const int MaxIterations = 100;
    private const double Tolerance = 1e-10;

    /// <summary>Fits the recalibration model and the calibration-in-the-large intercept. O(n) per iteration.</summary>
    /// <param name="probabilities">Predicted probability per case, in [0, 1].</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <returns>Intercept, slope, calibration-in-the-large and their standard errors.</returns>
    /// <exception cref="ArgumentException">
    /// Lengths differ, input is empty, a probability is NaN or outside [0, 1], all outcomes are equal, all predicted
    /// probabilities are equal (the slope is not identifiable), or the fit does not converge (typically because the
    /// predictions separate the outcomes perfectly, so the slope is infinite).
    /// </exception>
    public static CalibrationResult Fit(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes)
    {
        InputGuard.ProbabilitiesAndOutcomes(probabilities, outcomes);
        return TryFit(probabilities, outcomes, out var result, out var problem)
            ? result
            : throw new ArgumentException(problem, nameof(probabilities));
    }

    /// <summary>As <see cref="Fit"/> on already validated input, reporting failure instead of throwing.</summary>
    internal static bool TryFit(
        ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes, out CalibrationResult result, out string problem)
    {
        result = null!;
        var n = probabilities.Length;
        var x = new double[n];
        var y = new double[n];
        var events = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            x[i] = Logit(probabilities[i]);
            y[i] = outcomes[i] ? 1.0 : 0.0;
            events += outcomes[i] ? 1 : 0;
            min = Math.Min(min, x[i]);
            max = Math.Max(max, x[i]);
        }

        if (events == 0 || events == n)
        {
            problem = $"All {n} outcomes are {(events == 0 ? "false" : "true")}, so the calibration intercept and slope are undefined.";
            return false;
        }

        if (min == max)
        {
            problem = "All predicted probabilities are equal, so the calibration slope is undefined.";
            return false;
        }

        if (!FitTwoParameter(x, y, out var a, out var b, out var covariance, out var iterations))
        {
            problem = $"The logistic recalibration did not converge in {MaxIterations} iterations; the predicted risks may separate the outcomes perfectly.";
            return false;
        }

        var citl = FitOffsetIntercept(x, y, out var citlVariance);
        result = new CalibrationResult(
            a,
            b,
            Math.Sqrt(covariance[0, 0]),
            Math.Sqrt(covariance[1, 1]),
            citl,
            Math.Sqrt(citlVariance),
            iterations,
            n);
        problem = string.Empty;
        return true;
    }

    /// <summary>logit(p) after clamping p to [<see cref="ProbabilityClamp"/>, 1 − <see cref="ProbabilityClamp"/>].</summary>
    internal static double Logit(double p)
    {
        var q = Math.Clamp(p, ProbabilityClamp, 1.0 - ProbabilityClamp);
        return Math.Log(q / (1.0 - q));
    }

    internal static bool FitTwoParameter(
        double[] x, double[] y, out double a, out double b, out Matrix<double> covariance, out int iterations)
    {
        // Start at perfect calibration (a = 0, b = 1).
        a = 0.0;
        b = 1.0;
        var logLikelihood = LogLikelihood(x, y, a, b);
        for (iterations = 1; iterations <= MaxIterations; iterations++)
        {
            var gradient = Vector<double>.Build.Dense(2);
            var information = Matrix<double>.Build.Dense(2, 2);
            Accumulate(x, y, a, b, gradient, information);
            var step = information.Solve(gradient);
            if (!double.IsFinite(step[0]) || !double.IsFinite(step[1]))
            {
                break;
            }

            // Step halving keeps every iteration an ascent step of the (concave) log-likelihood.
            var scale = 1.0;
            double newA = a + step[0], newB = b + step[1];
            var newLogLikelihood = LogLikelihood(x, y, newA, newB);
            for (var halvings = 0; halvings < 30 && newLogLikelihood < logLikelihood - 1e-12; halvings++)
            {
                scale /= 2.0;
                newA = a + (scale * step[0]);
                newB = b + (scale * step[1]);
                newLogLikelihood = LogLikelihood(x, y, newA, newB);
            }

            var change = Math.Max(Math.Abs(newA - a), Math.Abs(newB - b));
            a = newA;
            b = newB;
            logLikelihood = newLogLikelihood;
            if (change < Tolerance * (1.0 + Math.Max(Math.Abs(a), Math.Abs(b))))
            {
                gradient.Clear();
                information.Clear();
                Accumulate(x, y, a, b, gradient, information);
                covariance = information.Inverse();
                return true;
            }
        }

        covariance = Matrix<double>.Build.Dense(2, 2, double.NaN);
        return false;
    }

    /// <summary>Adds the score vector and the observed (= expected) information of the logistic model at (a, b).</summary>
    private static void Accumulate(double[] x, double[] y, double a, double b, Vector<double> gradient, Matrix<double> information)
    {
        double g0 = 0, g1 = 0, i00 = 0, i01 = 0, i11 = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var mu = Logistic(a + (b * x[i]));
            var residual = y[i] - mu;
            var w = mu * (1.0 - mu);
            g0 += residual;
            g1 += residual * x[i];
            i00 += w;
            i01 += w * x[i];
            i11 += w * x[i] * x[i];
        }

        gradient[0] = g0;
        gradient[1] = g1;
        information[0, 0] = i00;
        information[0, 1] = i01;
        information[1, 0] = i01;
        information[1, 1] = i11;
    }

    /// <summary>Newton-Raphson for logit P = a + x (offset x, slope fixed at 1); returns a and its variance.</summary>
    private static double FitOffsetIntercept(double[] x, double[] y, out double variance)
    {
        var a = 0.0;
        var information = 0.0;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            double gradient = 0;
            information = 0;
            for (var i = 0; i < x.Length; i++)
            {
                var mu = Logistic(a + x[i]);
                gradient += y[i] - mu;
                information += mu * (1.0 - mu);
            }

            // The one-parameter log-likelihood is concave; a capped Newton step cannot overshoot badly.
            var step = Math.Clamp(gradient / information, -5.0, 5.0);
            a += step;
            if (Math.Abs(step) < Tolerance * (1.0 + Math.Abs(a)))
            {
                break;
            }
        }

        variance = 1.0 / information;
        return a;
    }

    private static double LogLikelihood(double[] x, double[] y, double a, double b)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var eta = a + (b * x[i]);

            // log σ(η) = −log(1 + e^−η) and log(1 − σ(η)) = −log(1 + e^η), computed without overflow.
            sum -= y[i] > 0.5 ? Softplus(-eta) : Softplus(eta);
        }

        return sum;
    }

    private static double Softplus(double v) => v > 0 ? v + Math.Log(1.0 + Math.Exp(-v)) : Math.Log(1.0 + Math.Exp(v));

    internal static double Logistic(double v) => v >= 0 ? 1.0 / (1.0 + Math.Exp(-v)) : Math.Exp(v) / (1.0 + Math.Exp(v));
}
