using Tma.Models.Definitions;

namespace Tma.Models.Tests.Definitions;

public sealed class JudgementCheckTests
{
    private static readonly JudgementDefinition Definition = new("priority",
    [
        new JudgementField
        {
            Id = "priority", Label = "Priority", Type = JudgementFieldType.Rating, Required = true,
            Levels = [new ScaleLevel("low", "Low", 0), new ScaleLevel("high", "High", 1)],
        },
        new JudgementField { Id = "formulation", Label = "Formulation", Type = JudgementFieldType.Text },
    ]);

    [Fact]
    public void A_judgement_with_declared_ratings_and_any_text_fits()
    {
        Assert.Empty(Definition.Check(new Dictionary<string, string> { ["priority"] = "high", ["formulation"] = "Grievance; no means known." }));
    }

    [Fact]
    public void Each_fault_is_named_with_its_field_and_the_closest_id()
    {
        var problems = Definition.Check(new Dictionary<string, string> { ["prority"] = "high", ["formulation"] = "x" });

        Assert.Equal(
        [
            "judgement.prority: not a judgement field of this model — did you mean `priority`? (fields: priority, formulation)",
            "judgement.priority: required",
        ], problems);
        Assert.Equal(["judgement.priority: `hihg` is not one of its ratings — did you mean `high`? (low, high)"], Definition.Check(new Dictionary<string, string> { ["priority"] = "hihg" }));
    }
}
