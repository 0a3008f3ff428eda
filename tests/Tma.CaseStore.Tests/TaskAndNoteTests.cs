using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

/// <summary>The case team's tasks and notes, on SQLite and PostgreSQL.</summary>
public sealed class TaskAndNoteTests
{
    private static readonly DateTimeOffset Due = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>An assessment whose JSON recommends two actions (the stable form of docs/assessment-json.md, cut down).</summary>
    private static NewAssessment WithActions(bool challenger = false) => World.Assessment(challenger: challenger) with
    {
        AssessmentJson = """
            {"level":"manage","language":"de","actions":[
              {"id":"involve-psychologist","step":"Psychologische Fachperson hinzuziehen","experts":["psychologist"],"urgency":"soon","because":["fixation"]},
              {"id":"secure-premises","step":"Zutritt sperren","experts":["security"],"urgency":"immediate","because":["level:manage"]}]}
            """,
    };

    private static async Task<(StoreHarness Harness, World World, FilledCase Case)> SetUpAsync(Backend backend)
    {
        var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        return (harness, world, await world.FilledCaseAsync());
    }

    private static Task<List<(string Action, string Outcome, string? Detail)>> TrailAsync(StoreHarness harness, World world, Guid caseId) =>
        harness.QueryRawAsync<(string, string, string?)>(
            "SELECT action, outcome, detail FROM audit_log WHERE tenant_id = @Tenant AND case_id = @CaseId ORDER BY seq", new { Tenant = world.Tenant, CaseId = caseId.ToString("D") });

    [Fact]
    public void Every_task_status_has_a_german_and_an_english_label()
    {
        var statuses = Enum.GetValues<CaseTaskStatus>();
        var german = statuses.Select(s => CaseTaskLabels.Of(s, "de")).Append(CaseTaskLabels.Overdue("de")).ToArray();
        var english = statuses.Select(s => CaseTaskLabels.Of(s, "en")).Append(CaseTaskLabels.Overdue("en")).ToArray();

        Assert.Equal(new[] { "Offen", "In Bearbeitung", "Erledigt", "Abgebrochen", "Überfällig" }, german);
        Assert.Equal(new[] { "Open", "In progress", "Done", "Cancelled", "Overdue" }, english);
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseTaskLabels.Of((CaseTaskStatus)99, "de"));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_recommended_action_becomes_a_task_titled_with_its_step_and_keeps_the_link(Backend backend)
    {
        var (harness, world, filled) = await SetUpAsync(backend);
        await using var _ = harness;
        var assessment = await world.Store.AddAssessmentAsync(world.Manager, filled.Id, WithActions());

        var task = await world.Store.AddTaskAsync(world.Manager, filled.Id, new NewCaseTask(null, world.Expert.UserId, Due, FromAssessment: new RecommendedActionLink(assessment.Id, "involve-psychologist")));
        var titled = await world.Store.AddTaskAsync(world.Manager, filled.Id, new NewCaseTask("Termin mit Dr. B. vereinbaren", world.Expert.UserId, Due, "bis Freitag", new RecommendedActionLink(assessment.Id, "involve-psychologist")));
        var read = await world.Store.GetTasksAsync(world.Expert, filled.Id);

        Assert.Equal("Psychologische Fachperson hinzuziehen", task.Title);
        Assert.Equal(new RecommendedActionLink(assessment.Id, "involve-psychologist"), task.FromAssessment);
        Assert.Equal((CaseTaskStatus.Open, 1L, world.Manager.UserId), (task.Status, task.Version, task.CreatedBy));
        Assert.Equal("Termin mit Dr. B. vereinbaren", titled.Title);
        var stored = Assert.Single(read, t => t.Id == task.Id);
        Assert.Equal(task.Title, stored.Title);
        Assert.Equal(task.FromAssessment, stored.FromAssessment);
        Assert.Equal("bis Freitag", Assert.Single(read, t => t.Id == titled.Id).Description);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_link_to_an_action_the_assessment_did_not_recommend_is_refused_and_nothing_is_written(Backend backend)
    {
        var (harness, world, filled) = await SetUpAsync(backend);
        await using var _ = harness;
        var assessment = await world.Store.AddAssessmentAsync(world.Manager, filled.Id, WithActions());
        var challenger = await world.Store.AddAssessmentAsync(world.Manager, filled.Id, WithActions(challenger: true));
        var other = await world.FilledCaseAsync("another-subject");

        var missing = await Assert.ThrowsAsync<CaseStoreRuleException>(() => world.Store.AddTaskAsync(world.Manager, filled.Id,
            new NewCaseTask(null, world.Expert.UserId, Due, FromAssessment: new RecommendedActionLink(assessment.Id, "call-the-police"))));
        // World.Assessment's JSON has no actions at all.
        var none = await Assert.ThrowsAsync<CaseStoreRuleException>(() => world.Store.AddTaskAsync(world.Manager, filled.Id,
            new NewCaseTask("t", world.Expert.UserId, Due, FromAssessment: new RecommendedActionLink(filled.AssessmentId, "involve-psychologist"))));
        var shadow = await Assert.ThrowsAsync<CaseStoreRuleException>(() => world.Store.AddTaskAsync(world.Manager, filled.Id,
            new NewCaseTask(null, world.Expert.UserId, Due, FromAssessment: new RecommendedActionLink(challenger.Id, "involve-psychologist"))));
        var elsewhere = await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.AddTaskAsync(world.Manager, filled.Id,
            new NewCaseTask(null, world.Expert.UserId, Due, FromAssessment: new RecommendedActionLink(other.AssessmentId, "involve-psychologist"))));
        var untitled = await Assert.ThrowsAsync<CaseStoreValidationException>(() => world.Store.AddTaskAsync(world.Manager, filled.Id, new NewCaseTask(null, world.Expert.UserId, Due)));

        Assert.Equal(("action-not-recommended", "fromAssessment.actionId"), (missing.Code, missing.Field));
        Assert.Equal("action-not-recommended", none.Code);
        Assert.Equal(("challenger-assessment", "fromAssessment.assessmentId"), (shadow.Code, shadow.Field));
        Assert.Equal(("assessment", other.AssessmentId), (elsewhere.Kind, elsewhere.Id));
        Assert.Contains(untitled.Problems, p => p.StartsWith("title:", StringComparison.Ordinal));
        Assert.Empty(await world.Store.GetTasksAsync(world.Manager, filled.Id));
        var trail = await TrailAsync(harness, world, filled.Id);
        Assert.Contains(("task.add", "Failed", (string?)"action-not-recommended"), trail);
        Assert.Contains(("task.add", "Failed", (string?)"challenger-assessment"), trail);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_owner_must_be_on_the_case_team(Backend backend)
    {
        var (harness, world, filled) = await SetUpAsync(backend);
        await using var _ = harness;

        var outsider = await Assert.ThrowsAsync<CaseStoreRuleException>(() => world.Store.AddTaskAsync(world.Manager, filled.Id, new NewCaseTask("t", "expert-9", Due)));
        var member = await world.Store.AddTaskAsync(world.Manager, filled.Id, new NewCaseTask("t", world.Expert.UserId, Due));
        var caseOwner = await world.Store.AddTaskAsync(world.Manager, filled.Id, new NewCaseTask("t", world.Manager.UserId, Due)); // the responsible case manager
        var reassign = await Assert.ThrowsAsync<CaseStoreRuleException>(() => world.Store.UpdateTaskAsync(world.Manager, filled.Id, member.Id, new CaseTaskChange { OwnerId = "expert-9" }, member.Version));
        await world.Store.AddMemberAsync(world.Manager, filled.Id, "expert-9", CaseMemberRole.LabourLaw, filled.Version);
        var reassigned = await world.Store.UpdateTaskAsync(world.Manager, filled.Id, member.Id, new CaseTaskChange { OwnerId = "expert-9" }, member.Version);
        var byExpert = await Assert.ThrowsAsync<CaseStoreAccessDeniedException>(() => world.Store.AddTaskAsync(world.Expert, filled.Id, new NewCaseTask("t", world.Expert.UserId, Due)));

        Assert.Equal(("owner-not-member", "ownerId"), (outsider.Code, outsider.Field));
        Assert.DoesNotContain("expert-9", outsider.Message, StringComparison.Ordinal);
        Assert.Equal(world.Manager.UserId, caseOwner.OwnerId);
        Assert.Equal("owner-not-member", reassign.Code);
        Assert.Equal(("expert-9", 2L), (reassigned.OwnerId, reassigned.Version));
        Assert.Equal("task.add", byExpert.Operation);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_owner_starts_and_completes_with_a_required_note_and_only_case_managers_assign_and_cancel(Backend backend)
    {
        var (harness, world, filled) = await SetUpAsync(backend);
        await using var _ = harness;
        var store = world.Store;
        var mine = await store.AddTaskAsync(world.Manager, filled.Id, new NewCaseTask("Gespräch führen", world.Expert.UserId, Due));
        var theirs = await store.AddTaskAsync(world.Manager, filled.Id, new NewCaseTask("Akte prüfen", world.Manager.UserId, Due));

        var notMine = await Assert.ThrowsAsync<CaseStoreAccessDeniedException>(() => store.UpdateTaskAsync(world.Expert, filled.Id, theirs.Id, new CaseTaskChange { Status = CaseTaskStatus.InProgress }, theirs.Version));
        var moveDue = await Assert.ThrowsAsync<CaseStoreAccessDeniedException>(() => store.UpdateTaskAsync(world.Expert, filled.Id, mine.Id, new CaseTaskChange { DueAt = Due.AddDays(7) }, mine.Version));
        var cancel = await Assert.ThrowsAsync<CaseStoreAccessDeniedException>(() => store.UpdateTaskAsync(world.Expert, filled.Id, mine.Id, new CaseTaskChange { Status = CaseTaskStatus.Cancelled, CancellationReason = "no time" }, mine.Version));
        var skipStart = await Assert.ThrowsAsync<CaseStateException>(() => store.UpdateTaskAsync(world.Expert, filled.Id, mine.Id, new CaseTaskChange { Status = CaseTaskStatus.Done, CompletionNote = "done" }, mine.Version));
        var started = await store.UpdateTaskAsync(world.Expert, filled.Id, mine.Id, new CaseTaskChange { Status = CaseTaskStatus.InProgress }, mine.Version);
        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.UpdateTaskAsync(world.Expert, filled.Id, mine.Id, new CaseTaskChange { Status = CaseTaskStatus.Open }, mine.Version));
        var noNote = await Assert.ThrowsAsync<CaseStoreValidationException>(() => store.UpdateTaskAsync(world.Expert, filled.Id, mine.Id, new CaseTaskChange { Status = CaseTaskStatus.Done }, started.Version));
        var blankNote = await Assert.ThrowsAsync<CaseStoreValidationException>(() => store.UpdateTaskAsync(world.Expert, filled.Id, mine.Id, new CaseTaskChange { Status = CaseTaskStatus.Done, CompletionNote = "  " }, started.Version));
        var done = await store.UpdateTaskAsync(world.Expert, filled.Id, mine.Id, new CaseTaskChange { Status = CaseTaskStatus.Done, CompletionNote = "Gespräch am 3.3. geführt" }, started.Version);
        var final = await Assert.ThrowsAsync<CaseStateException>(() => store.UpdateTaskAsync(world.Manager, filled.Id, mine.Id, new CaseTaskChange { Status = CaseTaskStatus.InProgress }, done.Version));
        var noReason = await Assert.ThrowsAsync<CaseStoreValidationException>(() => store.UpdateTaskAsync(world.Manager, filled.Id, theirs.Id, new CaseTaskChange { Status = CaseTaskStatus.Cancelled }, theirs.Version));
        var cancelled = await store.UpdateTaskAsync(world.Manager, filled.Id, theirs.Id, new CaseTaskChange { Status = CaseTaskStatus.Cancelled, CancellationReason = "erledigt sich durch Kündigung" }, theirs.Version);

        Assert.Equal(("task.update", "task.update", "task.cancel"), (notMine.Operation, moveDue.Operation, cancel.Operation));
        Assert.Equal("illegal-transition", skipStart.Code);
        Assert.Equal((2L, 1L), (stale.ActualVersion, stale.ExpectedVersion));
        Assert.Contains(noNote.Problems, p => p.StartsWith("completionNote:", StringComparison.Ordinal));
        Assert.Contains(blankNote.Problems, p => p.StartsWith("completionNote:", StringComparison.Ordinal));
        Assert.Equal((CaseTaskStatus.Done, world.Expert.UserId, "Gespräch am 3.3. geführt", 3L), (done.Status, done.CompletedBy, done.CompletionNote, done.Version));
        Assert.NotNull(done.CompletedAt);
        Assert.Equal("task-closed", final.Code);
        Assert.Contains(noReason.Problems, p => p.StartsWith("cancellationReason:", StringComparison.Ordinal));
        Assert.Equal((CaseTaskStatus.Cancelled, world.Manager.UserId, "erledigt sich durch Kündigung"), (cancelled.Status, cancelled.CancelledBy, cancelled.CancellationReason));
        var read = await store.GetTasksAsync(world.Manager, filled.Id);
        Assert.Equal("Gespräch am 3.3. geführt", read.Single(t => t.Id == mine.Id).CompletionNote);

        // Every change and read is audited under its own name; the expert's refusals about someone else's task are denials.
        var trail = await TrailAsync(harness, world, filled.Id);
        Assert.Equal(2, trail.Count(e => e == ("task.add", "Allowed", null)));
        Assert.Contains(("task.update", "Allowed", (string?)"Open->InProgress"), trail);
        Assert.Contains(("task.complete", "Allowed", (string?)"InProgress->Done"), trail);
        Assert.Contains(("task.cancel", "Allowed", (string?)"Open->Cancelled"), trail);
        Assert.Contains(("task.update", "Denied", (string?)"access-denied"), trail);
        Assert.Contains(("task.cancel", "Denied", (string?)"access-denied"), trail);
        Assert.Contains(("task.complete", "Failed", (string?)"invalid-input"), trail);
        Assert.Contains(("task.read", "Allowed", (string?)"count=2"), trail);
        // Tasks have their own version: the case's is untouched, so a decision on the same facts is not made stale.
        Assert.Equal(filled.Version, (await store.GetCaseAsync(world.Manager, filled.Id)).Version);
        Assert.True((await store.VerifyAuditChainAsync(world.Auditor)).IsValid);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_task_is_overdue_only_once_the_clock_is_past_its_due_date(Backend backend)
    {
        var (harness, world, filled) = await SetUpAsync(backend);
        await using var _ = harness;
        harness.Clock.AutoAdvanceAmount = TimeSpan.Zero;
        harness.Clock.SetUtcNow(Due.AddDays(-2));
        var task = await world.Store.AddTaskAsync(world.Manager, filled.Id, new NewCaseTask("t", world.Expert.UserId, Due));
        var later = await world.Store.AddTaskAsync(world.Manager, filled.Id, new NewCaseTask("t2", world.Expert.UserId, Due.AddDays(1)));

        harness.Clock.SetUtcNow(Due);
        var atDue = await world.Store.ListOwnTasksAsync(world.Expert, CaseTaskFilter.Overdue);
        var atDueAll = await world.Store.ListOwnTasksAsync(world.Expert, CaseTaskFilter.Open);
        harness.Clock.SetUtcNow(Due.AddMilliseconds(1));
        var justAfter = await world.Store.ListOwnTasksAsync(world.Expert, CaseTaskFilter.Overdue);
        var flagged = await world.Store.GetTasksAsync(world.Expert, filled.Id);
        var started = await world.Store.UpdateTaskAsync(world.Expert, filled.Id, task.Id, new CaseTaskChange { Status = CaseTaskStatus.InProgress }, task.Version);
        var stillOverdue = await world.Store.ListOwnTasksAsync(world.Expert, CaseTaskFilter.Overdue);
        await world.Store.UpdateTaskAsync(world.Expert, filled.Id, task.Id, new CaseTaskChange { Status = CaseTaskStatus.Done, CompletionNote = "ok" }, started.Version);
        var afterDone = await world.Store.ListOwnTasksAsync(world.Expert, CaseTaskFilter.Overdue);
        var doneList = await world.Store.ListOwnTasksAsync(world.Expert, CaseTaskFilter.Done);

        Assert.Empty(atDue);
        Assert.Equal(new[] { task.Id, later.Id }, atDueAll.Select(t => t.Id));
        Assert.Equal(task.Id, Assert.Single(justAfter).Id);
        Assert.True(Assert.Single(justAfter).IsOverdue);
        Assert.Equal((true, false), (flagged.Single(t => t.Id == task.Id).IsOverdue, flagged.Single(t => t.Id == later.Id).IsOverdue));
        Assert.Equal(task.Id, Assert.Single(stillOverdue).Id); // in progress is still to do
        Assert.Empty(afterDone);
        Assert.Equal(task.Id, Assert.Single(doneList).Id);
        Assert.Empty(await world.Store.ListOwnTasksAsync(world.Manager, CaseTaskFilter.All)); // the manager owns none
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Own_tasks_span_the_callers_cases_only_while_they_are_a_member_and_each_case_read_is_audited(Backend backend)
    {
        var (harness, world, first) = await SetUpAsync(backend);
        await using var _ = harness;
        var second = await world.FilledCaseAsync("second-subject");
        var a = await world.Store.AddTaskAsync(world.Manager, first.Id, new NewCaseTask("a", world.Expert.UserId, Due));
        var b = await world.Store.AddTaskAsync(world.Manager, second.Id, new NewCaseTask("b", world.Expert.UserId, Due.AddDays(-1)));
        await world.Store.AddTaskAsync(world.Manager, second.Id, new NewCaseTask("c", world.Manager.UserId, Due));

        var both = await world.Store.ListOwnTasksAsync(world.Expert);
        await world.Store.RemoveMemberAsync(world.Manager, second.Id, world.Expert.UserId, second.Version);
        var afterRemoval = await world.Store.ListOwnTasksAsync(world.Expert);
        // A case closes only without open work (ClosingTests): the task is cancelled first, and on the closed case
        // even the cancelled task is left out of the list of all own tasks.
        await world.Store.UpdateTaskAsync(world.Manager, first.Id, a.Id, new CaseTaskChange { Status = CaseTaskStatus.Cancelled, CancellationReason = "case resolved" }, a.Version);
        var closedVersion = (await world.Store.ChangeStatusAsync(world.Manager, first.Id, CaseStatus.Closed, (await world.Store.GetCaseAsync(world.Manager, first.Id)).Version)).Version;
        var afterClosing = await world.Store.ListOwnTasksAsync(world.Expert);

        Assert.Equal(new[] { b.Id, a.Id }, both.Select(t => t.Id)); // soonest due first
        Assert.Equal(new[] { a.Id }, afterRemoval.Select(t => t.Id));
        Assert.Empty(afterClosing);
        Assert.True(closedVersion > first.Version);
        var trail = await world.Store.GetAuditTrailAsync(world.Auditor);
        var firstList = trail.Where(e => e.Action == "task.list").Take(3).ToArray();
        Assert.Equal(new Guid?[] { second.Id, first.Id, null }, firstList.Select(e => e.CaseId)); // one entry per case read, then the listing's own
        Assert.Equal("status=All;count=2", firstList[2].Detail);
        await Assert.ThrowsAsync<CaseStateException>(() => world.Store.AddTaskAsync(world.Manager, first.Id, new NewCaseTask("late", world.Expert.UserId, Due)));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Notes_are_append_only_for_members_and_a_correction_replies_to_the_note_it_corrects(Backend backend)
    {
        var (harness, world, filled) = await SetUpAsync(backend);
        await using var _ = harness;
        var other = await world.FilledCaseAsync("another-subject");
        var otherNote = await world.Store.AddNoteAsync(world.Manager, other.Id, new NewCaseNote("anderer Fall"));

        var first = await world.Store.AddNoteAsync(world.Expert, filled.Id, new NewCaseNote("Gespräch mit HR am Montag"));
        var correction = await world.Store.AddNoteAsync(world.Manager, filled.Id, new NewCaseNote("Korrektur: am Dienstag", first.Id));
        var crossCase = await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.AddNoteAsync(world.Manager, filled.Id, new NewCaseNote("x", otherNote.Id)));
        var empty = await Assert.ThrowsAsync<CaseStoreValidationException>(() => world.Store.AddNoteAsync(world.Manager, filled.Id, new NewCaseNote(" ")));
        var notes = await world.Store.GetNotesAsync(world.Expert, filled.Id);

        Assert.Equal(new[] { first.Id, correction.Id }, notes.Select(n => n.Id));
        Assert.Equal((first.Id, world.Manager.UserId, "Korrektur: am Dienstag"), (notes[1].ReplyTo!.Value, notes[1].AuthorId, notes[1].Text));
        Assert.Equal(("note", otherNote.Id), (crossCase.Kind, crossCase.Id));
        Assert.Contains(empty.Problems, p => p.StartsWith("text:", StringComparison.Ordinal));
        var trail = await TrailAsync(harness, world, filled.Id);
        Assert.Contains(("note.add", "Allowed", (string?)null), trail);
        Assert.Contains(("note.add", "Allowed", (string?)"reply"), trail);
        Assert.Contains(("note.read", "Allowed", (string?)"count=2"), trail);

        // Append-only in the database too.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => harness.ExecuteRawAsync("UPDATE notes SET author_id = 'x'"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => harness.ExecuteRawAsync("DELETE FROM notes"));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Non_members_and_other_tenants_get_the_answer_of_a_case_that_does_not_exist(Backend backend)
    {
        var (harness, world, filled) = await SetUpAsync(backend);
        await using var _ = harness;
        var b = await World.CreateAsync(world.Store, "tenant-b-" + Guid.NewGuid().ToString("N")[..6]);
        var task = await world.Store.AddTaskAsync(world.Manager, filled.Id, new NewCaseTask("geheim", world.Expert.UserId, Due));
        var note = await world.Store.AddNoteAsync(world.Manager, filled.Id, new NewCaseNote("geheim"));
        var stranger = world.Expert with { UserId = "expert-2" }; // an expert of the tenant, not on this case
        var uninvolved = world.Manager with { UserId = "manager-9" }; // a case manager of the tenant, neither owner nor member

        foreach (var caller in new[] { stranger, uninvolved, b.Manager, b.Expert })
        {
            var calls = new Func<Task>[]
            {
                () => world.Store.GetTasksAsync(caller, filled.Id),
                () => world.Store.UpdateTaskAsync(caller, filled.Id, task.Id, new CaseTaskChange { Status = CaseTaskStatus.InProgress }, task.Version),
                () => world.Store.GetNotesAsync(caller, filled.Id),
                () => world.Store.AddNoteAsync(caller, filled.Id, new NewCaseNote("x", note.Id)),
            };
            foreach (var call in calls)
            {
                var error = await Assert.ThrowsAsync<CaseStoreNotFoundException>(call);
                Assert.Equal(("case", filled.Id), (error.Kind, error.Id));
            }

            Assert.Empty(await world.Store.ListOwnTasksAsync(caller));
        }

        // Creating a task is a case manager's: an expert is refused by role, before any case is looked up.
        await Assert.ThrowsAsync<CaseStoreAccessDeniedException>(() => world.Store.AddTaskAsync(stranger, filled.Id, new NewCaseTask("t", world.Expert.UserId, Due)));
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.AddTaskAsync(b.Manager, filled.Id, new NewCaseTask("t", world.Expert.UserId, Due)));

        // A case manager of the tenant who is not involved in the case: it does not exist for them either (need-to-know).
        var notInvolved = await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.AddTaskAsync(uninvolved, filled.Id, new NewCaseTask("t", world.Expert.UserId, Due)));
        Assert.Equal(("case", filled.Id), (notInvolved.Kind, notInvolved.Id));
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.UpdateTaskAsync(uninvolved, filled.Id, task.Id, new CaseTaskChange { Status = CaseTaskStatus.Cancelled, CancellationReason = "x" }, task.Version));
        var denied = await world.Store.GetAuditTrailAsync(world.Auditor);
        Assert.Contains(denied, e => e.Action == "task.add" && e.ActorId == "manager-9" && e.Outcome == AuditOutcome.Denied && e.Detail == "not-found");
        Assert.Contains(denied, e => e.Action == "note.add" && e.ActorId == "manager-9" && e.Outcome == AuditOutcome.Denied && e.Detail == "not-found");

        // Tenant B's manager has a case of its own: A's task and note ids lead nowhere there either.
        var bCase = await b.FilledCaseAsync();
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.UpdateTaskAsync(b.Manager, bCase.Id, task.Id, new CaseTaskChange { Status = CaseTaskStatus.InProgress }, task.Version));
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.AddNoteAsync(b.Manager, bCase.Id, new NewCaseNote("x", note.Id)));
        Assert.Empty(await world.Store.GetNotesAsync(b.Manager, bCase.Id));

        var trail = await world.Store.GetAuditTrailAsync(world.Auditor);
        Assert.Equal(4, trail.Count(e => e.ActorId == "expert-2" && e.Outcome == AuditOutcome.Denied && e.Detail == "not-found"));
        Assert.Equal(1, (await world.Store.GetTasksAsync(world.Manager, filled.Id)).Single().Version);
    }
}
