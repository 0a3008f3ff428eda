using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

public sealed class AuditChainTests
{
    private static async Task<(StoreHarness Harness, World World)> ChainAsync(Backend backend)
    {
        var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        await world.FilledCaseAsync();
        await world.FilledCaseAsync();
        var result = await world.Store.VerifyAuditChainAsync(world.Auditor);
        Assert.True(result.IsValid, result.Problem);
        Assert.True(result.EntriesChecked >= 15);
        await harness.DropAppendOnlyGuardAsync("audit_log");
        return (harness, world);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Every_write_and_every_read_of_content_is_audited_without_content(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var filled = await world.FilledCaseAsync("subject-in-audit?");
        await world.Store.GetObservationsAsync(world.Expert, filled.Id);
        await world.Store.GetDocumentAsync(world.Manager, filled.Id, filled.DocumentId);

        var trail = await world.Store.GetAuditTrailAsync(world.Auditor);
        Assert.Equal(
            new[] { "tenant.create", "case.create", "case.member.add", "observation.add", "assessment.add", "case.list", "decision.add", "document.add", "case.list", "observation.read", "document.read" },
            trail.Select(e => e.Action));
        Assert.Equal(Enumerable.Range(1, trail.Count).Select(i => (long)i), trail.Select(e => e.Sequence));
        var read = trail.Single(e => e.Action == "document.read");
        Assert.Equal((filled.Id, filled.DocumentId, "manager-1", CallerRole.CaseManager), (read.CaseId!.Value, read.RecordId!.Value, read.ActorId, read.ActorRole));
        Assert.Equal(new string('0', 64), trail[0].PreviousHash);
        for (var i = 1; i < trail.Count; i++)
        {
            Assert.Equal(trail[i - 1].Hash, trail[i].PreviousHash);
        }

        var everything = string.Join("|", trail.Select(e => e.ToString()));
        foreach (var content in new[] { "subject-in-audit?", "fixation", "present", "line manager report", "agree with model", "note.txt" })
        {
            Assert.DoesNotContain(content, everything, StringComparison.Ordinal);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_audit_trail_refuses_updates_and_deletes_at_the_database_level(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        await world.FilledCaseAsync();
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => harness.ExecuteRawAsync("UPDATE audit_log SET actor_id = 'x' WHERE seq = 2"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => harness.ExecuteRawAsync("DELETE FROM audit_log WHERE seq = 2"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => harness.ExecuteRawAsync("DELETE FROM observations"));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_edited_entry_is_detected_and_named(Backend backend)
    {
        var (harness, world) = await ChainAsync(backend);
        await using var _ = harness;
        await harness.ExecuteRawAsync("UPDATE audit_log SET actor_id = 'someone-else' WHERE tenant_id = @T AND seq = 5", new { T = world.Tenant });

        var result = await world.Store.VerifyAuditChainAsync(world.Auditor);
        Assert.False(result.IsValid);
        Assert.Equal(5, result.FirstBrokenSequence);
        Assert.Contains("edited", result.Problem, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_edited_entry_with_a_recomputed_hash_is_still_detected_at_the_next_entry(Backend backend)
    {
        var (harness, world) = await ChainAsync(backend);
        await using var _ = harness;
        var rows = await harness.QueryRawAsync<AuditRow>(
            "SELECT seq AS Sequence, at AS At, actor_id AS ActorId, actor_role AS ActorRole, action AS Action, outcome AS Outcome, case_id AS CaseId, record_id AS RecordId, detail AS Detail, prev_hash AS PreviousHash, hash AS Hash FROM audit_log WHERE tenant_id = @T AND seq = 4",
            new { T = world.Tenant });
        var row = rows.Single();
        row.Outcome = "Denied";
        var forged = AuditLog.ComputeHash(world.Tenant, row, row.PreviousHash);
        await harness.ExecuteRawAsync("UPDATE audit_log SET outcome = 'Denied', hash = @H WHERE tenant_id = @T AND seq = 4", new { H = forged, T = world.Tenant });

        var result = await world.Store.VerifyAuditChainAsync(world.Auditor);
        Assert.False(result.IsValid);
        Assert.Equal(5, result.FirstBrokenSequence);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_deleted_entry_is_detected_and_named(Backend backend)
    {
        var (harness, world) = await ChainAsync(backend);
        await using var _ = harness;
        await harness.ExecuteRawAsync("DELETE FROM audit_log WHERE tenant_id = @T AND seq = 7", new { T = world.Tenant });

        var result = await world.Store.VerifyAuditChainAsync(world.Auditor);
        Assert.False(result.IsValid);
        Assert.Equal(7, result.FirstBrokenSequence);
        Assert.Contains("missing", result.Problem, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Reordered_entries_are_detected_and_the_first_named(Backend backend)
    {
        var (harness, world) = await ChainAsync(backend);
        await using var _ = harness;
        await harness.ExecuteRawAsync("UPDATE audit_log SET seq = -1 WHERE tenant_id = @T AND seq = 6", new { T = world.Tenant });
        await harness.ExecuteRawAsync("UPDATE audit_log SET seq = 6 WHERE tenant_id = @T AND seq = 7", new { T = world.Tenant });
        await harness.ExecuteRawAsync("UPDATE audit_log SET seq = 7 WHERE tenant_id = @T AND seq = -1", new { T = world.Tenant });

        var result = await world.Store.VerifyAuditChainAsync(world.Auditor);
        Assert.False(result.IsValid);
        Assert.Equal(6, result.FirstBrokenSequence);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Entries_cut_from_the_end_are_detected_against_the_recorded_head(Backend backend)
    {
        var (harness, world) = await ChainAsync(backend);
        await using var _ = harness;
        var last = await harness.ScalarRawAsync<long>("SELECT MAX(seq) FROM audit_log WHERE tenant_id = @T", new { T = world.Tenant });
        await harness.ExecuteRawAsync("DELETE FROM audit_log WHERE tenant_id = @T AND seq >= @From", new { T = world.Tenant, From = last - 2 });

        var result = await world.Store.VerifyAuditChainAsync(world.Auditor);
        Assert.False(result.IsValid);
        Assert.Equal(last - 2, result.FirstBrokenSequence);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_denied_access_is_audited_even_though_the_call_fails(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var filled = await world.FilledCaseAsync();
        await Assert.ThrowsAsync<CaseStoreAccessDeniedException>(() => world.Store.GetObservationsAsync(world.Auditor, filled.Id));
        await Assert.ThrowsAsync<CaseStoreAccessDeniedException>(() => world.Store.GetAuditTrailAsync(world.Manager));

        var trail = await world.Store.GetAuditTrailAsync(world.Auditor);
        var denied = trail.Where(e => e.Outcome == AuditOutcome.Denied).ToList();
        Assert.Equal(2, denied.Count);
        Assert.Equal(("observation.read", CallerRole.Auditor, (Guid?)filled.Id), (denied[0].Action, denied[0].ActorRole, denied[0].CaseId));
        Assert.Equal(("audit.read", CallerRole.CaseManager), (denied[1].Action, denied[1].ActorRole));
        Assert.True((await world.Store.VerifyAuditChainAsync(world.Auditor)).IsValid);
    }
}
