using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

public sealed class AccessControlTests
{
    private const CallerRole M = CallerRole.CaseManager;
    private const CallerRole E = CallerRole.Expert;
    private const CallerRole A = CallerRole.Auditor;
    private const CallerRole R = CallerRole.Researcher;
    private const CallerRole Ad = CallerRole.Administrator;

    /// <summary>The roles matrix of docs/case-store.md, written out independently of the code's own table.</summary>
    private static readonly Dictionary<string, CallerRole[]> Expected = new()
    {
        ["tenant.create"] = [Ad],
        ["keys.rotate"] = [Ad],
        ["case.shred"] = [Ad],
        ["case.retention-sweep"] = [Ad],
        ["case.create"] = [M],
        ["case.list"] = [M, E],
        ["case.read"] = [M, E],
        ["case.status"] = [M],
        ["case.owner"] = [M],
        ["case.retention"] = [M],
        ["case.member.add"] = [M],
        ["case.member.remove"] = [M],
        ["observation.add"] = [M, E],
        ["observation.read"] = [M, E],
        ["assessment.add"] = [M, E],
        ["assessment.read"] = [M, E],
        ["risk-curve.read"] = [M, E],
        ["decision.add"] = [M],
        ["decision.read"] = [M, E],
        ["document.add"] = [M, E],
        ["document.list"] = [M, E],
        ["document.read"] = [M, E],
        ["task.add"] = [M],
        ["task.update"] = [M, E],
        ["task.complete"] = [M, E],
        ["task.cancel"] = [M],
        ["task.read"] = [M, E],
        ["task.list"] = [M, E],
        ["note.add"] = [M, E],
        ["note.read"] = [M, E],
        ["audit.read"] = [A],
        ["audit.verify"] = [A],
        ["export.anonymized"] = [R],
        ["export.judgements"] = [R],
        ["case.review"] = [M],
        ["case.review.due"] = [M, E],
        ["case.person.add"] = [M],
        ["case.person.list"] = [M, E],
        ["case.person.remove"] = [M],
        ["decision.confirm"] = [M],
        ["decision.reject"] = [M],
        ["decision.pending"] = [M],
        ["case.timeline"] = [M, E],
        ["case.report"] = [M, E],
        ["case.priorities"] = [M, E],
    };

    /// <summary>One call per operation, given a freshly filled case.</summary>
    private static readonly Dictionary<string, Func<World, Caller, FilledCase, Task>> Calls = new()
    {
        ["tenant.create"] = (w, c, f) => w.Store.CreateTenantAsync(c.Role == Ad ? c with { TenantId = "new-" + Guid.NewGuid().ToString("N")[..8] } : c),
        ["keys.rotate"] = (w, c, f) => w.Store.RotateKeysAsync(c),
        ["case.shred"] = (w, c, f) => w.Store.ShredCaseAsync(c, f.Id),
        ["case.retention-sweep"] = (w, c, f) => w.Store.ShredExpiredCasesAsync(c),
        ["case.create"] = (w, c, f) => w.Store.CreateCaseAsync(c, new NewCase("s", CaseCategory.Other, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero))),
        ["case.list"] = (w, c, f) => w.Store.ListCasesAsync(c),
        ["case.read"] = (w, c, f) => w.Store.GetCaseAsync(c, f.Id),
        ["case.status"] = (w, c, f) => w.Store.ChangeStatusAsync(c, f.Id, CaseStatus.Assessing, f.Version),
        ["case.owner"] = (w, c, f) => w.Store.AssignOwnerAsync(c, f.Id, "manager-2", f.Version),
        ["case.retention"] = (w, c, f) => w.Store.SetRetentionAsync(c, f.Id, new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero), f.Version),
        ["case.member.add"] = (w, c, f) => w.Store.AddMemberAsync(c, f.Id, "expert-2", CaseMemberRole.Security, f.Version),
        ["case.member.remove"] = (w, c, f) => w.Store.RemoveMemberAsync(c, f.Id, "nobody", f.Version),
        ["observation.add"] = (w, c, f) => w.Store.AddObservationAsync(c, f.Id, new NewObservation("leakage", "possible", new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), "")),
        ["observation.read"] = (w, c, f) => w.Store.GetObservationsAsync(c, f.Id),
        ["assessment.add"] = (w, c, f) => w.Store.AddAssessmentAsync(c, f.Id, World.Assessment()),
        ["assessment.read"] = (w, c, f) => w.Store.GetAssessmentsAsync(c, f.Id),
        ["risk-curve.read"] = (w, c, f) => w.Store.GetRiskCurveAsync(c, f.Id),
        ["decision.add"] = (w, c, f) => w.Store.RecordDecisionAsync(c, f.Id, new NewDecision(null, "monitor", "r", ModelAgreement.NoModel), f.Version),
        ["decision.read"] = (w, c, f) => w.Store.GetDecisionsAsync(c, f.Id),
        ["document.add"] = (w, c, f) => w.Store.AddDocumentAsync(c, f.Id, new NewDocument("d.pdf", "application/pdf", new byte[] { 1, 2 })),
        ["document.list"] = (w, c, f) => w.Store.ListDocumentsAsync(c, f.Id),
        ["document.read"] = (w, c, f) => w.Store.GetDocumentAsync(c, f.Id, f.DocumentId),
        ["task.add"] = (w, c, f) => w.Store.AddTaskAsync(c, f.Id, new NewCaseTask("t", w.Expert.UserId, new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero))),
        ["task.update"] = async (w, c, f) => // the expert starts their own task
        {
            var task = await w.Store.AddTaskAsync(w.Manager, f.Id, new NewCaseTask("t", w.Expert.UserId, new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)));
            await w.Store.UpdateTaskAsync(c, f.Id, task.Id, new CaseTaskChange { Status = CaseTaskStatus.InProgress }, task.Version);
        },
        ["task.complete"] = async (w, c, f) =>
        {
            var task = await w.Store.AddTaskAsync(w.Manager, f.Id, new NewCaseTask("t", w.Expert.UserId, new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)));
            var started = await w.Store.UpdateTaskAsync(w.Expert, f.Id, task.Id, new CaseTaskChange { Status = CaseTaskStatus.InProgress }, task.Version);
            await w.Store.UpdateTaskAsync(c, f.Id, task.Id, new CaseTaskChange { Status = CaseTaskStatus.Done, CompletionNote = "n" }, started.Version);
        },
        ["task.cancel"] = async (w, c, f) =>
        {
            var task = await w.Store.AddTaskAsync(w.Manager, f.Id, new NewCaseTask("t", w.Expert.UserId, new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)));
            await w.Store.UpdateTaskAsync(c, f.Id, task.Id, new CaseTaskChange { Status = CaseTaskStatus.Cancelled, CancellationReason = "r" }, task.Version);
        },
        ["task.read"] = (w, c, f) => w.Store.GetTasksAsync(c, f.Id),
        ["task.list"] = (w, c, f) => w.Store.ListOwnTasksAsync(c, CaseTaskFilter.Overdue),
        ["note.add"] = (w, c, f) => w.Store.AddNoteAsync(c, f.Id, new NewCaseNote("n")),
        ["note.read"] = (w, c, f) => w.Store.GetNotesAsync(c, f.Id),
        ["case.timeline"] = (w, c, f) => w.Store.GetTimelineAsync(c, f.Id),
        ["case.report"] = (w, c, f) => w.Store.GetCaseReportAsync(c, f.Id),
        ["audit.read"] = (w, c, f) => w.Store.GetAuditTrailAsync(c),
        ["audit.verify"] = (w, c, f) => w.Store.VerifyAuditChainAsync(c),
        ["export.anonymized"] = (w, c, f) => w.Store.ExportAnonymizedAsync(c, new AnonymizedExportOptions { K = 2 }, new StringWriter()),
        ["export.judgements"] = (w, c, f) => w.Store.ExportJudgementsAsync(c, new JudgementExportOptions { PackageId = "tma.warning-behaviours", Fields = ["priority"] }, new StringWriter()),
        ["case.review"] = (w, c, f) => w.Store.SetReviewAsync(c, f.Id, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), "quarterly", f.Version),
        ["case.review.due"] = (w, c, f) => w.Store.GetDueReviewsAsync(c),
        ["case.person.add"] = (w, c, f) => w.Store.AddPersonAsync(c, f.Id, new NewCasePerson(PersonRole.Witness, "hr-1"), f.Version),
        ["case.person.list"] = (w, c, f) => w.Store.GetPersonsAsync(c, f.Id),
        ["case.person.remove"] = async (w, c, f) =>
        {
            var person = await w.Store.AddPersonAsync(w.Manager, f.Id, new NewCasePerson(PersonRole.Witness, "hr-1"), f.Version);
            await w.Store.RemovePersonAsync(c, f.Id, person.Id, f.Version + 1);
        },
        ["decision.confirm"] = async (w, c, f) => await w.Store.ConfirmDecisionAsync(c, f.Id, await PendingOverrideAsync(w, f), null, f.Version + 1),
        ["decision.reject"] = async (w, c, f) => await w.Store.RejectDecisionAsync(c, f.Id, await PendingOverrideAsync(w, f), "no new facts", f.Version + 1),
        ["decision.pending"] = (w, c, f) => w.Store.GetPendingDecisionsAsync(c),
        ["case.priorities"] = (w, c, f) => w.Store.GetCasePrioritiesAsync(c),
    };

    /// <summary>An override recorded by a second case manager, waiting for confirmation (bumps the case version by one).</summary>
    private static async Task<Guid> PendingOverrideAsync(World w, FilledCase f) =>
        (await w.Store.RecordDecisionAsync(new Caller("manager-2", w.Tenant, CallerRole.CaseManager), f.Id, new NewDecision(f.AssessmentId, "urgent", "r", ModelAgreement.Overrode), f.Version)).Id;

    [Fact]
    public void The_code_matrix_is_the_documented_matrix_and_every_operation_is_tested()
    {
        Assert.Equal(Expected.Keys.Order(), Operation.All.Select(o => o.AuditName).Order());
        Assert.Equal(Expected.Keys.Order(), Calls.Keys.Order());
        foreach (var operation in Operation.All)
        {
            Assert.Equal(Expected[operation.AuditName].Order(), operation.Roles.Order());
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Every_operation_allows_exactly_its_roles_and_audits_every_denial(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var failures = new List<string>();
        foreach (var (action, call) in Calls)
        {
            foreach (var role in Enum.GetValues<CallerRole>())
            {
                var filled = await world.FilledCaseAsync(); // the expert is a member
                var caller = world.As(role);
                var before = await CountAsync(harness, world.Tenant);
                var error = await Record.ExceptionAsync(() => call(world, caller, filled));
                var allowed = Expected[action].Contains(role);
                var last = await LastAsync(harness, world.Tenant);
                if (allowed && error is not null)
                {
                    failures.Add($"{action} as {role}: expected success, got {error.GetType().Name}: {error.Message}");
                }
                else if (!allowed && error is not CaseStoreAccessDeniedException)
                {
                    failures.Add($"{action} as {role}: expected access denied, got {error?.GetType().Name ?? "success"}");
                }
                else if (!allowed && (last.Action, last.Outcome, last.ActorRole) != (action, "Denied", role.ToString()))
                {
                    failures.Add($"{action} as {role}: the denial was not the last audit entry ({last.Action}/{last.Outcome})");
                }
                else if (allowed && action != "tenant.create" && (last.Action, last.Outcome) != (action, "Allowed"))
                {
                    failures.Add($"{action} as {role}: the call was not audited as allowed ({last.Action}/{last.Outcome})");
                }
                else if (action != "tenant.create" && await CountAsync(harness, world.Tenant) <= before)
                {
                    failures.Add($"{action} as {role}: nothing was audited");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True((await world.Store.VerifyAuditChainAsync(world.Auditor)).IsValid);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_team_process_is_need_to_know_a_caller_not_involved_gets_the_answer_of_a_missing_case(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var uninvolved = new Caller("manager-9", world.Tenant, CallerRole.CaseManager); // neither owner nor member
        var stranger = new Caller("expert-9", world.Tenant, CallerRole.Expert); // not a member
        var failures = new List<string>();
        var teamOnly = Operation.All.Where(o => o.TeamOnly).Select(o => o.AuditName).Order().ToArray();
        Assert.Equal(
            ["case.person.add", "case.person.list", "case.person.remove", "case.report", "case.review", "case.timeline", "decision.confirm", "decision.reject",
             "note.add", "note.read", "task.add", "task.cancel", "task.complete", "task.read", "task.update"],
            teamOnly);
        foreach (var operation in Operation.All.Where(o => o.CaseScoped))
        {
            foreach (var caller in new[] { uninvolved, stranger }.Where(c => operation.Allows(c.Role)))
            {
                var filled = await world.FilledCaseAsync();
                var error = await Record.ExceptionAsync(() => Calls[operation.AuditName](world, caller, filled));
                var last = (await harness.QueryRawAsync<(string, string, string?)>(
                    "SELECT action, outcome, detail FROM audit_log WHERE tenant_id = @Tenant ORDER BY seq DESC LIMIT 1", new { Tenant = world.Tenant })).Single();
                if (operation.TeamOnly)
                {
                    if (error is not CaseStoreNotFoundException { Kind: "case" } notFound || notFound.Id != filled.Id)
                    {
                        failures.Add($"{operation} as {caller.UserId}: expected the case not found, got {error?.GetType().Name ?? "success"}");
                    }
                    else if (last != (operation.AuditName, "Denied", "not-found"))
                    {
                        failures.Add($"{operation} as {caller.UserId}: expected Denied/not-found in the audit, got {last}");
                    }
                }
                else if (caller.Role == CallerRole.Expert && error is not CaseStoreAccessDeniedException)
                {
                    // The older operations keep their answer: a non-member expert is denied access.
                    failures.Add($"{operation} as {caller.UserId}: expected access denied, got {error?.GetType().Name ?? "success"}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True((await world.Store.VerifyAuditChainAsync(world.Auditor)).IsValid);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_expert_reaches_only_the_cases_they_are_a_member_of(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var member = await world.FilledCaseAsync();
        var other = await world.Store.CreateCaseAsync(world.Manager, new NewCase("other", CaseCategory.Crisis, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(new[] { member.Id }, (await world.Store.ListCasesAsync(world.Expert)).Select(c => c.Id));
        await world.Store.GetCaseAsync(world.Expert, member.Id);
        var denied = await Assert.ThrowsAsync<CaseStoreAccessDeniedException>(() => world.Store.GetObservationsAsync(world.Expert, other.Id));
        Assert.Equal(other.Id, denied.CaseId);
        await Assert.ThrowsAsync<CaseStoreAccessDeniedException>(() => world.Store.AddObservationAsync(world.Expert, other.Id,
            new NewObservation("i", "v", harness.Clock.GetUtcNow(), "")));

        // Removing the membership removes the access.
        await world.Store.RemoveMemberAsync(world.Manager, member.Id, world.Expert.UserId, member.Version);
        await Assert.ThrowsAsync<CaseStoreAccessDeniedException>(() => world.Store.GetCaseAsync(world.Expert, member.Id));
        Assert.Empty(await world.Store.ListCasesAsync(world.Expert));

        var trail = await world.Store.GetAuditTrailAsync(world.Auditor);
        Assert.Equal(3, trail.Count(e => e.Outcome == AuditOutcome.Denied && e.ActorRole == CallerRole.Expert));
    }

    private static Task<long> CountAsync(StoreHarness harness, string tenant) =>
        harness.ScalarRawAsync<long>("SELECT COUNT(*) FROM audit_log WHERE tenant_id = @Tenant", new { Tenant = tenant });

    private static async Task<(string Action, string Outcome, string ActorRole)> LastAsync(StoreHarness harness, string tenant) =>
        (await harness.QueryRawAsync<(string, string, string)>(
            "SELECT action, outcome, actor_role FROM audit_log WHERE tenant_id = @Tenant ORDER BY seq DESC LIMIT 1", new { Tenant = tenant })).Single();
}
