using Tma.Models.Definitions;
using Tma.Models.Expressions;

namespace Tma.Models.Tests.Expressions;

/// <summary>
/// Binding against the corpus base model's inputs: fixation and leakage (presence, group proximal; leakage also coded
/// for relevance), grievance (presence, group distal), insults (frequency), weapon_access (binary), relationship
/// (categorical) and age (numeric, 16–99).
/// </summary>
public sealed class ExpressionBinderTests
{
    private static readonly ModelDefinition Model = TestModels.LoadBase();

    private static BoundExpression Bind(string text, ValueKind expected = ValueKind.Bool)
    {
        var (bound, errors) = new ExpressionBinder(Model.Inputs).Bind(text, expected);
        Assert.True(errors.Count == 0, $"`{text}` should bind: {string.Join("; ", errors.Select(e => $"{e.Position}: {e.Message}"))}");
        return bound!;
    }

    private static ExpressionError Fails(string text, int position, string fragment, ValueKind expected = ValueKind.Bool)
    {
        var (bound, errors) = new ExpressionBinder(Model.Inputs).Bind(text, expected);
        Assert.Null(bound);
        var error = errors.FirstOrDefault(e => e.Position == position && e.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.True(error is not null, $"expected an error at {position} containing \"{fragment}\"; got: {string.Join("; ", errors.Select(e => $"{e.Position}: {e.Message}"))}");
        return error!;
    }

    private static string[] Ids(IEnumerable<BoundInput> items) => [.. items.Select(i => i.Name)];

    // Helpers -------------------------------------------------------------------------------------------------------

    [Fact]
    public void Known_and_unknown_take_one_input_and_are_truth_values()
    {
        var known = Assert.IsType<BoundKnown>(Bind("known(age)"));
        Assert.True(known.WantKnown);
        Assert.Equal("age", known.Value.Name);
        Assert.False(Assert.IsType<BoundKnown>(Bind("unknown(fixation)")).WantKnown);
        Fails("known(fixation, leakage)", 0, "`known` takes exactly one input");
        Fails("unknown(1)", 8, "`unknown` takes an input, e.g. `unknown(fixation)`");
    }

    [Fact]
    public void Count_at_least_counts_items_and_groups_at_or_above_a_level()
    {
        var count = Assert.IsType<BoundItemCount>(Bind("count_at_least(present, @proximal, grievance)", ValueKind.Number));
        Assert.Equal(ItemCountKind.CountAtLeast, count.Helper);
        Assert.Equal(ValueKind.Number, count.Kind);
        Assert.Equal(["fixation", "leakage", "grievance"], Ids(count.Items));
        Assert.Equal([2, 2, 2], count.Thresholds);
        Assert.Equal("present", count.LevelId);
    }

    [Fact]
    public void Any_at_least_and_all_at_least_are_truth_values_with_a_threshold_per_item()
    {
        var any = Assert.IsType<BoundItemCount>(Bind("any_at_least(possible, @distal, fixation)"));
        Assert.Equal([1, 1], any.Thresholds);
        Assert.Equal(ItemCountKind.AnyAtLeast, any.Helper);
        Assert.Equal(ValueKind.Bool, any.Kind);

        // `possible` is position 1 on the presence scale; the frequency scale has no `possible`.
        Fails("any_at_least(possible, @distal, insults)", 13, "`possible` is not a level of `insults`");
        var all = Assert.IsType<BoundItemCount>(Bind("all_at_least('weekly', insults)"));
        Assert.Equal(ItemCountKind.AllAtLeast, all.Helper);
        Assert.Equal([3], all.Thresholds);
    }

    [Fact]
    public void Level_counting_helpers_check_their_arguments()
    {
        Fails("any_at_least(@proximal)", 0, "takes a level and then inputs or groups, e.g. `any_at_least(present, @proximal)`");
        Fails("count_at_least(present, relationship) > 0", 15, "`relationship` has no ordered levels");
        Fails("any_at_least(present, @proximl)", 22, "unknown group `@proximl` — did you mean `proximal`?");
        Fails("any_at_least(present, fixation + 1)", 31, "counts inputs or `@group`s, not expressions");
        Fails("any_at_least(present, fixaton)", 22, "unknown input `fixaton` — did you mean `fixation`?");
    }

    [Fact]
    public void Count_known_and_count_unknown_accept_inputs_of_every_type()
    {
        var known = Assert.IsType<BoundItemCount>(Bind("count_known(@proximal, age, relationship)", ValueKind.Number));
        Assert.Equal(ItemCountKind.CountKnown, known.Helper);
        Assert.Equal(["fixation", "leakage", "age", "relationship"], Ids(known.Items));
        Assert.Empty(known.Thresholds);
        Assert.Equal(ItemCountKind.CountUnknown, Assert.IsType<BoundItemCount>(Bind("count_unknown(weapon_access)", ValueKind.Number)).Helper);
        Fails("count_known() > 0", 0, "`count_known` needs at least one input or `@group`");
    }

    [Fact]
    public void Sum_max_and_min_take_numbers_inputs_scores_and_groups()
    {
        var sum = Assert.IsType<BoundAggregate>(Bind("sum(@proximal, insults, 2)", ValueKind.Number));
        Assert.Equal(AggregateKind.Sum, sum.Helper);
        Assert.Collection(
            sum.Arguments,
            a => Assert.Equal("fixation", Assert.IsType<BoundScore>(a).Value.Name),
            a => Assert.Equal("leakage", Assert.IsType<BoundScore>(a).Value.Name),
            a => Assert.Equal("insults", Assert.IsType<BoundScore>(a).Value.Name),
            a => Assert.Equal(2, Assert.IsType<BoundNumber>(a).Value));
        Assert.Equal(AggregateKind.Max, Assert.IsType<BoundAggregate>(Bind("max(age, insults)", ValueKind.Number)).Helper);
        Assert.Equal(AggregateKind.Min, Assert.IsType<BoundAggregate>(Bind("min(age - 16, 10)", ValueKind.Number)).Helper);
        Fails("sum()", 0, "`sum` needs at least one value", ValueKind.Number);
        Fails("max(relationship)", 4, "`relationship` is categorical and has no numeric value", ValueKind.Number);
    }

    [Fact]
    public void Abs_takes_exactly_one_number()
    {
        Assert.IsType<BoundAbs>(Bind("abs(age - 50)", ValueKind.Number));
        Fails("abs(age, 1)", 0, "`abs` takes exactly one number", ValueKind.Number);
        Fails("abs(weapon_access and true)", 18, "a number is needed here, not a truth value", ValueKind.Number);
    }

    [Fact]
    public void Rose_within_takes_an_ordered_input_a_number_of_levels_and_days()
    {
        var rose = Assert.IsType<BoundTemporal>(Bind("rose_within(insults, 2, 30)"));
        Assert.Equal(TemporalKind.RoseWithin, rose.Helper);
        Assert.Equal(("insults", 2, 30), (rose.Item.Name, rose.Amount, rose.Days));
        Fails("rose_within(age, 1, 30)", 12, "`age` has no ordered levels to follow over time");
        Fails("rose_within(leakage.relevance, 1, 30)", 12, "has no ordered levels to follow over time");
        Fails("rose_within(insults, 0, 30)", 21, "the number of levels is a whole number of at least 1");
        Fails("rose_within(insults, 1, 0)", 0, "days is a whole number from 1 to 3650");
        Fails("rose_within(insults, 1, 3651)", 0, "days is a whole number from 1 to 3650");
        Fails("rose_within(insults, 1, 1.5)", 0, "days is a whole number from 1 to 3650");
        Fails("rose_within(insults, 1)", 0, "write `rose_within(item, levels, days)`");
    }

    [Fact]
    public void Observed_within_takes_an_ordered_input_a_level_and_days()
    {
        var observed = Assert.IsType<BoundTemporal>(Bind("observed_within(fixation, 'present', 14)"));
        Assert.Equal(TemporalKind.ObservedWithin, observed.Helper);
        Assert.Equal(("fixation", 2, 14), (observed.Item.Name, observed.Amount, observed.Days));
        Fails("observed_within(fixation, sometimes, 14)", 26, "`sometimes` is not a level of `fixation`");
        Fails("observed_within(fixation, 2, 14)", 26, "the second argument is a level name");
        Fails("observed_within(relationship, colleague, 14)", 16, "`relationship` has no ordered levels to follow over time");
    }

    [Fact]
    public void Temporal_helpers_joined_with_and_keep_their_place_among_the_conjuncts()
    {
        var condition = Bind("observed_within(fixation, present, 14) and leakage >= possible and rose_within(insults, 1, 30)");
        Assert.Collection(
            condition.Conjuncts(),
            c => Assert.Equal(TemporalKind.ObservedWithin, Assert.IsType<BoundTemporal>(c).Helper),
            c => Assert.IsType<BoundComparison>(c),
            c => Assert.Equal(TemporalKind.RoseWithin, Assert.IsType<BoundTemporal>(c).Helper));
    }

    [Fact]
    public void An_unknown_helper_lists_the_helpers_and_suggests_the_closest()
    {
        var error = Fails("rose_whithin(insults, 1, 30)", 0, "unknown helper `rose_whithin` — did you mean `rose_within`?");
        Assert.EndsWith("(helpers: known, unknown, count_at_least, any_at_least, all_at_least, count_known, count_unknown, sum, max, min, abs, rose_within, observed_within)", error.Message, StringComparison.Ordinal);
        Fails("known", 0, "`known` is a helper; call it with arguments");
    }

    // Comparisons ---------------------------------------------------------------------------------------------------

    [Fact]
    public void An_input_compared_with_a_level_name_compares_positions_on_its_scale()
    {
        var comparison = Assert.IsType<BoundComparison>(Bind("fixation >= present"));
        Assert.Equal(ComparisonOperator.GreaterOrEqual, comparison.Operator);
        Assert.Equal("fixation", Assert.IsType<BoundInput>(comparison.Left).Name);
        Assert.Equal(2, Assert.IsType<BoundLevel>(comparison.Right).LevelIndex);

        var reversed = Assert.IsType<BoundComparison>(Bind("possible <= fixation"));
        Assert.Equal(1, Assert.IsType<BoundLevel>(reversed.Left).LevelIndex);
    }

    [Fact]
    public void A_quoted_level_is_the_same_as_a_bare_one()
    {
        var bare = Assert.IsType<BoundComparison>(Bind("insults >= weekly"));
        var quoted = Assert.IsType<BoundComparison>(Bind("insults >= 'weekly'"));
        Assert.Equal(((BoundLevel)bare.Right).LevelIndex, ((BoundLevel)quoted.Right).LevelIndex);
        Assert.Equal(3, ((BoundLevel)quoted.Right).LevelIndex);
    }

    [Fact]
    public void A_level_named_like_an_input_must_be_quoted_to_mean_the_level()
    {
        InputDefinition[] inputs =
        [
            new() { Id = "risk", Label = "risk", Type = InputType.Ordinal, Levels = [new("low", "low", 0), new("elevated", "elevated", 1), new("high", "high", 2)] },
            new() { Id = "high", Label = "high", Type = InputType.Binary, Levels = [new("no", "no", 0), new("yes", "yes", 1)] },
        ];
        var binder = new ExpressionBinder(inputs);

        var quoted = Assert.IsType<BoundComparison>(binder.Bind("risk == 'high'", ValueKind.Bool).Expression);
        Assert.Equal(2, Assert.IsType<BoundLevel>(quoted.Right).LevelIndex);

        // Bare, `high` is the input: two different scales are compared by their scores.
        var bare = Assert.IsType<BoundComparison>(binder.Bind("risk == high", ValueKind.Bool).Expression);
        Assert.Equal("high", Assert.IsType<BoundScore>(bare.Right).Value.Name);
    }

    [Fact]
    public void An_ordered_input_compared_with_a_number_compares_its_level_score()
    {
        var comparison = Assert.IsType<BoundComparison>(Bind("insults >= 4"));
        Assert.Equal("insults", Assert.IsType<BoundScore>(comparison.Left).Value.Name);
        Assert.Equal(4, Assert.IsType<BoundNumber>(comparison.Right).Value);
    }

    [Fact]
    public void Inputs_on_the_same_scale_compare_positions_and_on_different_scales_compare_scores()
    {
        var same = Assert.IsType<BoundComparison>(Bind("fixation > leakage"));
        Assert.IsType<BoundInput>(same.Left);
        Assert.IsType<BoundInput>(same.Right);
        var different = Assert.IsType<BoundComparison>(Bind("insults > fixation"));
        Assert.IsType<BoundScore>(different.Left);
        Assert.IsType<BoundScore>(different.Right);
    }

    [Fact]
    public void Categorical_inputs_allow_only_equality_and_membership()
    {
        Assert.IsType<BoundComparison>(Bind("relationship == supervisor"));
        Assert.IsType<BoundComparison>(Bind("relationship != 'customer'"));
        var membership = Assert.IsType<BoundMembership>(Bind("relationship not in [colleague, customer]"));
        Assert.True(membership.Negated);
        Assert.Equal([0, 2], membership.Members);
        Fails("relationship < supervisor", 13, "`relationship` is categorical: its categories have no order");
        Fails("relationship == boss", 16, "`boss` is not a category of `relationship` (categorys: colleague, supervisor, customer)");
        Fails("relationship >= 1", 0, "`relationship` is categorical and has no numeric value");
    }

    [Fact]
    public void Membership_lists_levels_for_levelled_inputs_and_numbers_for_numbers()
    {
        Assert.Equal([1, 2], Assert.IsType<BoundMembership>(Bind("fixation in [possible, present]")).Members);
        Assert.Equal([18, 21], Assert.IsType<BoundMembership>(Bind("age in [18, 21]")).Members);
        Fails("fixation in [1, 2]", 13, "`in` lists level names of an input");
        Fails("fixation in [possible, often]", 23, "`often` is not a level of `fixation`");
    }

    [Fact]
    public void The_relevance_axis_of_a_presence_input_is_reached_with_dot_relevance()
    {
        var comparison = Assert.IsType<BoundComparison>(Bind("leakage >= present and leakage.relevance >= high").Conjuncts().Last());
        var input = Assert.IsType<BoundInput>(comparison.Left);
        Assert.True(input.Relevance);
        Assert.Equal(2, Assert.IsType<BoundLevel>(comparison.Right).LevelIndex);
        Fails("fixation.relevance >= high", 0, "`fixation` is not coded for relevance; declare `relevance: true`");
        Fails("leakage.severity >= high", 0, "the only member is `.relevance`");
    }

    [Fact]
    public void A_binary_input_is_a_truth_value_and_truth_values_compare_only_for_equality()
    {
        var and = Assert.IsType<BoundLogical>(Bind("weapon_access and not weapon_access == false"));
        Assert.True(and.IsAnd);
        Assert.IsType<BoundTruth>(and.Left);
        Assert.IsType<BoundComparison>(Bind("weapon_access == yes"));
        Fails("weapon_access < true", 14, "truth values can only be compared with `==` or `!=`");
    }

    [Theory]
    [InlineData("not age", 4, "`age` is not a truth value; compare it, e.g. `age >= 1`")]
    [InlineData("fixation", 0, "`fixation` is not a truth value; compare it, e.g. `fixation >= present`")]
    [InlineData("relationship or weapon_access", 0, "`relationship` is not a truth value; compare it, e.g. `relationship == colleague`")]
    [InlineData("age + 1", 4, "a truth value (a comparison, `and`, `or`, `not` or a helper such as `any_at_least`) is needed here, not a number")]
    [InlineData("present == absent", 0, "`present` is a level, not an input")]
    [InlineData("present", 0, "`present` is a level, not an input; compare an input with it, e.g. `fixation >= present`")]
    [InlineData("@proximal >= 1", 0, "`@proximal` stands for several inputs and can only be used inside helpers")]
    [InlineData("'present'", 0, "'present' is a level name; compare an input with it")]
    [InlineData("fixation + present > 1", 11, "`present` is a level, not an input")]
    [InlineData("weapon_access + 1 > 1", 0, "")]
    public void Type_errors_name_the_problem_and_its_position(string text, int position, string fragment)
    {
        if (fragment.Length == 0)
        {
            // A binary input has a score (0 or 1) like every ordered input, so arithmetic on it is fine.
            Bind(text);
            return;
        }

        Fails(text, position, fragment);
    }

    [Fact]
    public void A_score_expression_must_be_a_number_and_a_condition_a_truth_value()
    {
        Assert.IsType<BoundArithmetic>(Bind("sum(@proximal) + age / 10", ValueKind.Number));
        Assert.Equal("insults", Assert.IsType<BoundScore>(Bind("insults", ValueKind.Number)).Value.Name);
        Fails("fixation >= present", 9, "a number is needed here, not a truth value", ValueKind.Number);
    }

    [Fact]
    public void Every_independent_error_in_one_condition_is_reported()
    {
        var (bound, errors) = new ExpressionBinder(Model.Inputs).Bind("fixaton >= 1 and leakage == sometimes", ValueKind.Bool);
        Assert.Null(bound);
        Assert.Collection(
            errors,
            e => Assert.Equal((0, "unknown input `fixaton` — did you mean `fixation`?"), (e.Position, e.Message)),
            e => Assert.Equal(28, e.Position));
    }
}
