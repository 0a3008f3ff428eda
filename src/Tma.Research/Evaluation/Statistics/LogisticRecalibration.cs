namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Maximum-likelihood logistic regression P(y = 1 | s) = 1 / (1 + exp(−(a + b·s))) of the outcome on a score that is not
/// a probability (a points total, a rank), fitted by <see cref="ScoreRecalibration"/>. It turns a
/// score into probabilities for figures that need them (IDI, NRI) — fitted on the same cases, so in-sample. For a
/// probability p the same model on logit(p) is the Cox recalibration of <see cref="Calibration"/>.
/// </summary>
internal static class LogisticRecalibration
{
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

        // The fit itself is ScoreRecalibration's (the Newton-Raphson of Calibration); this wrapper only turns its
        // refusals into a reason the report prints, and writes the fitted probabilities.
        ScoreRecalibrationResult fit;
        try
        {
            fit = ScoreRecalibration.Fit(scores, outcomes);
        }
        catch (ArgumentException)
        {
            problem = "the logistic recalibration did not converge; the score may separate the outcomes perfectly";
            return false;
        }

        for (var i = 0; i < n; i++)
        {
            probabilities[i] = fit.Probability(scores[i]);
        }

        intercept = fit.Intercept;
        slope = fit.Slope;
        problem = string.Empty;
        return true;
    }
}
