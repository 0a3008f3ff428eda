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

        // Rows with equal x and outcome are one cell: a points score with K distinct values has at most 2K cells, so a
        // resample of a million rows costs O(K log K) after drawing it. The resamples are the row-level ones of
        // OptimismBootstrap.SeededResamples, counted per cell, so the result is that of the row-level algorithm.
        var cellOf = new int[predictor.Length];
        var cells = new Dictionary<(double X, bool Y), int>();
        var cellX = new List<double>();
        var cellY = new List<bool>();
        for (var i = 0; i < predictor.Length; i++)
        {
            if (!double.IsFinite(predictor[i]))
            {
                throw new ArgumentException($"predictor[{i}] is not a finite number.", nameof(predictor));
            }

            var key = (predictor[i], outcomes[i]);
            if (!cells.TryGetValue(key, out var cell))
            {
                cell = cells.Count;
                cells.Add(key, cell);
                cellX.Add(predictor[i]);
                cellY.Add(outcomes[i]);
            }

            cellOf[i] = cell;
        }

        var x = cellX.ToArray();
        var y = cellY.ToArray();
        var counts = new double[x.Length];
        foreach (var cell in cellOf)
        {
            counts[cell]++;
        }

        if (!WeightedIndices.TryFitLine(x, y, counts, out var a, out var b))
        {
            throw new ArgumentException("The logistic recalibration cannot be fitted on these rows (equal outcomes, a constant score, or a score that separates the outcomes).", nameof(predictor));
        }

        var validation = OptimismBootstrap.Run(y, counts, Line(x, a, b), Refits());
        return new RecalibrationValidationResult(a, b, validation);

        IEnumerable<(double[] Weights, double[]? Eta)> Refits()
        {
            foreach (var rows in OptimismBootstrap.SeededResamples(cellOf.Length, resamples, seed))
            {
                var weights = new double[x.Length];
                foreach (var row in rows)
                {
                    weights[cellOf[row]]++;
                }

                yield return (weights, WeightedIndices.TryFitLine(x, y, weights, out var ra, out var rb) ? Line(x, ra, rb) : null);
            }
        }
    }

    private static double[] Line(double[] x, double a, double b)
    {
        var eta = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            eta[i] = a + (b * x[i]);
        }

        return eta;
    }
}

/// <summary>A recalibration fitted on all rows and its optimism bootstrap.</summary>
/// <param name="Intercept">a of logit P = a + b·x fitted on all rows.</param>
/// <param name="Slope">b of logit P = a + b·x fitted on all rows.</param>
/// <param name="Validation">The optimism bootstrap table.</param>
public sealed record RecalibrationValidationResult(double Intercept, double Slope, OptimismValidation Validation);
