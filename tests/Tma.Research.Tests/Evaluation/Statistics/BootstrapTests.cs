using MathNet.Numerics.Distributions;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class BootstrapTests
{
    private static (double[] P, bool[] Y) Calibrated(int n, int seed)
    {
        var random = new Random(seed);
        var p = new double[n];
        var y = new bool[n];
        for (var i = 0; i < n; i++)
        {
            p[i] = 0.05 + (0.9 * random.NextDouble());
            y[i] = random.NextDouble() < p[i];
        }

        return (p, y);
    }

    [Fact]
    public void Same_seed_gives_the_same_interval_and_another_seed_a_different_one()
    {
        var (p, y) = Calibrated(500, 51);

        var first = Bootstrap.BrierScore(p, y, new BootstrapOptions(Seed: 7, Resamples: 300));
        var second = Bootstrap.BrierScore(p, y, new BootstrapOptions(Seed: 7, Resamples: 300));
        var other = Bootstrap.BrierScore(p, y, new BootstrapOptions(Seed: 8, Resamples: 300));

        Assert.Equal(first, second);
        Assert.NotEqual(first.Lower, other.Lower);
        Assert.Equal(BrierScore.Compute(p, y), first.Estimate, 15);
    }

    [Fact]
    public void Brier_interval_agrees_with_the_normal_theory_interval_of_a_mean()
    {
        // The Brier score is a mean of (p − y)², so for large n its CI is mean ± z·SD/√n.
        var (p, y) = Calibrated(4000, 52);
        var squared = p.Zip(y, (pi, yi) => Math.Pow(pi - (yi ? 1 : 0), 2)).ToArray();
        var se = MathNet.Numerics.Statistics.Statistics.StandardDeviation(squared) / Math.Sqrt(squared.Length);
        var z = Normal.InvCDF(0, 1, 0.975);

        var result = Bootstrap.BrierScore(p, y, new BootstrapOptions(Seed: 1, Resamples: 2000));

        Assert.Equal(squared.Average() - (z * se), result.Lower, se * 0.25);
        Assert.Equal(squared.Average() + (z * se), result.Upper, se * 0.25);
        Assert.Equal(2000, result.ValidResamples);
    }

    [Fact]
    public void Calibration_slope_interval_agrees_with_the_model_based_standard_error()
    {
        var (p, y) = Calibrated(3000, 53);
        var fit = Calibration.Fit(p, y);
        var z = Normal.InvCDF(0, 1, 0.975);

        var result = Bootstrap.CalibrationSlope(p, y, new BootstrapOptions(Seed: 2, Resamples: 400));

        Assert.Equal(fit.Slope, result.Estimate, 12);
        Assert.Equal(fit.Slope - (z * fit.SlopeStandardError), result.Lower, fit.SlopeStandardError * 0.5);
        Assert.Equal(fit.Slope + (z * fit.SlopeStandardError), result.Upper, fit.SlopeStandardError * 0.5);
    }

    [Fact]
    public void Nnd_and_nsd_intervals_agree_with_inverted_wilson_intervals()
    {
        // NND = 1/PPV and NSD = NPV/(1 − NPV) are monotone in PPV and NPV, so the Wilson limits transform to
        // approximate limits for them; the bootstrap should land close when the flagged groups are large.
        var (p, y) = Calibrated(6000, 54);
        var flagged = p.Select(v => v >= 0.6).ToArray();
        var row = CutoffTable.ForFlags(flagged, y, "p ≥ 0.6");
        var options = new BootstrapOptions(Seed: 3, Resamples: 1000);

        var nnd = Bootstrap.NumberNeededToDetain(flagged, y, options);
        var nsd = Bootstrap.NumberSafelyDischarged(flagged, y, options);

        Assert.Equal(row.NumberNeededToDetain, nnd.Estimate, 12);
        Assert.Equal(1 / row.PositivePredictiveValue.Upper, nnd.Lower, 0.02);
        Assert.Equal(1 / row.PositivePredictiveValue.Lower, nnd.Upper, 0.02);
        static double Odds(double v) => v / (1 - v);
        Assert.Equal(row.NumberSafelyDischarged, nsd.Estimate, 12);
        Assert.Equal(Odds(row.NegativePredictiveValue.Lower), nsd.Lower, 0.06);
        Assert.Equal(Odds(row.NegativePredictiveValue.Upper), nsd.Upper, 0.06);
    }

    [Fact]
    public void Generic_bootstrap_of_a_mean_and_invalid_resamples()
    {
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        var result = Bootstrap.Percentile(values.Length, ix => ix.Average(i => values[i]), new BootstrapOptions(Seed: 4, Resamples: 500));
        Assert.Equal(5.5, result.Estimate, 12);
        Assert.True(result.Lower < 5.5 && result.Upper > 5.5);

        var none = Bootstrap.Percentile(3, _ => double.NaN, new BootstrapOptions(Seed: 5, Resamples: 20));
        Assert.Equal(0, none.ValidResamples);
        Assert.True(double.IsNaN(none.Lower));

        Assert.Throws<ArgumentException>(() => Bootstrap.Percentile(3, _ => 1.0, new BootstrapOptions(Seed: 5, Resamples: 5)));
    }
}
