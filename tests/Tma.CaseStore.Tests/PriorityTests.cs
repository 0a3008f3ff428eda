using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

/// <summary>The case list's priorities (<c>case.priorities</c>), on SQLite and PostgreSQL.</summary>
public sealed class PriorityTests
{
    private static readonly DateTimeOffset RetainUntil = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Caller SecondManager(World world) => new("manager-2", world.Tenant, CallerRole.CaseManager);

    private static NewAssessment Assessment(string level, string conclusion, bool challenger = false, int day = 1) =>
        new("tma.warning-behaviours", "1.2.0", "sha256:abc", level, 10, challenger, "{}",
            "{\"level\":\"" + level + "\",\"conclusion\":\"" + conclusion + "\"}", new DateTimeOffset(2026, 3, day, 10, 0, 0, TimeSpan.Zero));

    private static async Task<long> VersionAsync(World world, Guid id) =>
        (await world.Store.ListCasesAsync(world.Manager)).Single(c => c.Id == id).Version;

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Each_case_gets_the_decision_in_effect_else_the_champion_model_and_one_audit_entry(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var store = await harness.OpenAsync();
        var world = await World.CreateAsync(store);
        var other = await World.CreateAsync(store);
        var otherCase = await other.FilledCaseAsync();

        // No assessment yet.
        var none = (await store.CreateCaseAsync(world.Manager, new NewCase("s-none", CaseCategory.Violence, RetainUntil))).Id;

        // A lower bound; a later challenger with another level does not count.
        var lower = (await store.CreateCaseAsync(world.Manager, new NewCase("s-lower", CaseCategory.Violence, RetainUntil))).Id;
        await store.AddAssessmentAsync(world.Manager, lower, Assessment("manage", "lowerBound"));
        await store.AddAssessmentAsync(world.Manager, lower, Assessment("urgent", "level", challenger: true, day: 2));

        // Unassessable.
        var unassessable = (await store.CreateCaseAsync(world.Manager, new NewCase("s-unassessable", CaseCategory.Violence, RetainUntil))).Id;
        await store.AddAssessmentAsync(world.Manager, unassessable, Assessment("unassessable", "unassessable"));

        // A followed decision (the expert is a member of the filled case).
        var followed = await world.FilledCaseAsync();

        // A pending override on top of a followed decision: the followed decision stays in effect.
        var pending = await world.FilledCaseAsync();
        await store.RecordDecisionAsync(SecondManager(world), pending.Id, new NewDecision(pending.AssessmentId, "urgent", "weapons", ModelAgreement.Overrode), pending.Version);

        // A pending override without an earlier decision: the model's level.
        var pendingOnly = (await store.CreateCaseAsync(world.Manager, new NewCase("s-pending", CaseCategory.Violence, RetainUntil))).Id;
        var assessed = await store.AddAssessmentAsync(world.Manager, pendingOnly, Assessment("monitor", "level"));
        await store.RecordDecisionAsync(SecondManager(world), pendingOnly, new NewDecision(assessed.Id, "urgent", "weapons", ModelAgreement.Overrode), await VersionAsync(world, pendingOnly));

        // A confirmed override.
        var confirmed = await world.FilledCaseAsync();
        var overridden = await store.RecordDecisionAsync(SecondManager(world), confirmed.Id, new NewDecision(confirmed.AssessmentId, "urgent", "weapons", ModelAgreement.Overrode), confirmed.Version);
        await store.ConfirmDecisionAsync(world.Manager, confirmed.Id, overridden.Id, null, confirmed.Version + 1);

        // A shredded case.
        var shredded = await world.FilledCaseAsync();
        await store.ShredCaseAsync(world.Admin, shredded.Id);

        var listed = (await store.ListCasesAsync(world.Manager)).Select(c => c.Id).ToArray();
        var before = await AuditCountAsync(harness, world.Tenant);
        var priorities = await store.GetCasePrioritiesAsync(world.Manager);

        // Exactly the cases of the case list, in its order; the other tenant's case is absent.
        Assert.Equal(listed, priorities.Select(p => p.CaseId));
        Assert.DoesNotContain(priorities, p => p.CaseId == otherCase.Id);
        var byId = priorities.ToDictionary(p => p.CaseId);
        Assert.Equal(new CasePriority(none, "none", null, null, null, null, false), byId[none]);
        Assert.Equal(new CasePriority(lower, "model", "manage", "lowerBound", "tma.warning-behaviours", "1.2.0", false), byId[lower]);
        Assert.Equal(new CasePriority(unassessable, "model", null, "unassessable", "tma.warning-behaviours", "1.2.0", false), byId[unassessable]);
        Assert.Equal(new CasePriority(followed.Id, "decision", "manage", null, "tma.warning-behaviours", "1.2.0", false), byId[followed.Id]);
        Assert.Equal(new CasePriority(pending.Id, "decision", "manage", null, "tma.warning-behaviours", "1.2.0", true), byId[pending.Id]);
        Assert.Equal(new CasePriority(pendingOnly, "model", "monitor", "level", "tma.warning-behaviours", "1.2.0", true), byId[pendingOnly]);
        Assert.Equal(new CasePriority(confirmed.Id, "decision", "urgent", null, "tma.warning-behaviours", "1.2.0", false), byId[confirmed.Id]);
        Assert.Equal(new CasePriority(shredded.Id, "unavailable", null, null, null, null, false), byId[shredded.Id]);

        // One audit entry for the whole list, with the number of cases only (as case.list).
        var entries = await harness.QueryRawAsync<(string, string, string?, string?)>(
            "SELECT action, outcome, detail, case_id FROM audit_log WHERE tenant_id = @Tenant AND seq > @Before ORDER BY seq",
            new { Tenant = world.Tenant, Before = before });
        Assert.Equal([("case.priorities", "Allowed", (string?)$"count={priorities.Count}", (string?)null)], entries);
        Assert.True((await store.VerifyAuditChainAsync(world.Auditor)).IsValid);

        // The other tenant sees only its own case.
        Assert.Equal([otherCase.Id], (await store.GetCasePrioritiesAsync(other.Manager)).Select(p => p.CaseId));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_expert_gets_only_the_cases_they_are_a_member_of(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var member = await world.FilledCaseAsync(); // the expert is a member
        var notMember = (await world.Store.CreateCaseAsync(world.Manager, new NewCase("s-2", CaseCategory.Violence, RetainUntil))).Id;

        var priorities = await world.Store.GetCasePrioritiesAsync(world.Expert);

        Assert.Equal((await world.Store.ListCasesAsync(world.Expert)).Select(c => c.Id), priorities.Select(p => p.CaseId));
        Assert.Equal(member.Id, Assert.Single(priorities).CaseId);
        Assert.DoesNotContain(priorities, p => p.CaseId == notMember);
        Assert.Equal(("decision", "manage"), (priorities[0].Source, priorities[0].Level));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Other_roles_are_refused_and_audited(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        foreach (var caller in new[] { world.Auditor, world.Researcher, world.Admin })
        {
            await Assert.ThrowsAsync<CaseStoreAccessDeniedException>(() => world.Store.GetCasePrioritiesAsync(caller));
        }

        Assert.Equal(3L, await harness.ScalarRawAsync<long>(
            "SELECT COUNT(*) FROM audit_log WHERE tenant_id = @Tenant AND action = 'case.priorities' AND outcome = 'Denied'", new { Tenant = world.Tenant }));
    }

    private static Task<long> AuditCountAsync(StoreHarness harness, string tenant) =>
        harness.ScalarRawAsync<long>("SELECT COALESCE(MAX(seq), 0) FROM audit_log WHERE tenant_id = @Tenant", new { Tenant = tenant });
}
