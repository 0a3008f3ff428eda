using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class SmoothCalibrationTests
{
    [Fact]
    public void Errors_of_a_known_curve_are_mean_median_type7_90th_percentile_and_maximum()
    {
        double[] p = [0.1, 0.2, 0.3, 0.4, 0.5];
        double[] smooth = [0.1, 0.25, 0.2, 0.4, 0.9];

        // |p − s| = 0, 0.05, 0.1, 0, 0.4 → sorted 0, 0, 0.05, 0.1, 0.4.
        // ICI = 0.55 / 5 = 0.11; E50 = 0.05; E90: h = (5 − 1)·0.9 = 3.6 → 0.1 + 0.6·(0.4 − 0.1) = 0.28; Emax = 0.4.
        var e = SmoothCalibration.Errors(p, smooth);

        Assert.Equal(0.11, e.Average, 1e-12);
        Assert.Equal(0.05, e.Median, 1e-12);
        Assert.Equal(0.28, e.Percentile90, 1e-12);
        Assert.Equal(0.4, e.Maximum, 1e-12);
    }

    [Fact]
    public void Predictions_twice_the_true_risk_give_a_curve_near_p_over_two_and_ICI_near_mean_p_over_two()
    {
        // True risk p/2 with p ~ U(0.1, 0.9): the smooth curve estimates p/2, so |p − p/2| = p/2 and
        // ICI → E[p]/2 = 0.25, E90 → 0.9th quantile of p/2 = (0.1 + 0.8·0.9)/2 = 0.41. n = 40,000: tolerance 0.02.
        var random = new Random(11);
        var n = 40_000;
        var p = new double[n];
        var y = new bool[n];
        for (var i = 0; i < n; i++)
        {
            p[i] = 0.1 + (0.8 * random.NextDouble());
            y[i] = random.NextDouble() < p[i] / 2;
        }

        var result = SmoothCalibration.Compute(p, y, new BootstrapOptions(3, 200));

        Assert.Equal(0.25, result.Ici, 0.02);
        Assert.Equal(0.41, result.E90, 0.02);
        Assert.Equal(SmoothCalibration.GridPoints, result.Grid.Count);
        for (var k = 0; k < result.Grid.Count; k += 10)
        {
            Assert.Equal(result.Grid[k] / 2, result.Curve[k], 0.03);
            Assert.True(result.Lower![k] <= result.Curve[k] + 1e-9 && result.Curve[k] <= result.Upper![k] + 1e-9);
            Assert.True(result.Upper![k] - result.Lower![k] < 0.06);
        }

        Assert.Equal(200, result.BandResamples);
        Assert.Equal(SmoothCalibration.MaxBandGroups, result.BandGroups);
    }

    [Fact]
    public void Well_calibrated_predictions_have_a_small_ICI_and_a_band_around_the_diagonal()
    {
        var random = new Random(12);
        var n = 20_000;
        var p = new double[n];
        var y = new bool[n];
        for (var i = 0; i < n; i++)
        {
            p[i] = 0.05 + (0.9 * random.NextDouble());
            y[i] = random.NextDouble() < p[i];
        }

        var result = SmoothCalibration.Compute(p, y, new BootstrapOptions(4, 300));

        Assert.True(result.Ici < 0.02, $"ICI {result.Ici}");
        var covered = Enumerable.Range(0, result.Grid.Count).Count(k => result.Lower![k] <= result.Grid[k] && result.Grid[k] <= result.Upper![k]);
        Assert.True(covered >= 80, $"the diagonal is inside the band at {covered} of 100 grid points");
    }

    [Fact]
    public void The_band_is_seeded_and_absent_without_a_bootstrap()
    {
        var random = new Random(13);
        var p = Enumerable.Range(0, 3000).Select(_ => random.NextDouble()).ToArray();
        var y = p.Select(v => random.NextDouble() < v).ToArray();

        var a = SmoothCalibration.Compute(p, y, new BootstrapOptions(9, 50));
        var b = SmoothCalibration.Compute(p, y, new BootstrapOptions(9, 50));
        var none = SmoothCalibration.Compute(p, y, null);

        Assert.Equal(a.Lower, b.Lower);
        Assert.Equal(a.Upper, b.Upper);
        Assert.Null(none.Lower);
        Assert.Equal(0, none.BandResamples);
        Assert.Equal(a.Ici, none.Ici);
        Assert.Equal(a.Curve, none.Curve);
    }

    [Fact]
    public void Resamples_of_the_band_are_capped()
    {
        var p = Enumerable.Range(0, 200).Select(i => (i + 0.5) / 200).ToArray();
        var y = p.Select((v, i) => i % 3 == 0).ToArray();

        var result = SmoothCalibration.Compute(p, y, new BootstrapOptions(1, SmoothCalibration.MaxBandResamples + 500));

        Assert.Equal(SmoothCalibration.MaxBandResamples, result.BandResamples);
        Assert.Equal(200, result.BandGroups);
    }

    [Fact]
    public void The_weighted_local_fit_with_unit_counts_is_the_lowess_fit_at_a_data_point()
    {
        // The band's smoother (case weights, fitted directly at a point) and R's lowess agree where both are defined:
        // at a data point, with every count 1 and distinct x.
        var random = new Random(21);
        var x = Enumerable.Range(0, 300).Select(_ => random.NextDouble()).Order().ToArray();
        var y = x.Select(v => random.NextDouble() < v ? 1.0 : 0.0).ToArray();
        var ones = Enumerable.Repeat(1.0, x.Length).ToArray();
        var lowess = Lowess.Fit(x, y, delta: 0);
        var ns = (int)((2.0 / 3.0 * x.Length) + 1e-7);

        foreach (var i in new[] { 0, 17, 150, 299 })
        {
            var direct = SmoothCalibration.WeightedLocalFit(x, ones, y, x[i], ns, x[^1] - x[0]);
            Assert.Equal(lowess.Fitted[i], direct, 1e-9);
        }
    }
}
