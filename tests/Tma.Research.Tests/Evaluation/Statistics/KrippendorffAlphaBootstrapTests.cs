using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class KrippendorffAlphaBootstrapTests
{
    [Fact]
    public void The_estimate_is_alpha_and_the_seeded_interval_is_reproducible()
    {
        var options = new BootstrapOptions(Seed: 7, Resamples: 500);

        var first = KrippendorffAlphaBootstrap.Compute(AgreementTestData.Krippendorff2011, KrippendorffMetric.Ordinal, options);
        var again = KrippendorffAlphaBootstrap.Compute(AgreementTestData.Krippendorff2011, KrippendorffMetric.Ordinal, options);
        var other = KrippendorffAlphaBootstrap.Compute(AgreementTestData.Krippendorff2011, KrippendorffMetric.Ordinal, options with { Seed = 8 });

        // Krippendorff (2011), example C: ordinal α = 0.815.
        Assert.Equal(0.815, first.Estimate, 0.0005);
        Assert.Equal(first, again);
        Assert.NotEqual(first.Lower, other.Lower);
        Assert.InRange(first.Estimate, first.Lower, first.Upper);
        Assert.True(first.Upper <= 1);
        Assert.Equal(500, first.Resamples);
    }

    [Fact]
    public void Resampled_units_recompute_alpha_from_their_own_coincidences()
    {
        // Every unit has full agreement, so every resample with two distinct values has D_o = 0 and α = 1; resamples
        // that draw one value only (D_e = 0) are invalid. The interval is therefore [1, 1].
        double?[,] data = { { 1, 2, 3, 1, 2 }, { 1, 2, 3, 1, 2 }, { 1, 2, 3, null, 2 } };

        var interval = KrippendorffAlphaBootstrap.Compute(data, KrippendorffMetric.Ordinal, new BootstrapOptions(1, 200));

        Assert.Equal((1.0, 1.0, 1.0), (interval.Estimate, interval.Lower, interval.Upper));
        Assert.InRange(interval.ValidResamples, 150, 200);
    }

    [Fact]
    public void Two_units_of_complete_disagreement_bound_the_interval_below_alpha_of_the_data()
    {
        // 4 units, 2 coders, nominal: units (1,1), (2,2), (1,2), (2,1). By hand: n = 8, n_1 = n_2 = 4;
        // D_o = (o_12 + o_21)/n = 4/8, D_e = 2 · 4 · 4/(8 · 7) = 32/56; α = 1 − (1/2)/(4/7) = 1/8.
        double?[,] data = { { 1, 2, 1, 2 }, { 1, 2, 2, 1 } };

        var interval = KrippendorffAlphaBootstrap.Compute(data, KrippendorffMetric.Nominal, new BootstrapOptions(3, 400));

        Assert.Equal(0.125, interval.Estimate, 12);
        Assert.True(interval.Lower < 0.125 && interval.Upper > 0.125);
        Assert.True(interval.Upper <= 1);
    }
}
