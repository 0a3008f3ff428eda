using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;

namespace Tma.Models.Tests.Cases;

/// <summary>Cases checked against the corpus base model (see <see cref="Expressions.ExpressionBinderTests"/> for its inputs).</summary>
public sealed class CaseResolverTests
{
    private static readonly ModelDefinition Model = TestModels.LoadBase();

    private static LoadResult<ResolvedCase> Resolve(string yaml) =>
        CaseResolver.Resolve(Model, CaseReader.ReadText(yaml, "case.yaml").GetValueOrThrow());

    private static ResolvedCase Resolved(string yaml)
    {
        var result = Resolve(yaml);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Value!;
    }

    private static double? ValueOf(ResolvedCase resolved, string input) => resolved.Values[Model.InputIndex(input)];

    [Fact]
    public void Levels_resolve_to_their_positions_and_numbers_stay_numbers()
    {
        var resolved = Resolved("inputs: { fixation: possible, insults: weekly, relationship: customer, age: 42.5 }\n");
        Assert.Equal(1, ValueOf(resolved, "fixation"));
        Assert.Equal(3, ValueOf(resolved, "insults"));
        Assert.Equal(2, ValueOf(resolved, "relationship"));
        Assert.Equal(42.5, ValueOf(resolved, "age"));
        Assert.Null(ValueOf(resolved, "leakage"));
    }

    [Fact]
    public void An_unknown_input_is_rejected_with_a_suggestion_at_its_position()
    {
        var result = Resolve("inputs:\n  fixaton: present\n");
        TestModels.AssertHas(result, DiagnosticCodes.CaseUnknownInput, 2, 12, "inputs.fixaton: unknown input `fixaton` — did you mean `fixation`?");
    }

    [Fact]
    public void An_observation_of_an_unknown_input_is_rejected_with_a_suggestion()
    {
        var result = Resolve("observations:\n  - { input: insult, value: daily, at: 2026-10-01 }\n");
        TestModels.AssertHas(result, DiagnosticCodes.CaseUnknownInput, 2, 5, "observations[0].input: unknown input `insult` — did you mean `insults`?");
    }

    [Fact]
    public void A_level_that_is_not_on_the_scale_is_rejected_with_the_levels_listed()
    {
        var result = Resolve("inputs:\n  leakage: sometimes\n");
        TestModels.AssertHas(result, DiagnosticCodes.CaseValue, 2, 12, "inputs.leakage: `sometimes` is not a level of `leakage` (levels: absent, possible, present, or unknown)");
    }

    [Fact]
    public void A_category_that_does_not_exist_is_rejected_with_a_suggestion()
    {
        var result = Resolve("inputs:\n  relationship: colleage\n");
        TestModels.AssertHas(result, DiagnosticCodes.CaseValue, 2, 17, "`colleage` is not a category of `relationship` — did you mean `colleague`?");
    }

    [Theory]
    [InlineData("15")]
    [InlineData("99.5")]
    [InlineData("-1")]
    public void A_number_outside_the_range_is_rejected_without_repeating_the_value(string value)
    {
        var result = Resolve($"inputs:\n  age: {value}\n");
        var diagnostic = TestModels.AssertHas(result, DiagnosticCodes.CaseValue, 2, 8, "inputs.age: the value is outside the range of `age` [16, 99] years");
        Assert.DoesNotContain(value, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ends_of_a_numeric_range_are_inside_it()
    {
        Assert.Equal(16, ValueOf(Resolved("inputs: { age: 16 }\n"), "age"));
        Assert.Equal(99, ValueOf(Resolved("inputs: { age: 99 }\n"), "age"));
    }

    [Fact]
    public void A_word_for_a_numeric_input_is_rejected()
    {
        var result = Resolve("inputs:\n  age: old\n");
        TestModels.AssertHas(result, DiagnosticCodes.CaseValue, 2, 8, "inputs.age: `age` is numeric (years); give a number or `unknown`");
    }

    [Theory]
    [InlineData("true", 1.0)]
    [InlineData("yes", 1.0)]
    [InlineData("false", 0.0)]
    [InlineData("no", 0.0)]
    public void A_binary_input_takes_yes_no_true_and_false(string written, double position) =>
        Assert.Equal(position, ValueOf(Resolved($"inputs: {{ weapon_access: {written} }}\n"), "weapon_access"));

    [Fact]
    public void A_binary_input_refuses_other_words()
    {
        var result = Resolve("inputs:\n  weapon_access: maybe\n");
        TestModels.AssertHas(result, DiagnosticCodes.CaseValue, 2, 18, "`maybe` is not a level of `weapon_access` (levels: no, yes, or unknown)");
    }

    [Fact]
    public void Presence_with_relevance_fills_both_axes()
    {
        var resolved = Resolved("inputs:\n  leakage: { presence: present, relevance: moderate }\n");
        var index = Model.InputIndex("leakage");
        Assert.Equal(2, resolved.Values[index]);
        Assert.Equal(1, resolved.Relevance[index]);
    }

    [Fact]
    public void Relevance_is_refused_for_an_input_not_coded_for_it_and_checked_against_its_levels()
    {
        TestModels.AssertHas(Resolve("inputs:\n  fixation: { presence: present, relevance: high }\n"), DiagnosticCodes.CaseValue, 2, 13, "inputs.fixation: `fixation` is not coded for relevance");
        TestModels.AssertHas(Resolve("inputs:\n  leakage: { presence: present, relevance: huge }\n"), DiagnosticCodes.CaseValue, 2, 12, "`huge` is not a relevance level of `leakage` (levels: low, moderate, high)");
    }

    [Fact]
    public void The_latest_observation_of_an_input_is_its_current_value_whatever_the_order_written()
    {
        var resolved = Resolved("""
            observations:
              - { input: insults, value: daily, at: 2026-10-01 }
              - { input: insults, value: never, at: 2026-08-01 }
              - { input: insults, value: weekly, at: 2026-09-01 }
            """);
        Assert.Equal(4, ValueOf(resolved, "insults"));
        Assert.Equal([0.0, 3.0, 4.0], resolved.Observations.Select(o => o.Value));
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), resolved.AsOf);
    }

    [Fact]
    public void A_value_given_directly_wins_over_the_latest_observation()
    {
        var resolved = Resolved("""
            inputs: { insults: monthly }
            observations:
              - { input: insults, value: daily, at: 2026-10-01 }
            """);
        Assert.Equal(2, ValueOf(resolved, "insults"));
        Assert.Single(resolved.Observations);
    }

    [Fact]
    public void An_unknown_latest_observation_makes_the_input_unknown_and_is_not_kept_as_evidence()
    {
        var resolved = Resolved("""
            observations:
              - { input: insults, value: weekly, at: 2026-09-01 }
              - { input: insults, value: unknown, at: 2026-10-01 }
            """);
        Assert.Null(ValueOf(resolved, "insults"));
        Assert.Single(resolved.Observations);
    }

    [Fact]
    public void Two_observations_of_one_input_at_the_same_time_that_disagree_are_rejected()
    {
        var result = Resolve("""
            observations:
              - { input: insults, value: weekly, at: 2026-09-01 }
              - { input: insults, value: daily, at: 2026-09-01 }
            """);
        TestModels.AssertHas(result, DiagnosticCodes.CaseValue, 3, 5, "observations[1]: two observations of `insults` from the same source at the same time disagree; record a correction with a later time");
    }

    [Fact]
    public void Disagreeing_same_time_observations_are_found_even_when_a_later_one_comes_between()
    {
        var result = Resolve("""
            observations:
              - { input: insults, value: weekly, at: 2026-09-01 }
              - { input: insults, value: never, at: 2026-10-01 }
              - { input: insults, value: daily, at: 2026-09-01 }
            """);
        TestModels.AssertHas(result, DiagnosticCodes.CaseValue, 4, 5, "observations[2]: two observations of `insults` from the same source at the same time disagree");
    }

    [Fact]
    public void Agreeing_repeated_observations_are_accepted()
    {
        var resolved = Resolved("""
            observations:
              - { input: insults, value: weekly, at: 2026-09-01, rater: r1 }
              - { input: insults, value: weekly, at: 2026-09-01, rater: r2 }
            """);
        Assert.Equal(3, ValueOf(resolved, "insults"));
    }

    [Fact]
    public void As_of_given_in_the_case_wins_over_the_latest_observation()
    {
        var resolved = Resolved("as_of: 2026-12-24\nobservations:\n  - { input: insults, value: weekly, at: 2026-09-01 }\n");
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 0, 0, 0, TimeSpan.Zero), resolved.AsOf);
    }

    [Fact]
    public void A_norm_is_refused_when_the_model_has_none_to_choose()
    {
        TestModels.AssertHas(Resolve("norm: nordic\n"), DiagnosticCodes.CaseValue, 1, 7, "norm: this model has no selectable norms");
        Assert.Equal("default", Resolved("norm: default\n").Norm);
    }

    [Fact]
    public void Every_problem_of_a_case_is_reported_at_once()
    {
        var result = Resolve("inputs:\n  fixaton: present\n  leakage: sometimes\n  age: 150\n");
        Assert.Equal(3, result.Diagnostics.Count);
        Assert.Equal([2, 3, 4], result.Diagnostics.Select(d => d.Location.Line));
    }
}
