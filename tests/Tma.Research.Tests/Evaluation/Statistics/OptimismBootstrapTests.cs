using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class OptimismBootstrapTests
{
    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private static OptimismIndex Index(OptimismValidation v, string name) => Assert.Single(v.Indices, i => i.Name == name);

    [Fact]
    public void Two_fixed_resamples_of_six_rows_give_the_hand_computed_table()
    {
        // Rows 0–5: x = 0,0,0,1,1,1 and y = 0,0,1,0,1,1 (observed rate 1/3 at x = 0, 2/3 at x = 1).
        double[] x = [0, 0, 0, 1, 1, 1];
        bool[] y = [false, false, true, false, true, true];

        // A deterministic "fit": w = (#training rows with x = 1 and y = 1) − (#training rows with x = 0 and y = 1);
        // prediction η = w·(x − ½).
        LogOddsPredictor Fit(int[] training, int resample)
        {
            var w = training.Count(i => x[i] == 1 && y[i]) - training.Count(i => x[i] == 0 && y[i]);
            return rows => [.. rows.Select(i => w * (x[i] - 0.5))];
        }

        // Resample 1 has the same composition as the data (x=0: y 0,0,1; x=1: y 0,1,1) → w = 2 − 1 = 1, as the
        // original fit. Resample 2 = rows 1,2,4,4,5,3 (x=0: y 0,1; x=1: y 1,1,1,0) → w = 3 − 1 = 2.
        int[][] resamples = [[0, 1, 2, 3, 4, 4], [1, 2, 4, 4, 5, 3]];
        var v = OptimismBootstrap.Validate(y, Fit, resamples);

        // With two distinct predictions η₀ < η₁ the Cox fit is saturated: a + b·ηₖ = logit(observed rate at ηₖ), so
        // b = (logit r₁ − logit r₀)/(η₁ − η₀) and a = logit r₀ − b·η₀.
        //
        // Apparent (w = 1, η = ∓½ on the data): AUC = 6/9 (3 positives × 3 negatives: 4 wins of positives at x=1 over
        // negatives at x=0, 2 tied pairs at x=1 and 2 at x=0 counted ½ → 4 + 1 + 1 = 6). Slope = (logit ⅔ − logit ⅓)/1
        // = 2 ln 2; intercept = −ln 2 − 2 ln 2·(−½) = 0. Brier = [4·σ(−½)² + 2·σ(½)²]/6.
        var appAuc = 6.0 / 9;
        var appSlope = 2 * Math.Log(2);
        var appBrier = ((4 * Math.Pow(Sigmoid(-0.5), 2)) + (2 * Math.Pow(Sigmoid(0.5), 2))) / 6;

        // Resample 1: training = test = apparent (same fit, same composition).
        // Resample 2, w = 2, η = ∓1.
        //   training (its own sample: 4 positives (x=0: 1; x=1: 3), 2 negatives (one at each x)): AUC = (3 wins + 3·½
        //   ties at x=1 + 1·½ tie at x=0)/8 = 5/8; slope = (logit ¾ − logit ½)/2 = ln 3 / 2; intercept = 0 + (ln 3/2)·1
        //   = ln 3 / 2; Brier = [σ(−1)² + σ(1)² + σ(1)² + 3·σ(−1)²]/6 = [4·σ(−1)² + 2·σ(1)²]/6.
        //   test (the data, η = ∓1): AUC = 6/9 (same order); slope = (ln 2 + ln 2)/2 = ln 2; intercept = −ln 2 + ln 2 = 0;
        //   Brier = [4·σ(−1)² + 2·σ(1)²]/6 (rates ⅓ and ⅔ give the same squared errors).
        var r2Brier = ((4 * Math.Pow(Sigmoid(-1), 2)) + (2 * Math.Pow(Sigmoid(1), 2))) / 6;

        var auc = Index(v, "auc");
        Assert.Equal(appAuc, auc.Apparent, 12);
        Assert.Equal((appAuc + (5.0 / 8)) / 2, auc.Training, 12); // 0.645833…
        Assert.Equal(appAuc, auc.Test, 12);
        Assert.Equal(((5.0 / 8) - appAuc) / 2, auc.Optimism, 12); // −0.0208333…
        Assert.Equal(appAuc - (((5.0 / 8) - appAuc) / 2), auc.Corrected, 12); // 0.6875
        Assert.Equal(2, auc.Resamples);

        var dxy = Index(v, "dxy");
        Assert.Equal(2 * (appAuc - 0.5), dxy.Apparent, 12);
        Assert.Equal((5.0 / 8) - appAuc, dxy.Optimism, 12); // twice the AUC optimism

        var slope = Index(v, "calibrationSlope");
        Assert.Equal(appSlope, slope.Apparent, 8);
        Assert.Equal((appSlope + (Math.Log(3) / 2)) / 2, slope.Training, 8); // (1.386294 + 0.549306)/2 = 0.967800
        Assert.Equal((appSlope + Math.Log(2)) / 2, slope.Test, 8); // 1.5·ln 2 = 1.039721
        Assert.Equal(((Math.Log(3) / 2) - Math.Log(2)) / 2, slope.Optimism, 8); // −0.071921
        Assert.Equal(appSlope - (((Math.Log(3) / 2) - Math.Log(2)) / 2), slope.Corrected, 8); // 1.458215

        var intercept = Index(v, "calibrationIntercept");
        Assert.Equal(0, intercept.Apparent, 8);
        Assert.Equal(Math.Log(3) / 4, intercept.Training, 8); // (0 + ln 3/2)/2 = 0.274653
        Assert.Equal(0, intercept.Test, 8);
        Assert.Equal(Math.Log(3) / 4, intercept.Optimism, 8);
        Assert.Equal(-Math.Log(3) / 4, intercept.Corrected, 8);

        var brier = Index(v, "brier");
        Assert.Equal(appBrier, brier.Apparent, 12); // 0.224176
        Assert.Equal((appBrier + r2Brier) / 2, brier.Training, 12);
        Assert.Equal((appBrier + r2Brier) / 2, brier.Test, 12);
        Assert.Equal(0, brier.Optimism, 12);
        Assert.Equal(2, v.ResamplesRequested);
        Assert.Equal(0, v.FailedFits);
        Assert.Empty(v.Skipped);
    }

    [Fact]
    public void A_fit_that_ignores_the_data_has_zero_optimism_for_every_index_when_each_resample_holds_every_row_once()
    {
        // A procedure that fits nothing predicts the same for every row whatever it is trained on; a resample that is a
        // permutation of the rows has the same multiset of (prediction, outcome), so θ_boot = θ_orig = θ_app exactly.
        var random = new Random(11);
        var eta = Enumerable.Range(0, 40).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var y = eta.Select(e => random.NextDouble() < Sigmoid(e)).ToArray();
        LogOddsPredictor NoFit(int[] training, int resample) => rows => [.. rows.Select(i => eta[i])];
        var permutations = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, 40).OrderBy(_ => random.Next()).ToArray()).ToArray();

        var v = OptimismBootstrap.Validate(y, NoFit, permutations);

        Assert.Equal(5, v.Indices.Count);
        foreach (var index in v.Indices)
        {
            Assert.Equal(0, index.Optimism, 10);
            Assert.Equal(index.Apparent, index.Corrected, 10);
            Assert.Equal(5, index.Resamples);
        }
    }

    [Fact]
    public void Over_all_n_to_the_n_resamples_a_fit_that_ignores_the_data_has_zero_AUC_and_Brier_optimism()
    {
        // The exact bootstrap: every one of the 5⁵ = 3125 equally likely resamples. For a fixed predictor the
        // bootstrap expectation of the Brier score is the Brier score (a mean of i.i.d. draws), and, given the numbers
        // of positives n₁* and negatives n₀*, every positive–negative pair of the resample is a uniform pair of the data,
        // so E*[AUC*] = AUC. The optimism of AUC, Dxy and Brier is therefore exactly 0 (resamples with one outcome are
        // left out of the AUC, which conditions on n₁*, n₀* ≥ 1 and keeps the identity).
        double[] eta = [-1.5, 0.2, -0.3, 1.1, 0.2];
        bool[] y = [false, true, false, true, false];
        LogOddsPredictor NoFit(int[] training, int resample) => rows => [.. rows.Select(i => eta[i])];
        var all = new List<int[]>();
        for (var code = 0; code < 3125; code++)
        {
            var rows = new int[5];
            for (int k = 0, c = code; k < 5; k++, c /= 5)
            {
                rows[k] = c % 5;
            }

            all.Add(rows);
        }

        var v = OptimismBootstrap.Validate(y, NoFit, all);

        Assert.Equal(0, Index(v, "auc").Optimism, 12);
        Assert.Equal(0, Index(v, "dxy").Optimism, 12);
        Assert.Equal(0, Index(v, "brier").Optimism, 12);
        Assert.Equal(3125, Index(v, "brier").Resamples);

        // AUC of the data: positive 0.2 beats −1.5 and −0.3 and ties 0.2 (2.5), positive 1.1 beats all three (3) → 5.5/6.
        Assert.Equal(5.5 / 6, Index(v, "auc").Apparent, 12);
    }

    [Fact]
    public void A_logistic_recalibration_has_training_slope_1_and_intercept_0_in_every_resample_and_its_test_AUC_is_the_apparent_AUC()
    {
        // Score equations of the ML fit of logit P = a + b·x: Σ(y − p) = 0 and Σ(y − p)·x = 0. Refitting y on
        // η = a + b·x gives a' = 0, b' = 1 on the same rows, so apparent and every training slope is 1, intercept 0.
        // With b > 0, η ranks the rows as x does: every test AUC equals the apparent AUC, and the training AUC is the AUC
        // of x on the resample, which does not depend on the fit at all.
        var (x, y) = Points(300, seed: 5);
        var v = RecalibrationValidation.Validate(x, y, resamples: 30, seed: 9);

        var slope = Index(v.Validation, "calibrationSlope");
        Assert.Equal(1, slope.Apparent, 8);
        Assert.Equal(1, slope.Training, 8);
        var intercept = Index(v.Validation, "calibrationIntercept");
        Assert.Equal(0, intercept.Apparent, 8);
        Assert.Equal(0, intercept.Training, 8);

        var auc = Index(v.Validation, "auc");
        var apparent = Auc.PointEstimate(x, y);
        Assert.Equal(apparent, auc.Apparent, 14);
        Assert.Equal(apparent, auc.Test, 14);
        var onResamples = OptimismBootstrap.SeededResamples(x.Length, 30, 9)
            .Select(rows => Auc.PointEstimate([.. rows.Select(i => x[i])], [.. rows.Select(i => y[i])]))
            .Average();
        Assert.Equal(onResamples - apparent, auc.Optimism, 12);
        Assert.Equal(30, auc.Resamples);

        // The slope's optimism is not 0: on the original rows each refit has slope b_orig / b_boot.
        Assert.NotEqual(0, slope.Optimism);
    }

    [Fact]
    public void The_recalibration_pooled_into_cells_equals_the_row_level_algorithm_with_a_separately_written_fit()
    {
        // RecalibrationValidation pools rows of equal score and outcome into weighted cells; the generic row-level
        // algorithm with the test's own Newton-Raphson logistic fit on the same seeded resamples must give the same table.
        var (x, y) = Points(250, seed: 8);
        var features = x.Select(v => new[] { v }).ToArray();
        LogOddsPredictor? Fit(int[] training, int resample)
        {
            var beta = NewtonLogistic(features, y, training, 1);
            return beta is null ? null : rows => [.. rows.Select(i => beta[0] + (beta[1] * x[i]))];
        }

        var rowLevel = OptimismBootstrap.Validate(y, Fit, OptimismBootstrap.SeededResamples(x.Length, 25, 6));
        var pooled = RecalibrationValidation.Validate(x, y, 25, 6).Validation;

        Assert.Equal(rowLevel.Indices.Count, pooled.Indices.Count);
        for (var k = 0; k < rowLevel.Indices.Count; k++)
        {
            var (r, c) = (rowLevel.Indices[k], pooled.Indices[k]);
            Assert.Equal(r.Name, c.Name);
            Assert.Equal(r.Apparent, c.Apparent, 7);
            Assert.Equal(r.Training, c.Training, 7);
            Assert.Equal(r.Test, c.Test, 7);
            Assert.Equal(r.Optimism, c.Optimism, 7);
            Assert.Equal(r.Resamples, c.Resamples);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_table_and_another_seed_other_resamples()
    {
        var (x, y) = Points(200, seed: 3);
        var first = RecalibrationValidation.Validate(x, y, 20, seed: 4);
        var again = RecalibrationValidation.Validate(x, y, 20, seed: 4);
        var other = RecalibrationValidation.Validate(x, y, 20, seed: 5);

        Assert.Equal(first.Validation.Indices, again.Validation.Indices);
        Assert.NotEqual(Index(first.Validation, "calibrationSlope").Optimism, Index(other.Validation, "calibrationSlope").Optimism);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(OptimismBootstrap.MaxResamples + 1)]
    public void A_number_of_resamples_out_of_range_is_rejected(int resamples)
    {
        var (x, y) = Points(50, seed: 1);
        var ex = Assert.Throws<ArgumentException>(() => RecalibrationValidation.Validate(x, y, resamples, 1));
        Assert.Contains("1 to 2000 resamples", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resample_that_cannot_be_fitted_is_counted_and_left_out()
    {
        double[] x = [0, 1, 2, 3];
        bool[] y = [false, true, false, true];
        LogOddsPredictor? Fit(int[] training, int resample) => resample == 2 ? null : rows => [.. rows.Select(i => x[i])];
        var v = OptimismBootstrap.Validate(y, Fit, [[0, 1, 2, 3], [3, 2, 1, 0]]);

        Assert.Equal(1, v.FailedFits);
        Assert.All(v.Indices, i => Assert.Equal(1, i.Resamples));
    }

    [Fact]
    public void Bad_resamples_are_named()
    {
        bool[] y = [false, true, false];
        LogOddsPredictor Fit(int[] training, int resample) => rows => [.. rows.Select(i => (double)i)];
        Assert.Contains("outside the dataset", Assert.Throws<ArgumentException>(() => OptimismBootstrap.Validate(y, Fit, [[0, 1, 3]])).Message, StringComparison.Ordinal);
        Assert.Contains("size of the dataset", Assert.Throws<ArgumentException>(() => OptimismBootstrap.Validate(y, Fit, [[0, 1]])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Many_noise_predictors_on_few_rows_give_positive_AUC_optimism_and_a_corrected_slope_below_1(int seed)
    {
        // The classic result (Harrell, Lee & Mark 1996; Steyerberg 2019 ch. 17): a maximum-likelihood logistic model
        // with 10 pure-noise predictors on 80 rows fits noise. Its apparent AUC is well above 0.5 and its apparent
        // slope is 1, but the bootstrap shows the optimism: AUC optimism > 0 and a corrected slope < 1.
        const int n = 80, p = 10;
        var random = new Random(seed);
        var features = new double[n][];
        var y = new bool[n];
        for (var i = 0; i < n; i++)
        {
            features[i] = [.. Enumerable.Range(0, p).Select(_ => StatisticsTestData.StandardNormal(random))];
            y[i] = random.NextDouble() < 0.4;
        }

        LogOddsPredictor? Fit(int[] training, int resample)
        {
            var beta = NewtonLogistic(features, y, training, p);
            return beta is null ? null : rows => [.. rows.Select(i => beta[0] + Enumerable.Range(0, p).Sum(j => beta[j + 1] * features[i][j]))];
        }

        var v = OptimismBootstrap.Validate(y, Fit, OptimismBootstrap.SeededResamples(n, 40, seed));

        Assert.True(Index(v, "auc").Optimism > 0.02, $"AUC optimism {Index(v, "auc").Optimism}");
        Assert.True(Index(v, "calibrationSlope").Corrected < 0.9, $"corrected slope {Index(v, "calibrationSlope").Corrected}");
        Assert.Equal(1, Index(v, "calibrationSlope").Apparent, 6);
    }

    /// <summary>A score of a few integer points and outcomes from a logistic model of it.</summary>
    private static (double[] X, bool[] Y) Points(int n, int seed)
    {
        var random = new Random(seed);
        var x = new double[n];
        var y = new bool[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = random.Next(0, 12);
            y[i] = random.NextDouble() < Sigmoid(-2.5 + (0.3 * x[i]));
        }

        return (x, y);
    }

    /// <summary>Unpenalised maximum-likelihood logistic regression by Newton-Raphson; null when it does not converge (separation).</summary>
    private static double[]? NewtonLogistic(double[][] features, bool[] y, int[] rows, int p)
    {
        var beta = new double[p + 1];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(p + 1);
            var information = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(p + 1, p + 1);
            foreach (var i in rows)
            {
                var z = new double[p + 1];
                z[0] = 1;
                Array.Copy(features[i], 0, z, 1, p);
                var mu = Sigmoid(z.Select((v, j) => v * beta[j]).Sum());
                for (var j = 0; j <= p; j++)
                {
                    gradient[j] += ((y[i] ? 1 : 0) - mu) * z[j];
                    for (var k = 0; k <= p; k++)
                    {
                        information[j, k] += mu * (1 - mu) * z[j] * z[k];
                    }
                }
            }

            var step = information.Solve(gradient);
            if (step.Any(s => !double.IsFinite(s)))
            {
                return null;
            }

            for (var j = 0; j <= p; j++)
            {
                beta[j] += step[j];
            }

            if (step.AbsoluteMaximum() < 1e-10)
            {
                return beta.Any(b => Math.Abs(b) > 30) ? null : beta;
            }
        }

        return null;
    }
}
