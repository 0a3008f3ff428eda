namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// A fitted model's predictions for rows of the dataset being validated, on the log-odds scale (logit of the predicted
/// probability). Log-odds rather than probabilities, so that a points score recalibrated as a + b·score keeps its exact
/// order (no ties from probabilities that round to 1) and the calibration fit needs no clamped logit.
/// </summary>
/// <param name="rows">Indices of rows of the dataset (0 … n − 1, repeats allowed).</param>
/// <returns>One log-odds per entry of <paramref name="rows"/>, in the same order; never NaN.</returns>
public delegate double[] LogOddsPredictor(int[] rows);

/// <summary>
/// The whole modelling procedure, run on some rows of the dataset: everything that looked at the data when the model
/// was built (statistics of the features, the trainer, its calibration) must happen inside, or the optimism it
/// introduces is not measured.
/// </summary>
/// <param name="trainingRows">Indices of the rows to fit on (a bootstrap sample has repeats).</param>
/// <param name="resample">0 for the fit on the whole dataset, b = 1 … B for the b-th bootstrap sample (e.g. to derive a seed).</param>
/// <returns>The fitted model's predictor, or null when the procedure cannot be fitted on these rows (the resample is then not used).</returns>
public delegate LogOddsPredictor? FitProcedure(int[] trainingRows, int resample);

/// <summary>
/// Optimism-corrected bootstrap validation of a modelling procedure (Efron &amp; Gong 1983, Am Stat 37:36–48;
/// Efron &amp; Tibshirani 1993, An Introduction to the Bootstrap, §17.6; Harrell, Lee &amp; Mark 1996, Stat Med
/// 15:361–387; Harrell 2015, Regression Modeling Strategies, 2nd ed., §5.3.5 — R's <c>rms::validate</c>): the model is
/// fitted on the data and its apparent performance θ_app measured on the same data. For each bootstrap sample the
/// whole procedure is refitted; its performance on the bootstrap sample (θ_boot, "training") minus its performance on
/// the original data (θ_orig, "test") is that resample's optimism. The optimism is the mean over resamples, and the
/// corrected index θ_app − optimism estimates how the model will perform on new data from the same population.
/// Generic over the fit procedure and the resamples, so it is tested without any trainer.
/// </summary>
public static class OptimismBootstrap
{
    /// <summary>The most bootstrap resamples a validation takes (Harrell uses 40–200; 2000 is far beyond any need).</summary>
    public const int MaxResamples = 2000;

    /// <summary>
    /// The seeded resamples every bootstrap of this toolkit draws (as <see cref="Bootstrap.Percentile"/>): one
    /// <c>new Random(seed)</c>, and for each resample n draws of <c>Next(n)</c>.
    /// </summary>
    /// <param name="rowCount">n, the number of rows.</param>
    /// <param name="resamples">B, the number of resamples.</param>
    /// <param name="seed">Seed; the same seed gives the same resamples.</param>
    /// <returns>B arrays of n row indices each (fresh arrays, safe to keep).</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1 or B outside 0 … <see cref="MaxResamples"/>.</exception>
    public static IEnumerable<int[]> SeededResamples(int rowCount, int resamples, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(resamples);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(resamples, MaxResamples);
        return Draw(rowCount, resamples, seed);

        static IEnumerable<int[]> Draw(int n, int count, int seed)
        {
            var random = new Random(seed);
            for (var b = 0; b < count; b++)
            {
                var rows = new int[n];
                for (var i = 0; i < n; i++)
                {
                    rows[i] = random.Next(n);
                }

                yield return rows;
            }
        }
    }

    /// <summary>
    /// Runs the optimism bootstrap: apparent, mean training, mean test, optimism and corrected value of AUC, Somers'
    /// Dxy, calibration intercept and slope (Cox) and Brier score.
    /// </summary>
    /// <param name="outcomes">The outcome of every row of the dataset.</param>
    /// <param name="fit">The modelling procedure.</param>
    /// <param name="resamples">The bootstrap samples (row indices), e.g. <see cref="SeededResamples"/>.</param>
    /// <returns>The validation table; an index whose apparent value is undefined is listed as skipped.</returns>
    /// <exception cref="ArgumentException">No rows, a resample with a row index out of range, or a resample of another length.</exception>
    /// <exception cref="InvalidOperationException">The procedure cannot be fitted on the whole dataset, or a predictor returns NaN or the wrong number of values.</exception>
    public static OptimismValidation Validate(IReadOnlyList<bool> outcomes, FitProcedure fit, IEnumerable<int[]> resamples)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(resamples);
        var n = outcomes.Count;
        if (n == 0)
        {
            throw new ArgumentException("The optimism bootstrap needs at least one row.", nameof(outcomes));
        }

        var y = outcomes.ToArray();
        var all = Enumerable.Range(0, n).ToArray();
        var original = fit(all, 0) ?? throw new InvalidOperationException("The modelling procedure cannot be fitted on the whole dataset.");
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        return Run(y, ones, Predict(original, all), Refits());

        // A bootstrap sample as the count of each row in it; the refit predicts every row once.
        IEnumerable<(double[] Weights, double[]? Eta)> Refits()
        {
            var b = 0;
            foreach (var rows in resamples)
            {
                b++;
                Check(rows, n);
                var counts = new double[n];
                foreach (var row in rows)
                {
                    counts[row]++;
                }

                var predictor = fit(rows, b);
                yield return (counts, predictor is null ? null : Predict(predictor, all));
            }
        }
    }

    /// <summary>
    /// The algorithm over weighted units (rows, or cells of equal score and outcome): apparent indices of
    /// <paramref name="apparentEta"/> with <paramref name="baseWeights"/>; per refit the indices with the bootstrap
    /// weights (training) and with the base weights (test). A refit without predictions (null) failed.
    /// </summary>
    internal static OptimismValidation Run(bool[] y, double[] baseWeights, double[] apparentEta, IEnumerable<(double[] Weights, double[]? Eta)> refits)
    {
        var apparent = Indices(apparentEta, y, baseWeights, WeightedIndices.Order(apparentEta), out var reasons);
        var count = IndexNames.Count;
        var training = new double[count];
        var test = new double[count];
        var used = new int[count];
        int requested = 0, failed = 0;
        foreach (var (weights, eta) in refits)
        {
            requested++;
            if (eta is null)
            {
                failed++;
                continue;
            }

            var order = WeightedIndices.Order(eta);
            var boot = Indices(eta, y, weights, order, out _);
            var orig = Indices(eta, y, baseWeights, order, out _);
            for (var k = 0; k < count; k++)
            {
                if (!double.IsNaN(boot[k]) && !double.IsNaN(orig[k]))
                {
                    training[k] += boot[k];
                    test[k] += orig[k];
                    used[k]++;
                }
            }
        }

        var indices = new List<OptimismIndex>();
        var skipped = new List<SkippedFigure>();
        for (var k = 0; k < count; k++)
        {
            if (double.IsNaN(apparent[k]))
            {
                skipped.Add(new SkippedFigure(IndexNames[k], reasons[k]!));
            }
            else if (used[k] == 0)
            {
                skipped.Add(new SkippedFigure(IndexNames[k], requested == 0 ? "no bootstrap resample was drawn" : "no bootstrap resample gave a fit on which this index is defined"));
            }
            else
            {
                var meanTraining = training[k] / used[k];
                var meanTest = test[k] / used[k];
                var optimism = meanTraining - meanTest;
                indices.Add(new OptimismIndex(IndexNames[k], apparent[k], meanTraining, meanTest, optimism, apparent[k] - optimism, used[k]));
            }
        }

        return new OptimismValidation(indices, requested, failed, skipped);
    }

    /// <summary>The indices in table order: <c>auc</c>, <c>dxy</c>, <c>calibrationIntercept</c>, <c>calibrationSlope</c>, <c>brier</c>.</summary>
    public static IReadOnlyList<string> IndexNames { get; } = ["auc", "dxy", "calibrationIntercept", "calibrationSlope", "brier"];

    private static double[] Predict(LogOddsPredictor predictor, int[] rows)
    {
        var eta = predictor(rows);
        if (eta is null || eta.Length != rows.Length)
        {
            throw new InvalidOperationException($"The fitted model returned {eta?.Length ?? 0} predictions for {rows.Length} rows.");
        }

        for (var i = 0; i < eta.Length; i++)
        {
            if (double.IsNaN(eta[i]))
            {
                throw new InvalidOperationException($"The fitted model predicted NaN for row {rows[i]}.");
            }
        }

        return eta;
    }

    private static void Check(int[] rows, int n)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length != n)
        {
            throw new ArgumentException($"A bootstrap sample has the size of the dataset ({n} rows); got {rows.Length}.", nameof(rows));
        }

        foreach (var row in rows)
        {
            if ((uint)row >= (uint)n)
            {
                throw new ArgumentException($"Row index {row} is outside the dataset (0 … {n - 1}).", nameof(rows));
            }
        }
    }

    /// <summary>The indices of log-odds <paramref name="eta"/> with unit weights <paramref name="w"/>; NaN (with a reason) where undefined.</summary>
    private static double[] Indices(double[] eta, bool[] y, double[] w, int[] order, out string?[] reasons)
    {
        reasons = new string?[IndexNames.Count];
        var result = new double[IndexNames.Count];
        result[0] = WeightedIndices.Auc(eta, y, w, order);
        result[1] = 2.0 * (result[0] - 0.5);
        if (double.IsNaN(result[0]))
        {
            reasons[0] = reasons[1] = "all outcomes are equal, so the AUC is undefined";
        }

        if (WeightedIndices.TryFitLine(eta, y, w, out var a, out var b))
        {
            result[2] = a;
            result[3] = b;
        }
        else
        {
            result[2] = result[3] = double.NaN;
            reasons[2] = reasons[3] = "the logistic recalibration cannot be fitted (equal outcomes, equal predictions, or predictions that separate the outcomes)";
        }

        result[4] = WeightedIndices.Brier(eta, y, w);
        return result;
    }
}
