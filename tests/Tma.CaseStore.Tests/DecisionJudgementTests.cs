using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

/// <summary>The assessor's structured professional judgement is recorded with the decision, beside the model's result.</summary>
public sealed class DecisionJudgementTests
{
    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_assessors_ratings_and_formulation_are_stored_with_the_decision_and_read_back(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var filled = await world.FilledCaseAsync();
        var judgement = new Dictionary<string, string>
        {
            ["priority"] = "high",
            ["imminence"] = "within_weeks",
            ["formulation"] = "Grievance after dismissal, leakage to a colleague; no known means.",
        };

        await world.Store.RecordDecisionAsync(world.Manager, filled.Id,
            new NewDecision(filled.AssessmentId, "manage", "The model's lower bound agrees with the interviews.", ModelAgreement.Followed) { Judgement = judgement }, filled.Version);
        var stored = (await world.Store.GetDecisionsAsync(world.Manager, filled.Id))[^1];

        Assert.Equal(judgement, stored.Decision.Judgement);
        Assert.Equal(ModelAgreement.Followed, stored.Decision.Agreement);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_judgement_with_a_bad_field_id_or_an_empty_value_is_refused_naming_the_field(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var filled = await world.FilledCaseAsync();
        var before = (await world.Store.GetDecisionsAsync(world.Manager, filled.Id)).Count;

        var badId = await Assert.ThrowsAsync<CaseStoreValidationException>(() => world.Store.RecordDecisionAsync(world.Manager, filled.Id,
            new NewDecision(filled.AssessmentId, "manage", "r", ModelAgreement.Followed) { Judgement = new Dictionary<string, string> { ["Priority!"] = "high" } }, filled.Version));
        var empty = await Assert.ThrowsAsync<CaseStoreValidationException>(() => world.Store.RecordDecisionAsync(world.Manager, filled.Id,
            new NewDecision(filled.AssessmentId, "manage", "r", ModelAgreement.Followed) { Judgement = new Dictionary<string, string> { ["priority"] = " " } }, filled.Version));

        Assert.Contains("judgement: field ids", badId.Message, StringComparison.Ordinal);
        Assert.Contains("judgement: every field needs a value", empty.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await world.Store.GetDecisionsAsync(world.Manager, filled.Id)).Count);
    }
}
