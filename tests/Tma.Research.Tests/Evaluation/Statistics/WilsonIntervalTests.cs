using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class WilsonIntervalTests
{
    [Theory]
    // Newcombe (1998), Stat Med 17:857–872, Table I, method 3 (score interval without continuity correction).
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Matches_Newcombe_1998_published_intervals(int successes, int trials, double lower, double upper)
    {
        var result = WilsonInterval.Compute(successes, trials);

        Assert.Equal(lower, result.Lower, 0.00006);
        Assert.Equal(upper, result.Upper, 0.00006);
    }

    [Fact]
    public void Zero_trials_is_undefined_and_bad_counts_are_rejected()
    {
        var empty = WilsonInterval.Compute(0, 0);
        Assert.True(double.IsNaN(empty.Estimate));
        Assert.Equal((0.0, 1.0), (empty.Lower, empty.Upper));
        Assert.Throws<ArgumentException>(() => WilsonInterval.Compute(3, 2));
        Assert.Throws<ArgumentException>(() => WilsonInterval.Compute(-1, 2));
    }

    [Property(MaxTest = 1000)]
    public Property Interval_contains_the_point_estimate_and_lies_in_0_1() =>
        Prop.ForAll(
            (from n in Gen.Choose(1, 5000) from x in Gen.Choose(0, n) select (x, n)).ToArbitrary(),
            static d =>
            {
                var r = WilsonInterval.Compute(d.x, d.n);
                return r.Lower <= r.Estimate && r.Estimate <= r.Upper && r.Lower >= 0 && r.Upper <= 1 && r.Upper > r.Lower;
            });
}
