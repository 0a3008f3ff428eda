using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class NewcombeIntervalTests
{
    // Newcombe RG (1998). Interval estimation for the difference between independent proportions: comparison of eleven
    // methods. Stat Med 17:873–890, Table II, method 10 (score interval, hybrid, no continuity correction), 95 %.
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775)]
    [InlineData(0, 10, 0, 10, -0.2775, 0.2775)]
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000)]
    [InlineData(10, 10, 0, 10, 0.6075, 1.0000)]
    public void Matches_newcombe_1998_table_II_method_10(int x1, int n1, int x2, int n2, double lower, double upper)
    {
        var result = NewcombeInterval.Compute(x1, n1, x2, n2);

        Assert.Equal((double)x1 / n1 - ((double)x2 / n2), result.Estimate, 12);
        Assert.Equal(lower, result.Lower, 4);
        Assert.Equal(upper, result.Upper, 4);
    }

    [Fact]
    public void Subgroup_gaps_carry_the_newcombe_interval()
    {
        // Group A: 70 cases with the outcome, 56 flagged (TPR 0.8); group B: 80, 48 flagged (TPR 0.6). Each group also has
        // 10 cases without the outcome, none flagged. TPR gap A − B = 0.2 with Newcombe's example (a): [0.0524, 0.3339].
        var flags = new List<bool>();
        var outcomes = new List<bool>();
        var groups = new List<string>();
        void Add(string group, int flagged, int events)
        {
            for (var i = 0; i < events; i++)
            {
                flags.Add(i < flagged);
                outcomes.Add(true);
                groups.Add(group);
            }

            for (var i = 0; i < 10; i++)
            {
                flags.Add(false);
                outcomes.Add(false);
                groups.Add(group);
            }
        }

        Add("A", 56, 70);
        Add("B", 48, 80);

        var report = Subgroups.ForFlags([.. flags], [.. outcomes], groups, "rule");

        var gap = report.TruePositiveRateGap!;
        Assert.Equal(("A", "B"), (gap.HigherGroup, gap.LowerGroup));
        Assert.Equal(0.2, gap.Difference, 12);
        Assert.Equal(0.0524, gap.Interval!.Lower, 4);
        Assert.Equal(0.3339, gap.Interval.Upper, 4);
    }

    [Fact]
    public void Empty_denominators_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => NewcombeInterval.Compute(0, 0, 1, 2));
    }
}
