using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

public sealed class TenantIsolationTests
{
    /// <summary>Every case-scoped call a tenant-A caller can make, aimed at tenant B's ids.</summary>
    private static IEnumerable<(string Name, Func<CaseStore, Caller, FilledCase, Task> Call)> CaseScopedCalls()
    {
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        yield return ("GetCase", (s, c, f) => s.GetCaseAsync(c, f.Id));
        yield return ("ChangeStatus", (s, c, f) => s.ChangeStatusAsync(c, f.Id, CaseStatus.Assessing, f.Version));
        yield return ("AssignOwner", (s, c, f) => s.AssignOwnerAsync(c, f.Id, "x", f.Version));
        yield return ("SetRetention", (s, c, f) => s.SetRetentionAsync(c, f.Id, at, f.Version));
        yield return ("AddMember", (s, c, f) => s.AddMemberAsync(c, f.Id, "x", CaseMemberRole.Other, f.Version));
        yield return ("RemoveMember", (s, c, f) => s.RemoveMemberAsync(c, f.Id, "expert-1", f.Version));
        yield return ("AddObservation", (s, c, f) => s.AddObservationAsync(c, f.Id, new NewObservation("i", "v", at, "")));
        yield return ("GetObservations", (s, c, f) => s.GetObservationsAsync(c, f.Id, true));
        yield return ("AddAssessment", (s, c, f) => s.AddAssessmentAsync(c, f.Id, World.Assessment()));
        yield return ("GetAssessments", (s, c, f) => s.GetAssessmentsAsync(c, f.Id));
        yield return ("GetRiskCurve", (s, c, f) => s.GetRiskCurveAsync(c, f.Id, true));
        yield return ("RecordDecision", (s, c, f) => s.RecordDecisionAsync(c, f.Id, new NewDecision(null, "l", "r", ModelAgreement.NoModel), f.Version));
        yield return ("GetDecisions", (s, c, f) => s.GetDecisionsAsync(c, f.Id));
        yield return ("AddDocument", (s, c, f) => s.AddDocumentAsync(c, f.Id, new NewDocument("n", "t", new byte[] { 1 })));
        yield return ("ListDocuments", (s, c, f) => s.ListDocumentsAsync(c, f.Id));
        yield return ("GetDocument", (s, c, f) => s.GetDocumentAsync(c, f.Id, f.DocumentId));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task No_call_of_tenant_A_reaches_a_row_of_tenant_B_even_with_its_ids(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var store = await harness.OpenAsync();
        var a = await World.CreateAsync(store, "tenant-a");
        var b = await World.CreateAsync(store, "tenant-b");
        var bCase = await b.FilledCaseAsync("subject-of-b");
        var aCase = await a.FilledCaseAsync("subject-of-a");
        var bTrailBefore = await store.GetAuditTrailAsync(b.Auditor, 0, 10_000);
        var bCaseRowBefore = await harness.QueryRawAsync<(long, string)>("SELECT version, status FROM cases WHERE tenant_id = 'tenant-b'");

        foreach (var (name, call) in CaseScopedCalls())
        {
            foreach (var caller in new[] { a.Manager, a.Admin, a.Expert })
            {
                var error = await Record.ExceptionAsync(() => call(store, caller, bCase));
                Assert.True(error is CaseStoreNotFoundException or CaseStoreAccessDeniedException, $"{name} as {caller.Role}: {error?.GetType().Name ?? "no exception"}");
            }
        }

        // Ids of B's records used inside A's own case.
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => store.GetDocumentAsync(a.Manager, aCase.Id, bCase.DocumentId));
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => store.AddObservationAsync(a.Manager, aCase.Id,
            new NewObservation("fixation", "absent", harness.Clock.GetUtcNow(), "", bCase.ObservationId)));
        var version = (await store.GetCaseAsync(a.Manager, aCase.Id)).Version;
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => store.RecordDecisionAsync(a.Manager, aCase.Id,
            new NewDecision(bCase.AssessmentId, "l", "r", ModelAgreement.Followed), version));

        // Listing, the audit trail, the export and the key operations see A's data only.
        Assert.Equal(new[] { aCase.Id }, (await store.ListCasesAsync(a.Manager)).Select(c => c.Id));
        var aTrail = await store.GetAuditTrailAsync(a.Auditor, 0, 10_000);
        Assert.All(aTrail.Where(e => e.CaseId == bCase.Id), e => Assert.True(e.Outcome is AuditOutcome.NotFound or AuditOutcome.Denied, e.Action));
        Assert.DoesNotContain(aTrail, e => e.RecordId is { } r && (r == bCase.ObservationId || r == bCase.AssessmentId || r == bCase.DocumentId || r == bCase.DecisionId));
        var csv = new StringWriter();
        var report = await store.ExportAnonymizedAsync(a.Researcher, new AnonymizedExportOptions { K = 2, QuasiIdentifiers = [] }, csv);
        Assert.Equal(1, report.CasesConsidered);
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => store.ShredCaseAsync(a.Admin, bCase.Id));
        await store.RotateKeysAsync(a.Admin);

        // B is untouched: same trail, same rows, content intact.
        var bTrailAfter = await store.GetAuditTrailAsync(b.Auditor, 0, 10_000);
        Assert.Equal(bTrailBefore.Select(e => e.Hash), bTrailAfter.Take(bTrailBefore.Count).Select(e => e.Hash));
        Assert.Equal(bTrailBefore.Count + 1, bTrailAfter.Count); // only B's own audit.read in between
        Assert.Equal(bCaseRowBefore, await harness.QueryRawAsync<(long, string)>("SELECT version, status FROM cases WHERE tenant_id = 'tenant-b'"));
        Assert.Equal("subject-of-b", (await store.GetCaseAsync(b.Manager, bCase.Id)).SubjectReference);
        Assert.True((await store.VerifyAuditChainAsync(b.Auditor)).IsValid);
        Assert.True((await store.VerifyAuditChainAsync(a.Auditor)).IsValid);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_tenant_that_was_never_set_up_reaches_nothing(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var store = await harness.OpenAsync();
        var b = await World.CreateAsync(store, "tenant-b");
        var bCase = await b.FilledCaseAsync();
        var ghost = new Caller("manager-1", "tenant-ghost", CallerRole.CaseManager);

        await Assert.ThrowsAsync<TenantNotFoundException>(() => store.GetCaseAsync(ghost, bCase.Id));
        await Assert.ThrowsAsync<TenantNotFoundException>(() => store.ListCasesAsync(ghost));
        await Assert.ThrowsAsync<CaseStoreAccessDeniedException>(() => store.CreateTenantAsync(ghost));
        Assert.Equal(0L, await harness.ScalarRawAsync<long>("SELECT COUNT(*) FROM tenants WHERE id = 'tenant-ghost'"));
    }

    [Fact]
    public void Every_table_except_tenants_is_keyed_by_tenant()
    {
        var creates = Migrations.All
            .SelectMany(m => m.Statements(SqlDialect.ForSqlite(":memory:")))
            .Where(s => s.StartsWith("CREATE TABLE", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(13, creates.Count); // 9 up to schema 4; schema 5 adds case_persons and decision_reviews, schema 6 tasks and notes
        foreach (var statement in creates.Where(s => !s.StartsWith("CREATE TABLE tenants", StringComparison.Ordinal)))
        {
            Assert.Contains("tenant_id TEXT NOT NULL", statement, StringComparison.Ordinal);
            Assert.Contains("PRIMARY KEY (tenant_id,", statement, StringComparison.Ordinal);
        }
    }
}
