// One concern, kept in one file on purpose: the golden assessments of the shipped reference models. Each case is a
// few lines of hand-checked expectation; one file is the list a reviewer reads against the model cards.
using System.Collections.Concurrent;
using Tma.Models.Cases;
using Tma.Models.Packaging;
using Tma.Scoring.Assessments;
using Tma.Scoring.FastPath;

namespace Tma.Scoring.Tests.Rules;

/// <summary>
/// Golden tests for the reference models under <c>models/</c>: every example case is scored through the real loader
/// and the NRules engine, and the outcome is compared with values worked out by hand from the model's rules (the
/// arithmetic is in the comments). When a model changes, redo the arithmetic; do not copy the engine's output.
/// </summary>
public sealed class ReferenceModelGoldenTests
{
    private const string WorkplaceViolence = "workplace-violence-screening";
    private const string Bullying = "bullying-naqr";
    private const string Crisis = "crisis-screen-cssrs";
    private const string WarningBehaviours = "warning-behaviours-triage";

    private static readonly ConcurrentDictionary<string, IRiskModel> Compiled = new(StringComparer.Ordinal);

    /// <summary>Golden values are checked on the NRules reference path; FastPath/DifferentialTests prove the default path equal to it.</summary>
    private static readonly RiskModelOptions ReferencePath = new() { Path = EvaluationPath.NRules };

    /// <summary>Every example file that has a golden test below, per package.</summary>
    private static readonly Dictionary<string, string[]> Covered = new(StringComparer.Ordinal)
    {
        [WorkplaceViolence] = ["direct-threat-with-weapons.yaml", "escalating-threats.yaml", "insufficient-information.yaml", "low-grievance-only.yaml", "weapons-access-only.yaml"],
        [Bullying] = ["bullied-person-related.yaml", "india-norm.yaml", "not-bullied.yaml", "occasional-work-pressure.yaml", "two-omitted.yaml"],
        [Crisis] = ["high-recent-behaviour.yaml", "insufficient-interrupted.yaml", "low-wish-to-be-dead.yaml", "moderate-lifetime-behaviour.yaml", "moderate-method.yaml", "none.yaml", "stale-behaviour-rescreen.yaml"],
        [WarningBehaviours] = ["distal-only.yaml", "nothing-present.yaml", "possible-proximal.yaml", "proximal-leakage.yaml"],
        // The golden tests of these two are ClassifierGoldenTests in tests/Tma.Scoring.Classifiers.Tests (they need the
        // classifier kind, which this project does not reference); keep these lists in step with them.
        ["workplace-violence-classifier"] = ["escalated-former-employee.yaml", "many-possible-signals.yaml", "quiet-current-employee.yaml", "two-unknown-items.yaml"],
        ["workplace-violence-composite"] = ["classifier-raises-the-level.yaml", "direct-threat-with-weapons.yaml", "quiet-current-employee.yaml"],
    };

    // ---------------------------------------------------------------------------------------------------------------
    // Package-level checks
    // ---------------------------------------------------------------------------------------------------------------

    public static TheoryData<string> Packages()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(Repository.Path("models")).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(directory, ModelPackage.ModelFileName)))
            {
                data.Add(Path.GetFileName(directory));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_package_loads_without_diagnostics_and_has_a_model_card_saying_it_is_not_a_validated_instrument(string package)
    {
        var loaded = ModelPackage.Load(PackageDirectory(package));

        Assert.True(loaded.Succeeded, string.Join(Environment.NewLine, loaded.Diagnostics));
        Assert.Empty(loaded.Diagnostics);
        Assert.Equal(package, loaded.Value!.Definition.Id);
        var card = Path.Combine(PackageDirectory(package), "MODEL_CARD.md");
        Assert.True(File.Exists(card), $"{package} has no MODEL_CARD.md");
        Assert.Contains("not a validated instrument", File.ReadAllText(card), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_example_case_of_a_package_has_a_golden_test(string package)
    {
        var examples = Path.Combine(PackageDirectory(package), "examples");
        var present = Directory.Exists(examples)
            ? Directory.GetFiles(examples).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()
            : [];

        Assert.True(present.Length >= 3, $"{package} needs at least three example cases");
        Assert.Equal(Covered.GetValueOrDefault(package, []).Order(StringComparer.Ordinal), present);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // workplace-violence-screening: policy weighted, contribution = points * weight.
    // Bands: low < 4 <= moderate < 8 <= high < 12 <= urgent.
    // Critical items: violent-motive, homicidal-ideation, direct-threat, weapons-access => at least moderate;
    // pre-attack-planning and threat-with-weapons => at least high; probing-breaching => urgent.
    // max-omitted 2 (days_since_adverse_action is not required).
    // ---------------------------------------------------------------------------------------------------------------

    [Fact]
    public void Grievance_and_a_highly_relevant_loss_offset_by_protective_factors_is_low()
    {
        var a = Assess(WorkplaceViolence, "low-grievance-only.yaml");

        // grievance 1 + destabiliser 2 - protective 2 = 1 -> low; every key item is known (absent).
        AssertOutcome(a, "low", 1, ["grievance", "destabiliser", "protective"], [], Validity.Valid, "default");
        Assert.Equal(Conclusion.Level, a.Conclusion);
    }

    [Fact]
    public void Weapon_access_alone_is_not_a_critical_item()
    {
        var a = Assess(WorkplaceViolence, "weapons-access-only.yaml");

        // Legal hunters and sport shooters exist: access to weapons with no threat, ideation or grievance present is
        // recorded (routine) but raises nothing. weapons 2 + adverse action 1 - protective 2 = 1 -> low.
        AssertOutcome(a, "low", 1, ["weapons-access", "recent-adverse-action", "protective"], [], Validity.Valid, "default");
        Assert.Empty(a.Overrides);
        Assert.Contains(a.Actions, x => x.Id == "record-means" && x.Urgency == "routine");
        Assert.DoesNotContain(a.Actions, x => x.Urgency == "immediate");
    }

    [Fact]
    public void Direct_threat_with_weapon_access_is_never_low()
    {
        var a = Assess(WorkplaceViolence, "direct-threat-with-weapons.yaml");

        // The combination is the critical item: threat (or ideation, or a present grievance) with access to weapons
        // raises the level to at least high.
        AssertOutcome(
            a,
            "high",
            5.5,
            ["grievance", "direct-threat", "weapons-access", "threat-with-weapons", "grievance-with-weapons", "protective"],
            ["threat-with-weapons: moderate -> high"],
            Validity.Valid,
            "default");
        Assert.Empty(a.Missing.Omitted);
        var experts = a.Actions.SelectMany(x => x.Experts).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("security", experts);
        Assert.Contains("police", experts);
    }

    [Fact]
    public void Escalating_threats_and_progress_along_the_path_fire_from_dated_observations_and_make_the_case_urgent()
    {
        var a = Assess(WorkplaceViolence, "escalating-threats.yaml");

        Assert.Equal((Conclusion.Level, "urgent"), (a.Conclusion, a.Level));
        Assert.Contains("escalating-threats", a.Indicators.Select(i => i.Id));
        Assert.Contains("path-progression", a.Indicators.Select(i => i.Id));
        Assert.All(a.Indicators.Where(i => i.Id is "escalating-threats" or "path-progression"), i => Assert.Contains(i.Evidence, e => e.ObservedAt is not null));
        Assert.Equal(["police-now", "protect-targets"], a.Actions.Take(2).Select(x => x.Id));
    }

    [Fact]
    public void Homicidal_ideation_alone_gives_at_least_high_with_a_conference_and_security_within_24_hours()
    {
        var a = Assess(WorkplaceViolence, "low-grievance-only.yaml");
        var data = ReadCase(WorkplaceViolence, "low-grievance-only.yaml");
        var inputs = new Dictionary<string, Tma.Models.Cases.CaseValue>(data.Inputs) { ["homicidal_ideation"] = Tma.Models.Cases.CaseValue.Level("present") };
        var ideation = AssessData(WorkplaceViolence, data with { Inputs = inputs });

        Assert.Equal("low", a.Level);
        Assert.Equal((Conclusion.Level, "high"), (ideation.Conclusion, ideation.Level));
        var immediate = ideation.Actions.Where(x => x.Urgency == "immediate").ToArray();
        Assert.Contains(immediate, x => x.Step.Contains("24 hours", StringComparison.Ordinal) && x.Experts.Contains("security"));
        Assert.Contains(immediate, x => x.Step.Contains("24 hours", StringComparison.Ordinal) && x.Experts.Contains("psychologist"));
    }

    [Fact]
    public void Key_items_unknown_give_only_a_lower_bound()
    {
        var a = Assess(WorkplaceViolence, "insufficient-information.yaml");

        // grievance 1 + veiled threat 1.5 + relationship 1.5 = 4 -> moderate, but homicidal ideation, path stage,
        // weapons access and suicidality are unknown key items: at least moderate, and a step asks for them first.
        AssertOutcome(a, "moderate", 4, ["grievance", "veiled-threat", "relationship-risk"], [], Validity.Insufficient, "default");
        Assert.Equal(Conclusion.LowerBound, a.Conclusion);
        Assert.Superset(new HashSet<string>(["homicidal_ideation", "path_stage", "weapons_access", "suicidality"]), new HashSet<string>(a.Missing.KeyItems));
        Assert.Equal("gather-key-items", a.Actions[0].Id);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // bullying-naqr: policy sum, score = sum of the 22 item scores (never 1, now_and_then 2, monthly 3, weekly 4,
    // daily 5). Norms (half-point edges reproduce the published whole-number cut-offs):
    //   notelaers-einarsen-2013 (default): no_exposure < 33 <= occasional < 46 <= exposure (safety by item 22 only)
    //   gupta-2017-india:                  no_exposure < 40 <= occasional < 57 <= exposure
    // Work-related items 1, 3, 14, 16, 18, 19, 21; physical 8, 9, 22; personal the other 12.
    // Prorate with at most 2 omitted: score * 22 / known.
    // ---------------------------------------------------------------------------------------------------------------

    [Fact]
    public void A_few_acts_now_and_then_are_not_bullying_under_the_default_norm()
    {
        var a = Assess(Bullying, "not-bullied.yaml");

        // Items 1, 14, 16, 21 now_and_then (4*2 = 8), 18 items never (18*1) -> 26 < 33 -> no_exposure.
        // Sub-scores: personal 12*1 = 12; work 2+1+2+2+1+1+2 = 11; physical 3*1 = 3.
        AssertOutcome(a, "no_exposure", 26, [], [], Validity.Valid, "notelaers-einarsen-2013");
        AssertSubScores(a, ("personal", 12), ("work_related", 11), ("physical", 3));

        // The exposure duration (a key item) is unknown, but with no act weekly no duration could change the level:
        // the level stands, and a step still asks for the duration.
        Assert.Equal(Conclusion.Level, a.Conclusion);
        Assert.Null(a.PossibleLevels);
        Assert.Equal(["exposure_duration_months"], a.Missing.KeyItems);
        Assert.Equal(["gather-key-items", "document"], a.Actions.Select(x => x.Id));
    }

    [Fact]
    public void Weekly_disregarded_opinions_in_a_sum_of_36_is_occasional_bullying()
    {
        var a = Assess(Bullying, "occasional-work-pressure.yaml");

        // work: 1 monthly 3 + 3 never 1 + 14 weekly 4 + 16 monthly 3 + 18 now_and_then 2 + 19 never 1 + 21 monthly 3 = 17
        // personal: 6, 11, 13 now_and_then (3*2 = 6) + 9 never = 15
        // physical: 8 now_and_then 2 + 9 never 1 + 22 never 1 = 4
        // total 36 -> occasional [33, 46). Weekly or more: item 14 only, but for 3 months: the Leymann criterion
        // (weekly for at least 6 months) is not met, and the model says so.
        AssertOutcome(a, "occasional", 36, ["naq14-weekly", "weekly-under-six-months"], [], Validity.Valid, "notelaers-einarsen-2013");
        AssertSubScores(a, ("personal", 15), ("work_related", 17), ("physical", 4));
        Assert.Equal(["NAQ14", "WEEKLY-UNDER-6M"], a.ReasonCodes.Select(r => r.Code));
    }

    [Fact]
    public void Frequent_person_related_acts_are_exposure_and_item_22_is_a_safety_matter_handled_at_once()
    {
        var a = Assess(Bullying, "bullied-person-related.yaml");

        // personal: 2 weekly 4 + 4 now_and_then 2 + 5 weekly 4 + 6 daily 5 + 7 monthly 3 + 10 monthly 3 + 11 weekly 4
        //   + 12 daily 5 + 13 weekly 4 + 15 never 1 + 17 monthly 3 + 20 now_and_then 2 = 40
        // work: 1 monthly 3 + 3 never 1 + 14 weekly 4 + 16 now_and_then 2 + 18 now_and_then 2 + 19 never 1 + 21 never 1 = 14
        // physical: 8 monthly 3 + 9 now_and_then 2 + 22 now_and_then 2 = 7
        // total 61 >= 46 -> exposure. Weekly or more: 2, 5, 6, 11, 12, 13, 14 for 10 months -> Leymann criterion.
        // Item 22 (threats of violence or physical abuse) now_and_then: a safety matter whatever the sum -> safety.
        AssertOutcome(
            a,
            "safety",
            61,
            ["naq02-weekly", "naq05-weekly", "naq06-weekly", "naq11-weekly", "naq12-weekly", "naq13-weekly", "naq14-weekly", "naq22-safety", "leymann-criterion"],
            ["naq22-safety: exposure -> safety"],
            Validity.Valid,
            "notelaers-einarsen-2013");
        AssertSubScores(a, ("personal", 40), ("work_related", 14), ("physical", 7));

        Assert.Equal(["NAQ22-SAFETY", "LEYMANN", "NAQ06", "NAQ12", "NAQ02"], a.ReasonCodes.Select(r => r.Code));

        // The immediate protection of the person comes first.
        Assert.Equal(["protect-now", "threat-referral"], a.Actions.Take(2).Select(x => x.Id));
        Assert.All(a.Actions.Take(2), x => Assert.Equal("immediate", x.Urgency));
        Assert.Contains(a.Actions, x => x.Id == "threat-referral" && x.Experts.Contains("security"));
    }

    [Fact]
    public void The_Indian_norm_classes_a_sum_of_50_as_occasional_where_the_default_norm_says_exposure()
    {
        var a = Assess(Bullying, "india-norm.yaml");

        // work: 1 weekly 4 + 3 monthly 3 + 14 weekly 4 + 16 monthly 3 + 18 monthly 3 + 19 now_and_then 2 + 21 weekly 4 = 23
        // personal: 2, 5, 6, 7, 17 now_and_then (5*2 = 10) + 4, 11, 13 monthly (3*3 = 9) + 10, 12, 15, 20 never (4) = 23
        // physical: 8 now_and_then 2 + 9 never 1 + 22 never 1 = 4
        // total 50: India norm occasional [40, 57). Weekly acts for 4 months: the Leymann criterion is not met.
        AssertOutcome(a, "occasional", 50, ["naq01-weekly", "naq14-weekly", "naq21-weekly", "weekly-under-six-months"], [], Validity.Valid, "gupta-2017-india");
        AssertSubScores(a, ("personal", 23), ("work_related", 23), ("physical", 4));

        // The same answers under the default norm: 50 >= 46 -> exposure.
        var defaultNorm = AssessData(Bullying, ReadCase(Bullying, "india-norm.yaml") with { Norm = null });
        AssertOutcome(defaultNorm, "exposure", 50, ["naq01-weekly", "naq14-weekly", "naq21-weekly", "weekly-under-six-months"], [], Validity.Valid, "notelaers-einarsen-2013");
    }

    [Fact]
    public void Two_omitted_items_are_reported_as_the_sum_of_the_known_items_without_proration()
    {
        var a = Assess(Bullying, "two-omitted.yaml");

        // Items 9 and 15 unknown (2 <= max_omitted 2) -> valid; NAQ-R scoring does not prorate: the score is the sum
        // of the 20 known items, 42 -> occasional [33, 46). Each unknown item could add 1 to 5 once answered (or stay
        // unknown, adding 0), so the sum lies in [42, 52], which meets occasional and exposure: the level stands under
        // the policy, and the range is stated.
        Assert.Equal(Conclusion.Level, a.Conclusion);
        AssertOutcome(a, "occasional", 42, ["naq16-weekly", "naq21-weekly", "weekly-under-six-months"], [], Validity.Valid, "notelaers-einarsen-2013");
        Assert.Equal(["naq09", "naq15"], a.Missing.Omitted);
        Assert.Equal(("occasional", "exposure", 42.0, 52.0), (a.PossibleLevels!.Lowest, a.PossibleLevels.Highest, a.PossibleLevels.LowestScore, a.PossibleLevels.HighestScore));
        Assert.Equal("gather-missing", a.Actions[^1].Id);
    }

    [Fact]
    public void Three_omitted_items_exceed_the_proration_limit_and_are_not_prorated()
    {
        // Items 20-22 unknown, the other 19 never: 3 > max_omitted 2 -> insufficient. The score is the plain sum of
        // the known items, 19 * 1 = 19 (no proration), and the three unknown items could still reach any level: no
        // level is supported, so none is shown.
        var lines = Enumerable.Range(1, 22).Select(n => $"  naq{n:00}: {(n >= 20 ? "unknown" : "never")}");
        var a = AssessText(Bullying, "case: GOLDEN-NAQ-GAPS\ninputs:\n" + string.Join("\n", lines) + "\n");

        AssertOutcome(a, null, 19, [], [], Validity.Insufficient, "notelaers-einarsen-2013");
        Assert.Equal(Conclusion.Unassessable, a.Conclusion);
        Assert.Equal(["naq20", "naq21", "naq22"], a.Missing.Omitted);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // crisis-screen-cssrs: policy highest-level over none (0) / low (1) / moderate (2) / high (3); the score is the
    // rank of the highest level named by a fired indicator (0 when none fires). wish-dead, active-thoughts -> low;
    // method -> moderate; intent, plan, recent-behaviour -> high. Missing data: insufficient (no unknown allowed).
    // ---------------------------------------------------------------------------------------------------------------

    [Fact]
    public void No_yes_answer_gives_none()
    {
        var a = Assess(Crisis, "none.yaml");

        // Nothing fires -> score 0 -> none.
        AssertOutcome(a, "none", 0, [], [], Validity.Valid, null);
        Assert.Equal(["document"], a.Actions.Select(x => x.Id));
    }

    [Fact]
    public void A_wish_to_be_dead_alone_is_low()
    {
        var a = Assess(Crisis, "low-wish-to-be-dead.yaml");

        // wish-dead (low = 1) -> score 1 -> low.
        AssertOutcome(a, "low", 1, ["wish-dead"], [], Validity.Valid, null);
    }

    [Fact]
    public void Thoughts_about_a_method_are_moderate()
    {
        var a = Assess(Crisis, "moderate-method.yaml");

        // max(wish-dead 1, active-thoughts 1, method 2) = 2 -> moderate.
        AssertOutcome(a, "moderate", 2, ["wish-dead", "active-thoughts", "method"], [], Validity.Valid, null);
        Assert.Equal("CS-METHOD", a.ReasonCodes[0].Code);
        Assert.Equal(["same-day-mh-contact", "safety-plan"], a.Actions.Take(2).Select(x => x.Id));
    }

    [Fact]
    public void Recent_suicidal_behaviour_is_high_with_urgent_actions_whatever_the_lower_items_say()
    {
        var a = Assess(Crisis, "high-recent-behaviour.yaml");

        // max(wish-dead 1, lifetime-behaviour 2, recent-behaviour 3) = 3 -> high (behaviour in the past 3 months is
        // also lifetime behaviour, coded 6b yes as the guidance says).
        AssertOutcome(a, "high", 3, ["wish-dead", "lifetime-behaviour", "recent-behaviour"], [], Validity.Valid, null);

        // The four immediate safety steps first: not alone, emergency or crisis service, clinician now, means removed.
        Assert.Equal(["stay-with-person", "emergency-crisis-service", "immediate-clinical", "remove-means-now"], a.Actions.Take(4).Select(x => x.Id));
        Assert.All(a.Actions.Take(4), x => Assert.Equal("immediate", x.Urgency));
        var experts = a.Actions.SelectMany(x => x.Experts).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("medical", experts);
        Assert.Contains("psychologist", experts);
    }

    [Fact]
    public void Lifetime_suicidal_behaviour_alone_is_moderate_as_in_the_published_triage()
    {
        var a = Assess(Crisis, "moderate-lifetime-behaviour.yaml");

        // Screener item 6 "ever" but not within 3 months: moderate in the C-SSRS screener triage (Posner et al. 2011).
        AssertOutcome(a, "moderate", 2, ["lifetime-behaviour"], [], Validity.Valid, null);
        Assert.Equal(Conclusion.Level, a.Conclusion);
    }

    [Fact]
    public void Recent_behaviour_answered_in_May_is_no_longer_current_in_November()
    {
        var a = Assess(Crisis, "stale-behaviour-rescreen.yaml");

        // 6a (past 3 months) last answered yes in May: past its window it is history, not a current fact, and 6b is
        // unknown: no level is supported until both are asked again.
        Assert.Equal(Conclusion.Unassessable, a.Conclusion);
        Assert.Null(a.Level);
        var stale = Assert.Single(a.Missing.Stale);
        Assert.Equal(("recent_behaviour", "yes", "P3M"), (stale.Input, stale.Report.Value, stale.ValidFor));
        Assert.Equal(["gather-key-items", "refresh-stale"], a.Actions.Select(x => x.Id));
        // The stale item is asked for once, in the step that names its date; the gather step asks for the others.
        Assert.DoesNotContain("input:recent_behaviour", a.Actions[0].Because);
        Assert.Equal(["input:recent_behaviour"], a.Actions[1].Because);
    }

    [Fact]
    public void An_interrupted_screen_is_insufficient_and_shows_only_a_lower_bound()
    {
        var a = Assess(Crisis, "insufficient-interrupted.yaml");

        // max(wish-dead 1, active-thoughts 1) = 1 -> low; method, intent, plan unknown: 3 > 0 -> insufficient, and
        // they are key items that could raise it to high: at least low, never "low" as a finding.
        AssertOutcome(a, "low", 1, ["wish-dead", "active-thoughts"], [], Validity.Insufficient, null);
        Assert.Equal((Conclusion.LowerBound, "low", "high"), (a.Conclusion, a.PossibleLevels!.Lowest, a.PossibleLevels.Highest));
        Assert.Equal("gather-key-items", a.Actions[0].Id);
        Assert.Equal(["method", "intent", "plan"], a.Missing.Omitted);
        Assert.Equal(0, a.Missing.Allowed);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // warning-behaviours-triage: policy count (each fired indicator counts 1); bands none < 1 <= monitor.
    // Every proximal behaviour present -> minimum manage; distal present -> minimum monitor. max-omitted 4.
    // ---------------------------------------------------------------------------------------------------------------

    [Fact]
    public void Leakage_present_calls_for_active_risk_management()
    {
        var a = Assess(WarningBehaviours, "proximal-leakage.yaml");

        // wb-leakage + distal-characteristics (grievance, thwarted goals present) = 2 -> monitor;
        // wb-leakage minimum manage -> monitor -> manage. possible-proximal does not fire (a proximal is present).
        // 3 unknown distal items > the 2 allowed since 2.0.0 -> insufficient; but the leakage already establishes the
        // highest level, which no answer can lower: at least manage (a lower bound at the top), with the gathering step.
        AssertOutcome(a, "manage", 2, ["wb-leakage", "distal-characteristics"], ["wb-leakage: monitor -> manage"], Validity.Insufficient, "default");
        Assert.Equal(Conclusion.LowerBound, a.Conclusion);
        Assert.Equal("secure-evidence", a.Actions[0].Id);
        Assert.Contains(a.Actions, x => x.Id == "gather-missing");
        Assert.Equal(["failure_to_affiliate", "failure_of_pair_bonding", "mental_disorder"], a.Missing.Omitted);

        // Since 1.1.0 leakage also calls for securing the leaked intent as evidence (immediate), next to interviewing the sources.
        Assert.Contains(a.Actions, x => x.Id == "secure-evidence" && x.Urgency == "immediate");
        Assert.Contains(a.Actions, x => x.Id == "interview-sources");
    }

    [Fact]
    public void Distal_characteristics_only_call_for_active_monitoring()
    {
        var a = Assess(WarningBehaviours, "distal-only.yaml");

        // distal-characteristics = 1 -> monitor (its minimum is monitor too, so no override).
        AssertOutcome(a, "monitor", 1, ["distal-characteristics"], [], Validity.Valid, "default");

        // The unknown items within the allowance keep the level, and a routine step asks for them.
        Assert.Equal(["monitor", "gather-missing"], a.Actions.Select(x => x.Id));
    }

    [Fact]
    public void Nothing_present_gives_none()
    {
        var a = Assess(WarningBehaviours, "nothing-present.yaml");

        // Only 'possible' distal items; no indicator fires -> 0 -> none.
        AssertOutcome(a, "none", 0, [], [], Validity.Valid, "default");
        Assert.Equal(["document"], a.Actions.Select(x => x.Id));
    }

    [Fact]
    public void A_possible_proximal_behaviour_calls_for_monitoring_and_clarification()
    {
        var a = Assess(WarningBehaviours, "possible-proximal.yaml");

        // possible-proximal (fixation possible, no proximal present, all proximal known) = 1 -> monitor.
        // distal-characteristics does not fire (grievance only possible). Actions: clarify (soon) before monitor.
        AssertOutcome(a, "monitor", 1, ["possible-proximal"], [], Validity.Valid, "default");
        Assert.Equal(["clarify", "monitor", "gather-missing"], a.Actions.Select(x => x.Id));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------------

    private static void AssertOutcome(Assessment a, string? level, double score, string[] fired, string[] overrides, Validity validity, string? norm)
    {
        Assert.Equal(level, a.Level);
        Assert.Equal(score, a.Score, 1e-9);
        Assert.Equal(fired, a.Indicators.Select(i => i.Id));
        Assert.Equal(overrides, a.Overrides.Select(o => $"{o.Indicator}: {o.LevelBefore} -> {o.MinimumLevel}"));
        Assert.Equal(validity, a.Missing.Validity);
        Assert.Equal(norm, a.Norm);
        Assert.Equal("nrules", a.Engine);
    }

    private static void AssertSubScores(Assessment a, params (string Domain, double Score)[] expected)
    {
        Assert.Equal(expected.Select(e => e.Domain), a.SubScores.Select(s => s.Domain));
        foreach (var (domain, score) in expected)
        {
            Assert.Equal(score, a.SubScores.Single(s => s.Domain == domain).Score, 1e-9);
        }
    }

    private static (string Input, string Value, DateTimeOffset At)[] DatedEvidence(Assessment a, string indicator) =>
        [.. a.Indicators.Single(i => i.Id == indicator).Evidence.Where(e => e.ObservedAt is not null).Select(e => (e.Input, e.Value, e.ObservedAt!.Value))];

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private static Assessment Assess(string package, string example) => AssessData(package, ReadCase(package, example));

    private static Assessment AssessText(string package, string yaml)
    {
        var data = CaseReader.ReadText(yaml, "golden-inline.yaml");
        Assert.True(data.Succeeded, string.Join(Environment.NewLine, data.Diagnostics));
        return AssessData(package, data.Value!);
    }

    private static Assessment AssessData(string package, CaseData data) =>
        Compiled.GetOrAdd(package, static p => RiskModelCompiler.Compile(ModelPackage.Load(PackageDirectory(p)).GetValueOrThrow(), options: ReferencePath)).Assess(data);

    private static CaseData ReadCase(string package, string example)
    {
        var data = CaseReader.ReadFile(Path.Combine(PackageDirectory(package), "examples", example));
        Assert.True(data.Succeeded, string.Join(Environment.NewLine, data.Diagnostics));
        Assert.Empty(data.Diagnostics);
        return data.Value!;
    }

    private static string PackageDirectory(string package) => Repository.Model(package);
}
