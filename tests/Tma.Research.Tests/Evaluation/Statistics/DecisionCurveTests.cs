using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class DecisionCurveTests
{
    private static readonly double[] P = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
    private static readonly bool[] Y = [false, false, true, false, false, true, false, true, true, true];

    [Fact]
    public void Hand_computed_net_benefit_of_ten_rows_at_two_thresholds()
    {
        var curve = DecisionCurve.Compute(P, Y, [0.25, 0.5]);

        // pₜ = 0.25: flagged p ≥ 0.25 are 0.3 (0), 0.4 (1), 0.5 (0), 0.6, 0.7, 0.8 (1): TP = 4, FP = 2.
        // NB = 4/10 − 2/10 · 0.25/0.75 = 0.4 − 0.0666… = 0.3333…; treat all: 0.5 − 0.5 · 1/3 = 0.3333….
        Assert.Equal(4, curve[0].TruePositives);
        Assert.Equal(2, curve[0].FalsePositives);
        Assert.Equal(0.4 - (0.2 / 3), curve[0].NetBenefit, 1e-12);
        Assert.Equal(0.5 - (0.5 / 3), curve[0].TreatAll, 1e-12);

        // pₜ = 0.5: flagged 0.5 (0), 0.6, 0.7, 0.8 (1): TP = 3, FP = 1. NB = 0.3 − 0.1 · 1 = 0.2; treat all 0.5 − 0.5 = 0.
        Assert.Equal(3, curve[1].TruePositives);
        Assert.Equal(1, curve[1].FalsePositives);
        Assert.Equal(0.2, curve[1].NetBenefit, 1e-12);
        Assert.Equal(0.0, curve[1].TreatAll, 1e-12);
    }

    [Theory]
    [InlineData(0.2, 0.1, 0.2 - (0.8 / 9))]
    [InlineData(0.5, 0.5, 0.0)]
    [InlineData(0.1, 0.5, -0.8)]
    public void Treat_all_is_pi_minus_one_minus_pi_times_the_threshold_odds(double rate, double threshold, double expected) =>
        Assert.Equal(expected, DecisionCurve.TreatAll(rate, threshold), 1e-12);

    [Fact]
    public void A_model_that_flags_everyone_has_the_net_benefit_of_treat_all()
    {
        var p = Enumerable.Repeat(0.995, 10).ToArray(); // ≥ every threshold 0.01…0.99

        var curve = DecisionCurve.Compute(p, Y, DecisionCurve.DefaultThresholds);

        Assert.Equal(99, curve.Count);
        Assert.All(curve, point => Assert.Equal(point.TreatAll, point.NetBenefit, 1e-12));
    }

    [Fact]
    public void The_default_thresholds_run_from_one_to_ninety_nine_percent()
    {
        Assert.Equal(0.01, DecisionCurve.DefaultThresholds[0]);
        Assert.Equal(0.99, DecisionCurve.DefaultThresholds[^1]);
        Assert.Equal(0.07, DecisionCurve.DefaultThresholds[6]);
    }

    [Fact]
    public void Beneficial_ranges_are_the_runs_above_both_defaults()
    {
        DecisionCurvePoint Point(double t, double nb, double all) => new(t, 0, 0, nb, all);
        var points = new[]
        {
            Point(0.1, 0.30, 0.35), Point(0.2, 0.30, 0.25), Point(0.3, 0.20, 0.10), Point(0.4, -0.01, -0.1),
            Point(0.5, 0.05, -0.3), Point(0.6, 0.04, -0.5),
        };

        var ranges = DecisionCurve.BeneficialRanges(points);

        Assert.Equal([new ThresholdRange(0.2, 0.3), new ThresholdRange(0.5, 0.6)], ranges);
    }

    [Fact]
    public void Bootstrap_intervals_hold_the_estimate_and_are_seeded()
    {
        var random = new Random(8);
        var p = Enumerable.Range(0, 5000).Select(_ => random.NextDouble() * 0.6).ToArray();
        var y = p.Select(v => random.NextDouble() < v).ToArray();
        double[] thresholds = [0.3, 0.05, 0.1];

        var a = DecisionCurve.Intervals(p, y, thresholds, new BootstrapOptions(2, 400));
        var b = DecisionCurve.Intervals(p, y, thresholds, new BootstrapOptions(2, 400));
        var curve = DecisionCurve.Compute(p, y, thresholds);

        Assert.Equal(a, b);
        for (var k = 0; k < thresholds.Length; k++)
        {
            Assert.Equal(curve[k].NetBenefit, a[k].Estimate, 1e-12);
            Assert.True(a[k].Lower < a[k].Estimate && a[k].Estimate < a[k].Upper);
        }
    }

    [Fact]
    public void A_threshold_outside_zero_one_is_rejected() =>
        Assert.Throws<ArgumentException>(() => DecisionCurve.Compute(P, Y, [0.0]));
}
