using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

/// <summary>The case timeline and the case report's data, on SQLite and PostgreSQL.</summary>
public sealed class TimelineTests
{
    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Events_of_the_same_millisecond_keep_the_order_of_their_operations(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        harness.Clock.AutoAdvanceAmount = TimeSpan.Zero; // every operation below happens in the same millisecond
        var store = world.Store;
        var created = await store.CreateCaseAsync(world.Manager, new NewCase("subject-1", CaseCategory.Stalking, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var id = created.Id;
        var version = (await store.ChangeStatusAsync(world.Manager, id, CaseStatus.Assessing, created.Version)).Version;
        version = (await store.AddMemberAsync(world.Manager, id, world.Expert.UserId, CaseMemberRole.LabourLaw, version)).Version;
        var person = await store.AddPersonAsync(world.Manager, id, new NewCasePerson(PersonRole.Reporter, "rep-9"), version);
        version = (await store.RemovePersonAsync(world.Manager, id, person.Id, version + 1)).Version;
        await store.AddNoteAsync(world.Expert, id, new NewCaseNote("note text"));
        var observation = await store.AddObservationAsync(world.Expert, id, new NewObservation("fixation", "present", new DateTimeOffset(2026, 2, 20, 0, 0, 0, TimeSpan.Zero), "interview"));
        await store.AddDocumentAsync(world.Manager, id, new NewDocument("secret-name.txt", "text/plain", "x"u8.ToArray()));
        var assessment = await store.AddAssessmentAsync(world.Manager, id, World.Assessment("monitor"));
        version = (await store.ListCasesAsync(world.Manager)).Single(c => c.Id == id).Version;
        version = (await store.ChangeStatusAsync(world.Manager, id, CaseStatus.Managing, version)).Version;
        await store.SetReviewAsync(world.Manager, id, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), null, version);

        var timeline = await store.GetTimelineAsync(world.Expert, id);

        Assert.All(timeline.Events, e => Assert.Equal(timeline.Events[0].At, e.At));
        Assert.Equal(
            [
                TimelineEventKind.Opened, TimelineEventKind.Status, TimelineEventKind.Member, TimelineEventKind.Person, TimelineEventKind.Person,
                TimelineEventKind.Note, TimelineEventKind.Observation, TimelineEventKind.Document, TimelineEventKind.Assessment,
                TimelineEventKind.Status, TimelineEventKind.Review,
            ],
            timeline.Events.Select(e => e.Kind));
        Assert.Equal(("Recognised", "Assessing"), (timeline.Events[1].Facts["from"], timeline.Events[1].Facts["to"]));
        Assert.Equal((world.Expert.UserId, "LabourLaw"), (timeline.Events[2].Facts["userId"], timeline.Events[2].Facts["role"]));
        Assert.Equal(("added", "Reporter"), (timeline.Events[3].Facts["change"], timeline.Events[3].Facts["role"]));
        Assert.False(timeline.Events[3].Facts.ContainsKey("reference")); // erased with the person's removal
        Assert.Equal("removed", timeline.Events[4].Facts["change"]);
        Assert.False(timeline.Events[4].Facts.ContainsKey("reference"));
        Assert.Equal((world.Expert.UserId, "note text"), (timeline.Events[5].ActorId, timeline.Events[5].Facts["text"]));
        Assert.Equal((observation.Id, "fixation", "present"), (timeline.Events[6].RefId!.Value, timeline.Events[6].Facts["input"], timeline.Events[6].Facts["value"]));
        Assert.Equal("secret-name.txt", timeline.Events[7].Facts["name"]);
        Assert.Equal((assessment.Id, "monitor", "level"), (timeline.Events[8].RefId!.Value, timeline.Events[8].Facts["level"], timeline.Events[8].Facts["conclusion"]));
        Assert.Equal("2026-06-01T00:00:00Z", timeline.Events[10].Facts["dueAt"]);

        // The report's data: the same events without note texts and document names; the removed person as a tombstone.
        var report = await store.GetCaseReportAsync(world.Manager, id);
        Assert.Equal(timeline.Events.Select(e => (e.Kind, e.ActorId, e.RefId)), report.Timeline.Events.Select(e => (e.Kind, e.ActorId, e.RefId)));
        Assert.DoesNotContain(report.Timeline.Events, e => e.Facts.ContainsKey("text") || e.Facts.ContainsKey("name"));
        Assert.Equal(2, report.Persons.Count);
        Assert.Equal(("subject-1", true), (report.Persons[0].Reference, report.Persons[0].IsCaseSubject));
        Assert.Equal((PersonRole.Reporter, null, true), (report.Persons[1].Role, report.Persons[1].Reference, report.Persons[1].IsRemoved));
        Assert.Equal(assessment.Id, Assert.Single(report.Assessments).Id);
        Assert.Equal(CaseStatus.Managing, report.Case.Summary.Status);

        var trail = await harness.QueryRawAsync<(string, string, string?)>(
            "SELECT action, outcome, detail FROM audit_log WHERE tenant_id = @Tenant AND case_id = @CaseId AND action IN ('case.timeline', 'case.report') ORDER BY seq",
            new { Tenant = world.Tenant, CaseId = id.ToString("D") });
        Assert.Equal([("case.timeline", "Allowed", (string?)"count=11"), ("case.report", "Allowed", "assessments=1;decisions=0;tasks=0;events=11")], trail);
        Assert.True((await store.VerifyAuditChainAsync(world.Auditor)).IsValid);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Another_tenant_finds_neither_the_timeline_nor_the_report(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var store = await harness.OpenAsync();
        var world = await World.CreateAsync(store);
        var other = await World.CreateAsync(store);
        var filled = await world.FilledCaseAsync();

        var timeline = await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => other.Store.GetTimelineAsync(other.Manager, filled.Id));
        var report = await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => other.Store.GetCaseReportAsync(other.Expert, filled.Id));

        Assert.Equal((filled.Id, filled.Id), (timeline.Id, report.Id));
        var mine = await store.GetTimelineAsync(world.Manager, filled.Id);
        Assert.Contains(mine.Events, e => e.Kind == TimelineEventKind.Decision && e.Facts["agreement"] == "Followed" && e.Facts["status"] == "Effective");
    }
}
