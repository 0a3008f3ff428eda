using Tma.Scoring.Assessments;
using static Tma.Scoring.Tests.TestModels;

namespace Tma.Scoring.Tests.Aggregation;

public sealed class AggregationPolicyTests
{
    private const string Inputs = """
        inputs:
          - { id: threat, type: presence }
          - { id: weapons, type: binary }
          - { id: support, type: presence, required: false }
        levels: [low, moderate, high, urgent]
        """;

    private static readonly string SumModel = Header + "\n" + Inputs + """

        indicators:
          - { id: threat, when: threat >= present, points: 3, reason: Threat, reason_code: T }
          - { id: possible-threat, when: threat == possible, points: 1, reason: Possible threat, reason_code: PT }
          - { id: weapons, when: weapons, points: 2, reason: Weapons, reason_code: W }
          - { id: support, when: support >= present, points: -1, reason: Support, reason_code: S }
          - { id: direct, when: threat >= present and weapons, points: 0, minimum_level: urgent, reason: Threat with weapons, reason_code: TW }
        scoring:
          policy: sum
          bands:
            - { level: low, to: 2 }
            - { level: moderate, from: 2, to: 4 }
            - { level: high, from: 4 }
        missing_data: { policy: max-omitted, max_omitted: 1 }
        """;

    [Fact]
    public void Sum_adds_the_points_of_fired_indicators_and_bands_the_total()
    {
        var model = Compile(SumModel);

        // 3 (threat) - 1 (support) = 2 -> [2, 4) moderate
        var a = model.Assess(("threat", "present"), ("weapons", "no"), ("support", "present"));

        Assert.Equal(2, a.Score);
        Assert.Equal("moderate", a.Level);
        Assert.Equal(["threat", "support"], a.FiredIds());
    }

    [Fact]
    public void Direct_threat_with_weapon_access_is_never_low()
    {
        var model = Compile(SumModel);

        // 3 + 2 - 1 = 4 -> high by bands, then the critical item raises it to urgent.
        var a = model.Assess(("threat", "present"), ("weapons", "yes"), ("support", "present"));

        Assert.Equal(4, a.Score);
        Assert.Equal("urgent", a.Level);
        var applied = Assert.Single(a.Overrides);
        Assert.Equal(("direct", "urgent", "high"), (applied.Indicator, applied.MinimumLevel, applied.LevelBefore));
    }

    [Fact]
    public void An_override_never_lowers_a_level()
    {
        var yaml = SumModel.Replace("minimum_level: urgent", "minimum_level: low", StringComparison.Ordinal);
        var model = Compile(yaml);

        var a = model.Assess(("threat", "present"), ("weapons", "yes"));

        Assert.Equal("high", a.Level);
        Assert.Empty(a.Overrides);
    }

    [Fact]
    public void Weighted_multiplies_points_by_weights_and_ranks_reason_codes_by_contribution()
    {
        var model = Compile(Header + "\n" + Inputs + """

            indicators:
              - { id: threat, when: threat >= possible, points: 1, weight: 1.5, reason: Threat, reason_code: T }
              - { id: weapons, when: weapons, points: 2, weight: 2, reason: Weapons, reason_code: W }
              - { id: support, when: support >= present, points: -1, weight: 0.5, reason: Support, reason_code: S }
            scoring:
              policy: weighted
              max_reason_codes: 2
              bands:
                - { level: low, to: 3 }
                - { level: high, from: 3 }
            """);

        // 1*1.5 + 2*2 - 1*0.5 = 5 -> high; ranked W (4) before T (1.5); S (-0.5) cut by max_reason_codes 2.
        var a = model.Assess(("threat", "possible"), ("weapons", "yes"), ("support", "present"));

        Assert.Equal(5, a.Score);
        Assert.Equal("high", a.Level);
        Assert.Equal(["W", "T"], a.ReasonCodes.Select(r => r.Code));
        Assert.Equal([4, 1.5], a.ReasonCodes.Select(r => r.Contribution));
    }

    [Fact]
    public void Count_counts_fired_indicators()
    {
        var model = Compile(Header + "\n" + Inputs + """

            indicators:
              - { id: threat, when: threat >= present, reason: Threat }
              - { id: weapons, when: weapons, reason: Weapons }
            scoring:
              policy: count
              bands:
                - { level: low, to: 1 }
                - { level: moderate, from: 1, to: 2 }
                - { level: high, from: 2 }
            """);

        Assert.Equal(("moderate", 1.0), Summary(model.Assess(("threat", "present"), ("weapons", "no"))));
        Assert.Equal(("high", 2.0), Summary(model.Assess(("threat", "present"), ("weapons", "yes"))));
    }

    [Fact]
    public void Highest_level_wins_takes_the_highest_level_of_the_fired_indicators()
    {
        var model = Compile(Header + "\n" + Inputs + """

            indicators:
              - { id: possible, when: threat >= possible, level: moderate, reason: Possible threat }
              - { id: weapons, when: weapons, level: high, reason: Weapons }
            scoring:
              policy: highest-level
            """);

        Assert.Equal(("low", 0.0), Summary(model.Assess(("threat", "absent"), ("weapons", "no"))));
        Assert.Equal(("moderate", 1.0), Summary(model.Assess(("threat", "present"), ("weapons", "no"))));
        Assert.Equal(("high", 2.0), Summary(model.Assess(("threat", "present"), ("weapons", "yes"))));
    }

    private static (string? Level, double Score) Summary(Assessment a) => (a.Level, a.Score);
}
