using Tma.Scoring.Assessments;
using static Tma.Scoring.Tests.TestModels;

namespace Tma.Scoring.Tests.Aggregation;

public sealed class MissingDataTests
{
    private static string Model(string policy) => Header + """

        inputs:
          - { id: a, type: frequency }
          - { id: b, type: frequency }
          - { id: c, type: frequency }
          - { id: d, type: frequency }
        levels: [low, high]
        indicators:
          - { id: a, when: known(a), points: a, reason: A }
          - { id: b, when: known(b), points: b, reason: B }
          - { id: c, when: known(c), points: c, reason: C }
          - { id: d, when: known(d), points: d, reason: D }
        scoring:
          policy: sum
          bands:
            - { level: low, to: 12 }
            - { level: high, from: 12 }
        """ + "\nmissing_data: " + policy + "\n";

    [Fact]
    public void Prorate_scales_the_score_to_the_full_item_count()
    {
        var model = Compile(Model("{ policy: prorate, max_omitted: 1 }"));

        // weekly=4, daily=5, monthly=3 -> 12 over 3 known items; prorated 12 * 4/3 = 16 -> high
        var a = model.Assess(("a", "weekly"), ("b", "daily"), ("c", "monthly"), ("d", "unknown"));

        Assert.Equal(16, a.Score, 9);
        Assert.Equal("high", a.Level);
        Assert.Equal(Validity.Prorated, a.Missing.Validity);
        Assert.Equal(["d"], a.Missing.Omitted);
    }

    [Fact]
    public void More_omissions_than_allowed_make_the_result_insufficient()
    {
        var model = Compile(Model("{ policy: prorate, max_omitted: 1 }"));

        var a = model.Assess(("a", "weekly"), ("b", "daily"));

        Assert.Equal(Validity.Insufficient, a.Missing.Validity);
        Assert.False(a.Missing.IsValid);
        Assert.Equal(9, a.Score);
        Assert.StartsWith("Insufficient information: 2 of 4 required inputs are unknown", a.Missing.Message, StringComparison.Ordinal);
        Assert.NotEqual(Conclusion.Level, a.Conclusion);
    }

    [Fact]
    public void Policy_insufficient_accepts_no_omission()
    {
        var model = Compile(Model("{ policy: insufficient }"));

        Assert.Equal(Validity.Valid, model.Assess(("a", "never"), ("b", "never"), ("c", "never"), ("d", "never")).Missing.Validity);
        Assert.Equal(Validity.Insufficient, model.Assess(("a", "never"), ("b", "never"), ("c", "never")).Missing.Validity);
    }

    [Fact]
    public void Max_omitted_keeps_the_raw_score_within_the_allowance()
    {
        var model = Compile(Model("{ policy: max-omitted, max_omitted: 2 }"));

        var a = model.Assess(("a", "daily"), ("b", "daily"));

        Assert.Equal(10, a.Score);
        Assert.Equal(Validity.Valid, a.Missing.Validity);
        Assert.Equal(["c", "d"], a.Missing.Omitted);
    }
}
