namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Logistic recalibration of a score that is not a probability (a points sum): logit P(y = 1) = a + b·score, fitted by
/// maximum likelihood with the Newton-Raphson of <see cref="Calibration"/> on the standardised score. It turns points
/// into risks so that risk-based figures (the decision curve) can be drawn for a points model; because a and b are
/// fitted on the very rows they are then judged on, such figures are in-sample and optimistic.
/// </summary>
public static class ScoreRecalibration
{
    /// <summary>Fits a and b. O(n) per iteration.</summary>
    /// <param name="scores">Score per case, finite.</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <returns>The intercept and slope on the score's own scale.</returns>
    /// <exception cref="ArgumentException">
    /// Lengths differ, input is empty, a score is not finite, all outcomes are equal, all scores are equal, or the fit
    /// does not converge (the score separates the outcomes perfectly).
    /// </exception>
    public static ScoreRecalibrationResult Fit(ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes)
    {
        InputGuard.ScoresAndOutcomes(scores, outcomes);
        var n = scores.Length;
        double mean = 0, m2 = 0;
        var events = 0;
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                throw new ArgumentException($"scores[{i}] is {scores[i]}; every score must be finite.", nameof(scores));
            }

            var delta = scores[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (scores[i] - mean);
            events += outcomes[i] ? 1 : 0;
        }

        if (events == 0 || events == n)
        {
            throw new ArgumentException($"All {n} outcomes are {(events == 0 ? "false" : "true")}, so the recalibration is undefined.", nameof(outcomes));
        }

        var sd = Math.Sqrt(m2 / n);
        if (!(sd > 0))
        {
            throw new ArgumentException("All scores are equal, so the recalibration slope is undefined.", nameof(scores));
        }

        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = (scores[i] - mean) / sd;
            y[i] = outcomes[i] ? 1.0 : 0.0;
        }

        if (!Calibration.FitTwoParameter(x, y, out var a, out var b, out _, out var iterations))
        {
            throw new ArgumentException("The logistic recalibration of the score did not converge; the score may separate the outcomes perfectly.", nameof(scores));
        }

        return new ScoreRecalibrationResult(a - (b * mean / sd), b / sd, iterations);
    }
}

/// <summary>logit P(y = 1) = a + b·score.</summary>
/// <param name="Intercept">a.</param>
/// <param name="Slope">b, per score unit.</param>
/// <param name="Iterations">Newton-Raphson iterations.</param>
public sealed record ScoreRecalibrationResult(double Intercept, double Slope, int Iterations)
{
    /// <summary>The recalibrated probability logistic(a + b·score).</summary>
    /// <param name="score">A score.</param>
    /// <returns>The probability.</returns>
    public double Probability(double score) => Calibration.Logistic(Intercept + (Slope * score));
}
