using Tma.Models.Cases;
using static Tma.Scoring.Tests.TestModels;

namespace Tma.Scoring.Tests.Rules;

public sealed class TemporalTests
{
    private static readonly IRiskModel Model = Compile(Header + """

        inputs:
          - { id: threats, type: presence }
          - { id: grievance, type: presence }
        levels: [low, high]
        indicators:
          - { id: escalation, when: "rose_within(threats, 1, 30) and grievance >= present", points: 2, reason: Escalating threats }
          - { id: recent, when: "observed_within(threats, present, 14)", points: 1, reason: Recent threat }
        scoring:
          policy: sum
          bands: [ { level: low, to: 2 }, { level: high, from: 2 } ]
        missing_data: { policy: max-omitted, max_omitted: 2 }
        """);

    private static CaseData Observed(params (string Value, string Date)[] threats) => new()
    {
        Inputs = new Dictionary<string, CaseValue> { ["grievance"] = CaseValue.Level("present") },
        Observations = [.. threats.Select(t => new Observation("threats", CaseValue.Level(t.Value), DateTimeOffset.Parse(t.Date + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)))],
    };

    [Fact]
    public void A_rise_of_one_level_within_30_days_fires_the_escalation_join()
    {
        var a = Model.Assess(Observed(("absent", "2026-09-01"), ("possible", "2026-09-20")));

        var fired = Assert.Single(a.Indicators, i => i.Id == "escalation");
        Assert.Equal(["grievance", "threats", "threats"], fired.Evidence.Select(e => e.Input));
        Assert.Equal(["present", "absent", "possible"], fired.Evidence.Select(e => e.Value));
    }

    [Fact]
    public void A_rise_spread_over_more_than_30_days_does_not_fire()
    {
        var a = Model.Assess(Observed(("absent", "2026-08-01"), ("possible", "2026-09-20")));

        Assert.DoesNotContain(a.Indicators, i => i.Id == "escalation");
    }

    [Fact]
    public void A_fall_does_not_count_as_a_rise()
    {
        var a = Model.Assess(Observed(("present", "2026-09-01"), ("absent", "2026-09-10")));

        Assert.DoesNotContain(a.Indicators, i => i.Id == "escalation");
    }

    [Fact]
    public void Without_a_case_date_the_case_is_assessed_as_of_now()
    {
        var a = Model.Assess(Observed(("present", "2026-09-01"), ("absent", "2026-09-10")) with { AsOf = null });

        // Assessing today (the injected clock, 1 Nov): `present` on 1 Sep is no longer within 14 days.
        Assert.Equal(TestModels.Now, a.AsOf);
        Assert.Empty(a.FiredIds());
    }

    [Fact]
    public void Observed_within_looks_back_from_the_case_date()
    {
        var recent = Observed(("present", "2026-09-01")) with { AsOf = new DateTimeOffset(2026, 9, 10, 0, 0, 0, TimeSpan.Zero) };
        var old = Observed(("present", "2026-09-01")) with { AsOf = new DateTimeOffset(2026, 9, 30, 0, 0, 0, TimeSpan.Zero) };

        Assert.Contains(Model.Assess(recent).Indicators, i => i.Id == "recent");
        Assert.DoesNotContain(Model.Assess(old).Indicators, i => i.Id == "recent");
    }

    [Fact]
    public void Several_matching_pairs_fire_once_with_the_latest_evidence()
    {
        var a = Model.Assess(Observed(("absent", "2026-09-01"), ("possible", "2026-09-05"), ("present", "2026-09-09")));

        var fired = Assert.Single(a.Indicators, i => i.Id == "escalation");
        Assert.Equal(2, fired.Points);
        Assert.Equal(new DateTimeOffset(2026, 9, 9, 0, 0, 0, TimeSpan.Zero), fired.Evidence[^1].ObservedAt);
    }

    [Fact]
    public void Observations_after_the_case_date_are_not_known_yet()
    {
        var data = Observed(("absent", "2026-09-01"), ("present", "2026-09-20")) with { AsOf = new DateTimeOffset(2026, 9, 10, 0, 0, 0, TimeSpan.Zero) };

        var a = Model.Assess(data);

        Assert.Empty(a.Indicators);
    }
}
