using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class CalibrationTests
{
    private static (double[] P, bool[] Y) FromLogisticModel(int n, double a, double b, int seed)
    {
        // logit(p) ~ N(−1, 1.2²); y ~ Bernoulli(logistic(a + b·logit(p))).
        var random = new Random(seed);
        var p = new double[n];
        var y = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var x = -1.0 + (1.2 * StatisticsTestData.StandardNormal(random));
            p[i] = 1.0 / (1.0 + Math.Exp(-x));
            y[i] = random.NextDouble() < 1.0 / (1.0 + Math.Exp(-(a + (b * x))));
        }

        return (p, y);
    }

    [Theory]
    [InlineData(0.4, 0.7, 31)]
    [InlineData(-0.3, 1.3, 32)]
    public void Recovers_the_intercept_and_slope_of_a_known_logistic_model(double a, double b, int seed)
    {
        // n = 200,000: the SE of b is about 0.005, of a about 0.01; tolerance 0.04 is ≥ 4 SE for both.
        var (p, y) = FromLogisticModel(200_000, a, b, seed);

        var fit = Calibration.Fit(p, y);

        Assert.Equal(a, fit.Intercept, 0.04);
        Assert.Equal(b, fit.Slope, 0.04);
        Assert.True(Math.Abs(fit.Slope - b) < 4 * fit.SlopeStandardError);
        Assert.True(Math.Abs(fit.Intercept - a) < 4 * fit.InterceptStandardError);
    }

    [Fact]
    public void Perfectly_calibrated_predictions_give_slope_one_and_intercepts_zero()
    {
        var (p, y) = FromLogisticModel(200_000, 0.0, 1.0, 33);

        var fit = Calibration.Fit(p, y);

        Assert.Equal(1.0, fit.Slope, 0.03);
        Assert.Equal(0.0, fit.Intercept, 0.03);
        Assert.Equal(0.0, fit.CalibrationInTheLarge, 0.03);
    }

    [Fact]
    public void Calibration_in_the_large_recovers_a_shift_with_slope_one()
    {
        var (p, y) = FromLogisticModel(200_000, 0.5, 1.0, 34);

        var fit = Calibration.Fit(p, y);

        Assert.Equal(0.5, fit.CalibrationInTheLarge, 0.03);
    }

    [Fact]
    public void Fitted_parameters_solve_the_logistic_score_equations()
    {
        // Independent of the Newton iterations: at the MLE, Σ(y − μ) = 0 and Σ(y − μ)·x = 0; for the offset model Σ(y − μ) = 0.
        var (p, y) = FromLogisticModel(5_000, 0.2, 0.8, 35);
        var fit = Calibration.Fit(p, y);
        double g0 = 0, g1 = 0, g2 = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var x = Math.Log(p[i] / (1 - p[i]));
            var yi = y[i] ? 1.0 : 0.0;
            var mu = 1.0 / (1.0 + Math.Exp(-(fit.Intercept + (fit.Slope * x))));
            g0 += yi - mu;
            g1 += (yi - mu) * x;
            g2 += yi - (1.0 / (1.0 + Math.Exp(-(fit.CalibrationInTheLarge + x))));
        }

        Assert.Equal(0.0, g0, 1e-6);
        Assert.Equal(0.0, g1, 1e-6);
        Assert.Equal(0.0, g2, 1e-6);
    }

    [Fact]
    public void Probabilities_of_exactly_0_and_1_are_clamped_not_rejected()
    {
        double[] p = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 0.3, 0.7];
        bool[] y = [false, false, true, false, true, true, true, false];

        var fit = Calibration.Fit(p, y);

        Assert.True(double.IsFinite(fit.Slope));
        Assert.True(double.IsFinite(fit.Intercept));
    }

    [Fact]
    public void Degenerate_input_is_rejected()
    {
        Assert.Contains("outcomes are", Assert.Throws<ArgumentException>(() => Calibration.Fit([0.2, 0.4], [true, true])).Message, StringComparison.Ordinal);
        Assert.Contains("equal", Assert.Throws<ArgumentException>(() => Calibration.Fit([0.3, 0.3, 0.3], [true, false, true])).Message, StringComparison.Ordinal);
        Assert.Contains("separate", Assert.Throws<ArgumentException>(() => Calibration.Fit([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).Message, StringComparison.Ordinal);
        Assert.Contains("probabilities[1]", Assert.Throws<ArgumentException>(() => Calibration.Fit([0.1, 1.2], [false, true])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Brier_score_by_hand()
    {
        // (0.9−1)² + (0.2−0)² + (0.6−0)² + (0.5−1)² = 0.01 + 0.04 + 0.36 + 0.25 = 0.66; / 4 = 0.165.
        Assert.Equal(0.165, BrierScore.Compute([0.9, 0.2, 0.6, 0.5], [true, false, false, true]), 12);
    }

    [Fact]
    public void Brier_score_of_the_base_rate_is_pi_times_one_minus_pi()
    {
        bool[] y = [true, false, false, false, true, false, false, false];
        var p = Enumerable.Repeat(0.25, y.Length).ToArray();
        Assert.Equal(0.25 * 0.75, BrierScore.Compute(p, y), 12);
    }

    [Fact]
    public void Expected_calibration_error_by_hand()
    {
        // 10 bins. Bin 0: p .05, y 0 → |0 − .05| = .05, weight ⅕.  Bin 1: p .15, .15, y 1, 0 → |.5 − .15| = .35, weight ⅖.
        // Bin 9: p .95, 1.0 (1.0 joins the last bin), y 1, 1 → |1 − .975| = .025, weight ⅖.
        // ECE = .01 + .14 + .01 = 0.16.
        var result = ExpectedCalibrationError.Compute([0.05, 0.15, 0.15, 0.95, 1.0], [false, true, false, true, true]);

        Assert.Equal(0.16, result.Value, 12);
        Assert.Equal(10, result.Bins.Count);
        Assert.Equal(2, result.Bins[9].N);
        Assert.Equal(0, result.Bins[5].N);
        Assert.True(double.IsNaN(result.Bins[5].MeanPredicted));
    }

    [Fact]
    public void Observed_and_expected_per_band_by_hand()
    {
        double[] p = [0.1, 0.2, 0.3, 0.6, 0.8];
        bool[] y = [false, true, false, true, true];
        string[] bands = ["low", "low", "low", "high", "high"];

        var result = ObservedExpected.ByBand(p, y, bands, ["low", "moderate", "high"]);

        Assert.Equal(["low", "moderate", "high"], result.Select(r => r.Band));
        Assert.Equal((3, 1, 0.6), (result[0].N, result[0].ObservedEvents, Math.Round(result[0].ExpectedEvents, 12)));
        Assert.Equal(1 / 0.6, result[0].ObservedToExpected, 12);
        Assert.Equal(0, result[1].N);
        Assert.Equal((2, 2, 1.4), (result[2].N, result[2].ObservedEvents, Math.Round(result[2].ExpectedEvents, 12)));
        Assert.Equal(0.7, result[2].MeanPredicted, 12);

        var unknown = Assert.Throws<ArgumentException>(() => ObservedExpected.ByBand(p, y, ["low", "low", "urgent", "high", "high"], ["low", "high"]));
        Assert.Contains("bands[2]", unknown.Message, StringComparison.Ordinal);
    }
}
