using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

public sealed class CaseWorkflowTests
{
    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_case_round_trips_everything_written_to_it(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var store = world.Store;
        var filled = await world.FilledCaseAsync("subject-ref-7");

        var record = await store.GetCaseAsync(world.Manager, filled.Id);
        Assert.Equal("subject-ref-7", record.SubjectReference);
        Assert.Equal(CaseCategory.Violence, record.Summary.Category);
        Assert.Equal(CaseStatus.Recognised, record.Summary.Status);
        Assert.Equal("manager-1", record.Summary.OwnerId);
        Assert.Equal(filled.Version, record.Version);
        var member = Assert.Single(record.Members);
        Assert.Equal(("expert-1", CaseMemberRole.Psychologist), (member.UserId, member.Role));

        var observation = Assert.Single(await store.GetObservationsAsync(world.Expert, filled.Id));
        Assert.Equal(("fixation", "present", "line manager report", "manager-1"), (observation.InputId, observation.Value, observation.Source, observation.RaterId));
        Assert.Equal(new DateTimeOffset(2026, 2, 27, 0, 0, 0, TimeSpan.Zero), observation.ObservedAt);

        var assessment = Assert.Single(await store.GetAssessmentsAsync(world.Manager, filled.Id));
        Assert.Equal(World.Assessment(), assessment.Assessment);

        var decision = Assert.Single(await store.GetDecisionsAsync(world.Manager, filled.Id));
        Assert.Equal(new NewDecision(filled.AssessmentId, "manage", "agree with model", ModelAgreement.Followed), decision.Decision);

        var info = Assert.Single(await store.ListDocumentsAsync(world.Manager, filled.Id));
        Assert.Equal(("note.txt", "text/plain", 6L, "manager-1"), (info.Name, info.ContentType, info.Size, info.UploadedBy));
        var document = await store.GetDocumentAsync(world.Expert, filled.Id, filled.DocumentId);
        Assert.Equal("a note"u8.ToArray(), document.Content.ToArray());
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_correction_supersedes_the_observation_without_erasing_it(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var filled = await world.FilledCaseAsync();

        var correction = await world.Store.AddObservationAsync(world.Manager, filled.Id,
            new NewObservation("fixation", "absent", new DateTimeOffset(2026, 2, 27, 0, 0, 0, TimeSpan.Zero), "re-interview", filled.ObservationId));

        var current = Assert.Single(await world.Store.GetObservationsAsync(world.Manager, filled.Id));
        Assert.Equal(correction.Id, current.Id);
        Assert.Equal(filled.ObservationId, current.Supersedes);
        var all = await world.Store.GetObservationsAsync(world.Manager, filled.Id, includeSuperseded: true);
        Assert.Equal(2, all.Count);
        Assert.Equal(correction.Id, all.Single(o => o.Id == filled.ObservationId).SupersededBy);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Status_moves_only_along_legal_transitions(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var store = world.Store;
        var created = await store.CreateCaseAsync(world.Manager, new NewCase("s", CaseCategory.Bullying, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var illegal = await Assert.ThrowsAsync<CaseStateException>(() => store.ChangeStatusAsync(world.Manager, created.Id, CaseStatus.Managing, created.Version));
        Assert.Equal("illegal-transition", illegal.Code);

        var v = created.Version;
        foreach (var next in new[] { CaseStatus.Assessing, CaseStatus.Managing, CaseStatus.Monitoring, CaseStatus.Closed })
        {
            var summary = await store.ChangeStatusAsync(world.Manager, created.Id, next, v);
            Assert.Equal(next, summary.Status);
            Assert.Equal(v + 1, summary.Version);
            v = summary.Version;
        }

        await Assert.ThrowsAsync<CaseStateException>(() => store.ChangeStatusAsync(world.Manager, created.Id, CaseStatus.Assessing, v));
        var closed = await Assert.ThrowsAsync<CaseStateException>(() =>
            store.AddObservationAsync(world.Manager, created.Id, new NewObservation("x", "1", harness.Clock.GetUtcNow(), "")));
        Assert.Equal("case-closed", closed.Code);
    }

    [Fact]
    public void The_workflow_table_has_the_documented_transitions()
    {
        var legal = Enum.GetValues<CaseStatus>()
            .SelectMany(from => CaseStatusTransitions.From(from).Select(to => $"{from}->{to}"))
            .ToHashSet();
        Assert.Equal(
            new HashSet<string>
            {
                "Recognised->Assessing", "Recognised->Closed",
                "Assessing->Managing", "Assessing->Monitoring", "Assessing->Closed",
                "Managing->Monitoring", "Managing->Assessing",
                "Monitoring->Managing", "Monitoring->Assessing", "Monitoring->Closed",
            },
            legal);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_risk_curve_is_the_champion_assessments_in_time_order(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var store = world.Store;
        var created = await store.CreateCaseAsync(world.Manager, new NewCase("s", CaseCategory.Stalking, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var day = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await store.AddAssessmentAsync(world.Manager, created.Id, World.Assessment("urgent", 30, at: day.AddDays(9)));
        await store.AddAssessmentAsync(world.Manager, created.Id, World.Assessment("monitor", 5, at: day));
        await store.AddAssessmentAsync(world.Manager, created.Id, World.Assessment("manage", 14, at: day.AddDays(3)));
        await store.AddAssessmentAsync(world.Manager, created.Id, World.Assessment("none", null, challenger: true, at: day.AddDays(4)));

        var curve = await store.GetRiskCurveAsync(world.Manager, created.Id);
        Assert.Equal(new[] { "monitor", "manage", "urgent" }, curve.Points.Select(p => p.Level));
        Assert.Equal(new double?[] { 5, 14, 30 }, curve.Points.Select(p => p.Score));
        Assert.Equal(new[] { day, day.AddDays(3), day.AddDays(9) }, curve.Points.Select(p => p.AssessedAt));

        var withChallengers = await store.GetRiskCurveAsync(world.Manager, created.Id, includeChallengers: true);
        Assert.Equal(4, withChallengers.Points.Count);
        Assert.True(withChallengers.Points.Single(p => p.Level == "none").IsChallenger);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Invalid_input_is_refused_with_every_problem_named_and_no_value_echoed(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var created = await world.Store.CreateCaseAsync(world.Manager, new NewCase("s", CaseCategory.Crisis, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var bad = World.Assessment() with { InputsJson = "{not json SECRET-VALUE", Level = "", Score = double.NaN };
        var error = await Assert.ThrowsAsync<CaseStoreValidationException>(() => world.Store.AddAssessmentAsync(world.Manager, created.Id, bad));
        Assert.Equal(3, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("inputsJson:", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("level:", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("score:", StringComparison.Ordinal));
        Assert.DoesNotContain("SECRET-VALUE", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Reopening_applies_no_migration_twice_and_a_newer_schema_is_refused(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var filled = await world.FilledCaseAsync();

        var again = await harness.OpenAsync();
        Assert.Equal("subject-ref-42", (await again.GetCaseAsync(world.Manager, filled.Id)).SubjectReference);
        Assert.Equal((long)CaseStore.SchemaVersion, await harness.ScalarRawAsync<long>("SELECT COUNT(*) FROM schema_migrations"));

        await harness.ExecuteRawAsync("INSERT INTO schema_migrations (version, description, applied_at) VALUES (999, 'future', 0)");
        var error = await Assert.ThrowsAsync<SchemaVersionException>(() => harness.OpenAsync());
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }
}
