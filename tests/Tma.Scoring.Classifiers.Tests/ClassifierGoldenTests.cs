using Tma.Models.Cases;
using Tma.Models.Packaging;
using Tma.Scoring.Assessments;
using Tma.Scoring.FastPath;

namespace Tma.Scoring.Classifiers.Tests;

/// <summary>
/// Golden tests for the shipped demonstration classifier and the composite that combines it with the screening rules.
/// The classifier's probabilities are worked out by hand from the coefficients in its MODEL_CARD.md (logistic
/// regression, Platt: p = σ(0.999685·s − 0.000287), s = intercept + Σ weight × column); the composite's levels follow
/// from the components' levels by max-level. When the classifier is retrained, redo the arithmetic from the new card.
/// </summary>
public sealed class ClassifierGoldenTests
{
    // The examples covered here are listed in ReferenceModelGoldenTests.Covered (tests/Tma.Scoring.Tests/Rules), which
    // checks that every example case of every shipped package has a golden test.
    private const string Classifier = "workplace-violence-classifier";
    private const string Composite = "workplace-violence-composite";

    // Card (2.0.0): intercept −2.398376; grievance 0.249805, motive 0.171404, ideation 0.267912, threat 0.184206
    // (position), path 0.046673 (position), weapons 0.359512, relationship current −0.707441, former −0.481513,
    // contractor −0.404294, stranger −0.093839, losses 0.233544, losses.relevance 0.230385 (position), days 0.326416 per
    // sd (mean 1916.2108, sd 614.9718), days:missing 0.163813, protective −0.171515. Presence scores 0/1/2.

    [Fact]
    public void Nothing_of_concern_gives_a_probability_of_about_2_percent_and_low()
    {
        var a = Assess(Classifier, "quiet-current-employee.yaml");

        // s = −2.398376 − 0.707441 + 0.326416 × (365 − 1916.2108)/614.9718 = −3.929172; p = σ(0.999685 s − 0.000287) = 0.019299.
        AssertClassifier(a, 0.019299, "low");
        Assert.Equal(-0.823355, a.Contributions!.Single(c => c.Feature == "days_since_adverse_action").Contribution, 1e-4);
        Assert.Equal(["document-review"], a.Actions.Select(x => x.Id));
    }

    [Fact]
    public void Many_possible_signals_add_up_to_11_percent_which_is_still_low()
    {
        var a = Assess(Classifier, "many-possible-signals.yaml");

        // s = −2.398376 + 0.249805 + 0.171404 + 0.267912 + 0.184206 + 2 × 0.046673 − 0.093839 + 0.233544 + 0.230385
        //     + 0.326416 × (20 − 1916.2108)/614.9718 = −2.068088; p = 0.112274 < 0.15.
        AssertClassifier(a, 0.112274, "low");
    }

    [Fact]
    public void An_escalated_former_employee_is_moderate_at_34_percent()
    {
        var a = Assess(Classifier, "escalated-former-employee.yaml");

        // s = −2.398376 + 2(0.249805 + 0.171404 + 0.267912 + 0.184206) + 4 × 0.046673 + 0.359512 − 0.481513
        //     + 2 × 0.233544 + 2 × 0.230385 + 0.326416 × (10 − 1916.2108)/614.9718 = −0.670955; p = 0.338266 in [0.15, 0.35).
        AssertClassifier(a, 0.338266, "moderate");
        // The largest contribution is homicidal ideation, 2 × 0.267912 = 0.535824 (grievance 0.49961, the former-employee
        // column is negative).
        Assert.Equal("homicidal_ideation", a.ReasonCodes[0].Code);
        Assert.Equal(0.535824, a.ReasonCodes[0].Contribution, 1e-4);
        Assert.Equal("Violent or homicidal ideation (critical item): present", a.ReasonCodes[0].Reason);
    }

    [Fact]
    public void Two_unknown_items_take_the_training_mode_and_stay_valid()
    {
        var a = Assess(Classifier, "two-unknown-items.yaml");

        // Motive and ideation unknown -> mode (absent, 0); days unknown -> at the mean (0) with its indicator 0.163813.
        // s = −2.398376 + 2 × 0.249805 + 0.184206 + 0.046673 + 0.359512 − 0.404294 + 0.163813 − 0.171515 = −1.720371;
        // p = 0.151856 (band moderate). Two required inputs omitted, max_omitted 2 -> valid; but both are key items
        // since 1.1.0, and a classifier cannot bound what their answers would change: unassessable, gather them first.
        Assert.Equal(0.151856, a.Probability!.Value, 1e-6);
        Assert.Equal((Conclusion.Unassessable, null, -1), (a.Conclusion, a.Level, a.LevelRank));
        Assert.Equal(["violent_motive", "homicidal_ideation"], a.Missing.KeyItems);
        Assert.Equal("gather-key-items", a.Actions[0].Id);
        Assert.Equal(["violent_motive", "homicidal_ideation"], a.Missing.Omitted);
        Assert.Equal(Validity.Valid, a.Missing.Validity);
        Assert.Equal(0, a.Contributions!.Single(c => c.Feature == "violent_motive").Contribution);
        Assert.Equal("unknown", a.Contributions!.Single(c => c.Feature == "violent_motive").Value);
    }

    [Fact]
    public void Composite_a_direct_threat_with_weapons_stays_high_because_the_rules_override_wins()
    {
        var a = Assess(Composite, "direct-threat-with-weapons.yaml");

        // rules: 5.5 -> moderate, threat-with-weapons override -> high (see the screening golden test).
        // classifier: s = −2.398376 + 2 × 0.249805 + 2 × 0.184206 + 2 × 0.046673 + 0.359512 − 0.707441 + 2 × 0.233544
        //   + 0 (relevance low) + 0.163813 (days unknown) − 2 × 0.171515 = −1.497066; p = 0.182891 -> moderate.
        // max-level(high, moderate) = high.
        AssertComposite(a, "high", ("rules", "high", null), ("classifier", "moderate", 0.182891));
        Assert.Equal(["threat-with-weapons: moderate -> high"], a.Components![0].Overrides.Select(o => $"{o.Indicator}: {o.LevelBefore} -> {o.MinimumLevel}"));
        Assert.Equal("max-level: the highest mapped level is high (from rules)", a.Combination!.Steps[2]);
        Assert.Contains(a.Actions, x => x.Id == "police-consult" && x.Because.Contains("rules/threat-with-weapons"));
    }

    [Fact]
    public void Composite_nothing_of_concern_is_low_in_both_components()
    {
        var a = Assess(Composite, "quiet-current-employee.yaml");

        // rules: nothing fires, score 0 -> low. classifier: p = 0.019299 -> low (as above). max-level = low.
        AssertComposite(a, "low", ("rules", "low", null), ("classifier", "low", 0.019299));
        Assert.Equal(0, a.Score);
    }

    [Fact]
    public void Composite_the_classifier_raises_a_low_rules_result_to_moderate()
    {
        var a = Assess(Composite, "classifier-raises-the-level.yaml");

        // rules: grievance 1 + veiled threat 1 × 1.5 + protective −2 = 0.5 -> low (no override).
        // classifier: s = −2.398376 + 2 × 0.249805 + 0.171404 + 0.267912 + 0.184206 + 2 × 0.046673 − 0.093839
        //   + 2 × 0.233544 + 0.230385 + 0.163813 − 2 × 0.171515 = −0.757481; p = 0.319183 -> moderate.
        // max-level = moderate.
        AssertComposite(a, "moderate", ("rules", "low", null), ("classifier", "moderate", 0.319183));
        Assert.Equal(0.5, a.Components![0].Score);
        Assert.Equal(["grievance", "veiled-threat", "protective"], a.Indicators.Select(i => i.Id));
        Assert.All(a.Contributions!, c => Assert.Equal("classifier", c.Component));
    }

    private static void AssertClassifier(Assessment a, double probability, string level)
    {
        Assert.Equal(probability, a.Probability!.Value, 1e-4);
        Assert.Equal(level, a.Level);
        Assert.Equal("mlnet", a.Engine);
        Assert.Equal("classifier", a.Model.Kind);
        Assert.Empty(a.Indicators);
    }

    private static void AssertComposite(Assessment a, string level, params (string Alias, string Level, double? Probability)[] components)
    {
        Assert.Equal(level, a.Level);
        Assert.Equal("composite", a.Engine);
        Assert.Equal(components.Select(c => (c.Alias, (string?)c.Level)), a.Components!.Select(c => (c.Alias, c.Level)));
        foreach (var (component, expected) in a.Components!.Zip(components))
        {
            if (expected.Probability is { } p)
            {
                Assert.Equal(p, component.Probability!.Value, 1e-4);
            }
        }

        Assert.Equal($"final level: {level}", a.Combination!.Steps[^1]);
    }

    private static Assessment Assess(string package, string example)
    {
        var model = RiskModelCompiler.Compile(ModelPackage.Load(Path.Combine(Repository.Root, "models", package)).GetValueOrThrow(), options: RiskModelOptions.Default.WithClassifiers());
        var data = CaseReader.ReadFile(Path.Combine(Repository.Root, "models", package, "examples", example));
        Assert.True(data.Succeeded, string.Join(Environment.NewLine, data.Diagnostics));
        return model.Assess(data.Value!);
    }
}
