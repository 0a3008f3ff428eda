using Tma.CaseStore;
using Tma.CaseStore.Tests.Infrastructure;
using Tma.Host;
using Tma.Scoring;
using Tma.Scoring.Assessments;

namespace Tma.Host.Tests.Scoring;

public sealed class CaseScoringTests
{
    internal static string ModelPath() => Repository.Model("warning-behaviours-triage");

    [Fact]
    public async Task Assessing_a_case_stores_the_exact_model_and_inputs_and_reads_back_the_same_assessment()
    {
        await using var harness = await StoreHarness.CreateAsync(Backend.Sqlite);
        var store = await harness.OpenAsync();
        var world = await World.CreateAsync(store);
        var created = await store.CreateCaseAsync(world.Manager, new NewCase("subject-ref-7", CaseCategory.Violence, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var day = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        await store.AddObservationAsync(world.Manager, created.Id, new NewObservation("leakage", "possible", day, "colleague report"));
        await store.AddObservationAsync(world.Manager, created.Id, new NewObservation("leakage", "present", day.AddDays(5), "e-mail"));
        await store.AddObservationAsync(world.Manager, created.Id, new NewObservation("grievance", "present", day.AddDays(5), "HR"));
        var model = RiskModelCompiler.Load(ModelPath());

        // As of ten days later: the reports are within leakage's 90-day validity window (today they would be stale).
        var (record, assessment) = await store.AssessAndStoreAsync(world.Manager, created.Id, model, asOf: day.AddDays(10));
        var stored = (await store.GetAssessmentsAsync(world.Manager, created.Id)).Single();

        // Two sources disagree on leakage within 14 days: shown, and the more concerning report (present) is used. With
        // the other key items unknown the leakage still establishes the highest level: at least manage.
        Assert.Equal((Conclusion.LowerBound, "manage"), (assessment.Conclusion, assessment.Level));
        Assert.Equal("leakage", Assert.Single(assessment.Contradictions).Input);
        Assert.Equal(record.Id, stored.Id);
        Assert.Equal((model.Reference.Id, model.Reference.Version, model.Reference.ContentHash), (stored.Assessment.PackageId, stored.Assessment.PackageVersion, stored.Assessment.PackageHash));
        Assert.Equal(AssessmentJson.Serialize(assessment), AssessmentJson.Serialize(stored.ReadAssessment()));
        Assert.Contains("\"input\":\"leakage\",\"value\":\"possible\"", stored.Assessment.InputsJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unassessable_assessment_reads_back_although_its_level_is_omitted()
    {
        await using var harness = await StoreHarness.CreateAsync(Backend.Sqlite);
        var store = await harness.OpenAsync();
        var world = await World.CreateAsync(store);
        var created = await store.CreateCaseAsync(world.Manager, new NewCase("subject-ref-9", CaseCategory.Violence, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var day = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        await store.AddObservationAsync(world.Manager, created.Id, new NewObservation("leakage", "possible", day, "colleague report"));
        var model = RiskModelCompiler.Load(ModelPath());

        var (_, assessment) = await store.AssessAndStoreAsync(world.Manager, created.Id, model, asOf: day.AddDays(1));
        var stored = (await store.GetAssessmentsAsync(world.Manager, created.Id)).Single();

        // The stable JSON omits nulls, so `level` and `levelLabel` are absent; reading it back failed as "missing required properties".
        Assert.Equal((Conclusion.Unassessable, null), (assessment.Conclusion, assessment.Level));
        Assert.DoesNotContain("\"level\"", stored.Assessment.AssessmentJson, StringComparison.Ordinal);
        Assert.Equal(AssessmentJson.Serialize(assessment), AssessmentJson.Serialize(stored.ReadAssessment()));
    }

    [Fact]
    public async Task A_challenger_assessment_is_recorded_but_not_on_the_shown_risk_curve()
    {
        await using var harness = await StoreHarness.CreateAsync(Backend.Sqlite);
        var store = await harness.OpenAsync();
        var world = await World.CreateAsync(store);
        var created = await store.CreateCaseAsync(world.Manager, new NewCase("subject-ref-8", CaseCategory.Bullying, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        await store.AddObservationAsync(world.Manager, created.Id, new NewObservation("fixation", "present", new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), "report"));
        var model = RiskModelCompiler.Load(ModelPath());

        await store.AssessAndStoreAsync(world.Manager, created.Id, model);
        await store.AssessAndStoreAsync(world.Manager, created.Id, model, isChallenger: true);

        Assert.Single((await store.GetRiskCurveAsync(world.Manager, created.Id)).Points);
        Assert.Equal(2, (await store.GetRiskCurveAsync(world.Manager, created.Id, includeChallengers: true)).Points.Count);
    }

    [Theory]
    [InlineData("present", "present", null, null)]
    [InlineData("present/high", "present", "high", null)]
    [InlineData("34", null, null, 34.0)]
    public void Stored_values_parse_into_engine_values(string stored, string? level, string? relevance, double? number)
    {
        var value = CaseScoring.ParseValue(stored);

        Assert.Equal((level, relevance, number), (value.Text, value.Relevance, value.Number));
    }
}
