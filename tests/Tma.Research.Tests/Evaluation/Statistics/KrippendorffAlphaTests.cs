using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class KrippendorffAlphaTests
{
    [Theory]
    [InlineData(KrippendorffMetric.Nominal, 0.743)]
    [InlineData(KrippendorffMetric.Ordinal, 0.815)]
    [InlineData(KrippendorffMetric.Interval, 0.849)]
    [InlineData(KrippendorffMetric.Ratio, 0.797)]
    public void Krippendorff_2011_example_gives_the_published_alpha(KrippendorffMetric metric, double published)
    {
        var result = KrippendorffAlpha.Compute(AgreementTestData.Krippendorff2011, metric);

        Assert.Equal(published, result.Alpha, 0.0005);

        // Unit 12 has a single value and is not pairable: 11 units, 40 pairable values.
        Assert.Equal((11, 40), (result.PairableUnits, result.PairableValues));
    }

    [Fact]
    public void Nominal_alpha_by_hand_on_a_small_table()
    {
        // Two coders, units (a, a), (a, b), (b, b). Coincidences: o_aa = 2, o_ab = o_ba = 1, o_bb = 2; n_a = n_b = 3, n = 6.
        // D_o = (o_ab + o_ba)/n = 2/6; D_e = (n_a·n_b + n_b·n_a)/(n(n − 1)) = 18/30. α = 1 − (1/3)/(3/5) = 1 − 5/9 = 4/9.
        double?[,] data = { { 0, 0, 1 }, { 0, 1, 1 } };

        Assert.Equal(4.0 / 9.0, KrippendorffAlpha.Compute(data, KrippendorffMetric.Nominal).Alpha, 12);
    }

    [Property(MaxTest = 300)]
    public Property Identical_coders_with_variance_give_one() =>
        Prop.ForAll(AgreementTestData.VariedRatings(), Gen.Choose(2, 5).ToArbitrary(), static (r, coders) =>
        {
            var data = new double?[coders, r.Length];
            for (var c = 0; c < coders; c++)
            {
                for (var u = 0; u < r.Length; u++)
                {
                    data[c, u] = r[u] + 1;
                }
            }

            return Enum.GetValues<KrippendorffMetric>().All(m => Math.Abs(KrippendorffAlpha.Compute(data, m).Alpha - 1) < 1e-12);
        });

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Contains("at least 2 coders", Assert.Throws<ArgumentException>(() => KrippendorffAlpha.Compute(new double?[1, 3], KrippendorffMetric.Nominal)).Message, StringComparison.Ordinal);
        Assert.Contains("No unit", Assert.Throws<ArgumentException>(() => KrippendorffAlpha.Compute(new double?[,] { { 1, null }, { null, 2 } }, KrippendorffMetric.Nominal)).Message, StringComparison.Ordinal);
        Assert.Contains("equal", Assert.Throws<ArgumentException>(() => KrippendorffAlpha.Compute(new double?[,] { { 1, 1 }, { 1, 1 } }, KrippendorffMetric.Interval)).Message, StringComparison.Ordinal);
        Assert.Contains("[0, 1]", Assert.Throws<ArgumentException>(() => KrippendorffAlpha.Compute(new double?[,] { { 1, double.NaN }, { 1, 2 } }, KrippendorffMetric.Interval)).Message, StringComparison.Ordinal);
    }
}
