using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

/// <summary>Closing a case checks the team's open work first, on SQLite and PostgreSQL.</summary>
public sealed class ClosingTests
{
    private static readonly DateTimeOffset Due = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static async Task<long> VersionAsync(World world, Guid caseId) => (await world.Store.GetCaseAsync(world.Manager, caseId)).Version;

    private static Caller SecondManager(World world) => new("manager-2", world.Tenant, CallerRole.CaseManager);

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_case_closes_only_when_no_override_waits_and_no_task_is_open_or_in_progress(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var store = world.Store;
        var filled = await world.FilledCaseAsync();
        await store.AddMemberAsync(world.Manager, filled.Id, "manager-2", CaseMemberRole.CaseManager, filled.Version);
        var overridden = await store.RecordDecisionAsync(SecondManager(world), filled.Id, new NewDecision(filled.AssessmentId, "urgent", "weapons access", ModelAgreement.Overrode), await VersionAsync(world, filled.Id));
        var open = await store.AddTaskAsync(world.Manager, filled.Id, new NewCaseTask("open", world.Expert.UserId, Due));
        var started = await store.AddTaskAsync(world.Manager, filled.Id, new NewCaseTask("started", world.Expert.UserId, Due));
        started = await store.UpdateTaskAsync(world.Expert, filled.Id, started.Id, new CaseTaskChange { Status = CaseTaskStatus.InProgress }, started.Version);
        var finished = await store.AddTaskAsync(world.Manager, filled.Id, new NewCaseTask("finished", world.Expert.UserId, Due));
        await store.UpdateTaskAsync(world.Manager, filled.Id, finished.Id, new CaseTaskChange { Status = CaseTaskStatus.Cancelled, CancellationReason = "not needed" }, finished.Version);

        // The override waits for the second case manager: closing is refused, the case does not change.
        var version = await VersionAsync(world, filled.Id);
        var pending = await Assert.ThrowsAsync<CaseStateException>(() => store.ChangeStatusAsync(world.Manager, filled.Id, CaseStatus.Closed, version));
        Assert.Equal("pending-override", pending.Code);
        Assert.Contains("1 decision override", pending.Message, StringComparison.Ordinal);
        Assert.Equal((CaseStatus.Recognised, version), await StatusAsync(world, filled.Id));

        // Confirmed: now the two unfinished tasks stand in the way (the cancelled one does not).
        await store.ConfirmDecisionAsync(world.Manager, filled.Id, overridden.Id, null, version);
        version = await VersionAsync(world, filled.Id);
        var tasks = await Assert.ThrowsAsync<CaseStateException>(() => store.ChangeStatusAsync(world.Manager, filled.Id, CaseStatus.Closed, version));
        Assert.Equal("open-tasks", tasks.Code);
        Assert.Contains("2 task(s)", tasks.Message, StringComparison.Ordinal);

        // Other moves are not held up by open work.
        version = (await store.ChangeStatusAsync(world.Manager, filled.Id, CaseStatus.Assessing, version)).Version;

        // Finished and cancelled: the case closes.
        await store.UpdateTaskAsync(world.Expert, filled.Id, started.Id, new CaseTaskChange { Status = CaseTaskStatus.Done, CompletionNote = "talked to HR" }, started.Version);
        var stillOpen = await Assert.ThrowsAsync<CaseStateException>(() => store.ChangeStatusAsync(world.Manager, filled.Id, CaseStatus.Closed, version));
        Assert.Contains("1 task(s)", stillOpen.Message, StringComparison.Ordinal);
        await store.UpdateTaskAsync(world.Manager, filled.Id, open.Id, new CaseTaskChange { Status = CaseTaskStatus.Cancelled, CancellationReason = "case resolved" }, open.Version);
        var closed = await store.ChangeStatusAsync(world.Manager, filled.Id, CaseStatus.Closed, version);
        Assert.Equal(CaseStatus.Closed, closed.Status);

        var trail = (await store.GetAuditTrailAsync(world.Auditor)).Where(e => e.Action == "case.status" && e.CaseId == filled.Id).Select(e => $"{e.Outcome} {e.Detail}");
        Assert.Equal(
            ["Failed pending-override", "Failed open-tasks", "Allowed Recognised->Assessing", "Failed open-tasks", "Allowed Assessing->Closed"],
            trail);
        Assert.True((await store.VerifyAuditChainAsync(world.Auditor)).IsValid);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_rejected_override_and_a_followed_decision_do_not_hold_up_closing(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var store = world.Store;
        var filled = await world.FilledCaseAsync(); // its decision followed the model: nothing to confirm
        await store.AddMemberAsync(world.Manager, filled.Id, "manager-2", CaseMemberRole.CaseManager, filled.Version);
        var overridden = await store.RecordDecisionAsync(SecondManager(world), filled.Id, new NewDecision(filled.AssessmentId, "monitor", "lower", ModelAgreement.Overrode), await VersionAsync(world, filled.Id));
        await store.RejectDecisionAsync(world.Manager, filled.Id, overridden.Id, "no new facts", await VersionAsync(world, filled.Id));

        // Another case's open work does not count for this one.
        var other = await world.FilledCaseAsync("subject-ref-43");
        await store.AddTaskAsync(world.Manager, other.Id, new NewCaseTask("elsewhere", world.Expert.UserId, Due));

        var closed = await store.ChangeStatusAsync(world.Manager, filled.Id, CaseStatus.Closed, await VersionAsync(world, filled.Id));
        Assert.Equal(CaseStatus.Closed, closed.Status);
    }

    private static async Task<(CaseStatus, long)> StatusAsync(World world, Guid caseId)
    {
        var summary = await world.Store.GetCaseAsync(world.Manager, caseId);
        return (summary.Summary.Status, summary.Version);
    }
}
