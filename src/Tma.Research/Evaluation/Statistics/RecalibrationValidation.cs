namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Optimism bootstrap (<see cref="OptimismBootstrap"/>) of a fixed score recalibrated by logistic regression,
/// logit P(y = 1) = a + b·x (x the score, or the logit of a probability): the only part of such a model fitted to the
/// data is (a, b), so each resample refits a and b on the bootstrap sample. Used for points models, whose weights
/// come from the literature rather than from the data.
/// </summary>
public static class RecalibrationValidation
{
    /// <summary>Fits the recalibration on all rows and runs the optimism bootstrap with seeded resamples.</summary>
    /// <param name="predictor">x per row: a points score, or logit p for a probability.</param>
    /// <param name="outcomes">One outcome per row.</param>
    /// <param name="resamples">B, 1 … <see cref="OptimismBootstrap.MaxResamples"/>.</param>
    /// <param name="seed">Seed of the resamples (<see cref="OptimismBootstrap.SeededResamples"/>).</param>
    /// <returns>The recalibration line fitted on all rows and the validation table.</returns>
    /// <exception cref="ArgumentException">
    /// Lengths differ, no rows, a non-finite x, B out of range, or the recalibration cannot be fitted on all rows (equal
    /// outcomes, constant x, or x separating the outcomes).
    /// </exception>
    public static RecalibrationValidationResult Validate(ReadOnlySpan<double> predictor, ReadOnlySpan<bool> outcomes, int resamples, int seed)
    {
        if (predictor.Length != outcomes.Length || predictor.Length == 0)
        {
            throw new ArgumentException($"One predictor value per outcome is needed; got {predictor.Length} and {outcomes.Length}.", nameof(predictor));
        }

        if (resamples is < 1 or > OptimismBootstrap.MaxResamples)
        {
            throw new ArgumentException($"The optimism bootstrap takes 1 to {OptimismBootstrap.MaxResamples} resamples; got {resamples}.", nameof(resamples));
        }

        var x = predictor.ToArray();
        var y = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]))
            {
                throw new ArgumentException($"predictor[{i}] is not a finite number.", nameof(predictor));
            }

            y[i] = outcomes[i] ? 1.0 : 0.0;
        }

        if (!Calibration.TryFitLine(x, y, out var a, out var b))
        {
            throw new ArgumentException("The logistic recalibration cannot be fitted on these rows (equal outcomes, a constant score, or a score that separates the outcomes).", nameof(predictor));
        }

        var validation = OptimismBootstrap.Validate(outcomes.ToArray(), (rows, _) => Fit(x, y, rows), OptimismBootstrap.SeededResamples(x.Length, resamples, seed));
        return new RecalibrationValidationResult(a, b, validation);
    }

    /// <summary>The recalibration fitted on <paramref name="rows"/>, as a predictor of a + b·x; null when it cannot be fitted.</summary>
    private static LogOddsPredictor? Fit(double[] x, double[] y, int[] rows)
    {
        var xs = new double[rows.Length];
        var ys = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            xs[i] = x[rows[i]];
            ys[i] = y[rows[i]];
        }

        if (!Calibration.TryFitLine(xs, ys, out var a, out var b))
        {
            return null;
        }

        return predict =>
        {
            var eta = new double[predict.Length];
            for (var i = 0; i < predict.Length; i++)
            {
                eta[i] = a + (b * x[predict[i]]);
            }

            return eta;
        };
    }
}

/// <summary>A recalibration fitted on all rows and its optimism bootstrap.</summary>
/// <param name="Intercept">a of logit P = a + b·x fitted on all rows.</param>
/// <param name="Slope">b of logit P = a + b·x fitted on all rows.</param>
/// <param name="Validation">The optimism bootstrap table.</param>
public sealed record RecalibrationValidationResult(double Intercept, double Slope, OptimismValidation Validation);
