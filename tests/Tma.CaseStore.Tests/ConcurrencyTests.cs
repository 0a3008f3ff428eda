using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

public sealed class ConcurrencyTests
{
    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_write_based_on_a_stale_version_is_refused_and_the_newer_write_is_kept(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var created = await world.Store.CreateCaseAsync(world.Manager, new NewCase("s", CaseCategory.Violence, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var seenByBoth = created.Version;

        await world.Store.AssignOwnerAsync(world.Manager, created.Id, "manager-2", seenByBoth);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            world.Store.ChangeStatusAsync(world.Manager, created.Id, CaseStatus.Assessing, seenByBoth));

        Assert.Equal((created.Id, seenByBoth, seenByBoth + 1), (conflict.CaseId, conflict.ExpectedVersion!.Value, conflict.ActualVersion!.Value));
        Assert.Equal("concurrency-conflict", conflict.Code);
        var now = (await world.Store.GetCaseAsync(world.Manager, created.Id)).Summary;
        Assert.Equal(("manager-2", CaseStatus.Recognised, seenByBoth + 1), (now.OwnerId, now.Status, now.Version));
        var trail = await world.Store.GetAuditTrailAsync(world.Auditor);
        Assert.Contains(trail, e => e.Action == "case.status" && e.Outcome == AuditOutcome.Failed && e.Detail == "concurrency-conflict");
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_decision_made_before_new_evidence_arrived_is_refused(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var filled = await world.FilledCaseAsync();

        await world.Store.AddObservationAsync(world.Expert, filled.Id, new NewObservation("weapons", "acquired", harness.Clock.GetUtcNow(), "security"));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => world.Store.RecordDecisionAsync(world.Manager, filled.Id,
            new NewDecision(filled.AssessmentId, "monitor", "low concern", ModelAgreement.Overrode), filled.Version));
        Assert.Single(await world.Store.GetDecisionsAsync(world.Manager, filled.Id));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_observation_can_be_superseded_only_once(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var filled = await world.FilledCaseAsync();
        var at = harness.Clock.GetUtcNow();
        await world.Store.AddObservationAsync(world.Manager, filled.Id, new NewObservation("fixation", "absent", at, "", filled.ObservationId));

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            world.Store.AddObservationAsync(world.Expert, filled.Id, new NewObservation("fixation", "possible", at, "", filled.ObservationId)));
        Assert.Equal(filled.Id, conflict.CaseId);
        Assert.Equal(2, (await world.Store.GetObservationsAsync(world.Manager, filled.Id, includeSuperseded: true)).Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Of_concurrent_writers_with_the_same_version_exactly_one_wins(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var created = await world.Store.CreateCaseAsync(world.Manager, new NewCase("s", CaseCategory.Violence, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var other = await harness.OpenAsync(); // a second host on the same database

        var owners = Enumerable.Range(0, 8).Select(i => "manager-" + i).ToArray();
        var results = await Task.WhenAll(owners.Select((owner, i) => Record.ExceptionAsync(() =>
            (i % 2 == 0 ? world.Store : other).AssignOwnerAsync(world.Manager, created.Id, owner, created.Version))));

        Assert.Equal(1, results.Count(r => r is null));
        Assert.All(results.Where(r => r is not null), r => Assert.IsType<ConcurrencyConflictException>(r));
        var final = (await world.Store.GetCaseAsync(world.Manager, created.Id)).Summary;
        Assert.Equal(created.Version + 1, final.Version);
        Assert.Equal(owners[Array.FindIndex(results, r => r is null)], final.OwnerId);
        Assert.True((await world.Store.VerifyAuditChainAsync(world.Auditor)).IsValid);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Concurrent_appends_from_two_hosts_are_all_kept_and_the_chain_stays_valid(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var created = await world.Store.CreateCaseAsync(world.Manager, new NewCase("s", CaseCategory.Violence, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var other = await harness.OpenAsync();

        var writes = Enumerable.Range(0, 24).Select(i => (i % 2 == 0 ? world.Store : other).AddObservationAsync(world.Manager, created.Id,
            new NewObservation("item" + i, i.ToString(System.Globalization.CultureInfo.InvariantCulture), harness.Clock.GetUtcNow(), "")));
        var stored = await Task.WhenAll(writes);

        var read = await world.Store.GetObservationsAsync(world.Manager, created.Id);
        Assert.Equal(stored.Select(s => s.Id).Order(), read.Select(r => r.Id).Order());
        Assert.Equal(created.Version + 24, (await world.Store.ListCasesAsync(world.Manager)).Single().Version);
        var verification = await world.Store.VerifyAuditChainAsync(world.Auditor);
        Assert.True(verification.IsValid, verification.Problem);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Concurrent_reads_assessments_and_observations_from_two_hosts_are_all_kept_and_audited_in_one_valid_chain(Backend backend)
    {
        // Reads and assessments take the prepared path and are committed in groups; observations take the locked path
        // and bump the case version under them, so some prepared operations find their case changed and are redone.
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var other = await harness.OpenAsync();
        var cases = new List<Guid>();
        for (var c = 0; c < 3; c++)
        {
            cases.Add((await world.Store.CreateCaseAsync(world.Manager, new NewCase("s" + c, CaseCategory.Violence, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)))).Id);
        }

        var versionsBefore = (await world.Store.ListCasesAsync(world.Manager)).ToDictionary(c => c.Id, c => c.Version);
        var added = new System.Collections.Concurrent.ConcurrentBag<(Guid Case, Guid Assessment)>();
        var observed = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await Task.WhenAll(Enumerable.Range(0, 48).Select(i => Task.Run(async () =>
        {
            var store = i % 2 == 0 ? world.Store : other;
            var caseId = cases[i % 3];
            await store.GetObservationsAsync(world.Manager, caseId);
            if (i % 4 == 3)
            {
                observed.Add((await store.AddObservationAsync(world.Manager, caseId, new NewObservation("item" + i, "1", harness.Clock.GetUtcNow(), ""))).Id);
            }
            else
            {
                added.Add((caseId, (await store.AddAssessmentAsync(world.Manager, caseId, World.Assessment(score: i))).Id));
            }
        })));

        foreach (var caseId in cases)
        {
            var stored = (await world.Store.GetAssessmentsAsync(world.Manager, caseId)).Select(a => a.Id).Order();
            Assert.Equal(added.Where(a => a.Case == caseId).Select(a => a.Assessment).Order(), stored);
        }

        var versionsAfter = (await world.Store.ListCasesAsync(world.Manager)).ToDictionary(c => c.Id, c => c.Version);
        Assert.All(cases, c => Assert.Equal(versionsBefore[c] + 16, versionsAfter[c]));
        var trail = await world.Store.GetAuditTrailAsync(world.Auditor, 0, 10_000);
        Assert.Equal(48, trail.Count(e => e.Action == "observation.read" && e.Outcome == AuditOutcome.Allowed));
        Assert.Equal(added.Select(a => a.Assessment).Order(), trail.Where(e => e.Action == "assessment.add" && e.Outcome == AuditOutcome.Allowed).Select(e => e.RecordId!.Value).Order());
        Assert.Equal(observed.Order(), trail.Where(e => e.Action == "observation.add" && e.Outcome == AuditOutcome.Allowed).Select(e => e.RecordId!.Value).Order());
        Assert.Equal(Enumerable.Range(1, trail.Count).Select(n => (long)n), trail.Select(e => e.Sequence));
        var verification = await world.Store.VerifyAuditChainAsync(world.Auditor);
        Assert.True(verification.IsValid, verification.Problem);
    }
}
