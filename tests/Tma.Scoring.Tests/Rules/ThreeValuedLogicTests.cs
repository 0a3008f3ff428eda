using static Tma.Scoring.Tests.TestModels;

namespace Tma.Scoring.Tests.Rules;

public sealed class ThreeValuedLogicTests
{
    private static IRiskModel Model(string condition) => Compile(Header + $$"""

        inputs:
          - { id: x, type: presence }
          - { id: y, type: presence }
          - { id: role, type: categorical, categories: [colleague, supervisor, customer] }
          - { id: age, type: numeric, range: [16, 90], unit: years }
        levels: [low, high]
        indicators:
          - { id: i, when: "{{condition}}", points: 1, reason: R }
        scoring:
          policy: sum
          bands: [ { level: low, to: 1 }, { level: high, from: 1 } ]
        missing_data: { policy: max-omitted, max_omitted: 4 }
        """);

    [Theory]
    [InlineData("not (x >= present)", "unknown", "absent", false)]
    [InlineData("not (x >= present)", "absent", "absent", true)]
    [InlineData("x >= present or y >= present", "unknown", "present", true)]
    [InlineData("x >= present or y >= present", "unknown", "absent", false)]
    [InlineData("x >= present and y >= present", "unknown", "absent", false)]
    [InlineData("x < present", "unknown", "absent", false)]
    [InlineData("known(x)", "unknown", "absent", false)]
    [InlineData("unknown(x)", "unknown", "absent", true)]
    [InlineData("count_at_least(possible, x, y) >= 1", "unknown", "possible", true)]
    [InlineData("any_at_least(present, x, y)", "unknown", "possible", false)]
    [InlineData("not any_at_least(present, x, y)", "unknown", "possible", false)]
    [InlineData("not any_at_least(present, x, y)", "absent", "possible", true)]
    [InlineData("all_at_least(possible, x, y)", "unknown", "present", false)]
    [InlineData("x + y >= 3", "present", "possible", true)]
    [InlineData("x + y >= 3", "unknown", "present", false)]
    public void An_unknown_input_never_makes_an_indicator_fire_by_accident(string condition, string x, string y, bool fires)
    {
        var a = Model(condition).Assess(("x", x), ("y", y));

        Assert.Equal(fires, a.Indicators.Count == 1);
    }

    [Theory]
    [InlineData("role in [supervisor, customer]", "supervisor", true)]
    [InlineData("role not in [supervisor, customer]", "supervisor", false)]
    [InlineData("role == colleague", "colleague", true)]
    [InlineData("role != colleague", "customer", true)]
    public void Categorical_inputs_support_equality_and_membership(string condition, string role, bool fires) =>
        Assert.Equal(fires, Model(condition).Assess(("role", role)).Indicators.Count == 1);

    [Theory]
    [InlineData("age >= 18 and age < 25", "21", true)]
    [InlineData("age * 2 > 100", "49", false)]
    [InlineData("age / 0 > 1", "49", false)]
    [InlineData("abs(age - 50) <= 5", "46", true)]
    [InlineData("max(age, 60) == 60", "30", true)]
    public void Numeric_inputs_support_arithmetic(string condition, string age, bool fires) =>
        Assert.Equal(fires, Model(condition).Assess(("age", age)).Indicators.Count == 1);
}
