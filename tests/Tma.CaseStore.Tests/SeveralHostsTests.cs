using Npgsql;
using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

/// <summary>
/// Several hosts (here: several open stores, each with its own connection pool) on one database: starting together,
/// racing to create the same tenant, and mixing allowed, denied and failed operations still give one audit chain
/// per tenant with exactly one entry per operation, in one order.
/// </summary>
public sealed class SeveralHostsTests
{
    private const int Hosts = 3;

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Hosts_starting_together_on_an_empty_database_all_open_it_at_the_latest_schema(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);

        var stores = await OpenTogetherAsync(harness);
        try
        {
            var world = await World.CreateAsync(stores[0]);
            var versions = await harness.QueryRawAsync<long>("SELECT version FROM schema_migrations ORDER BY version");
            Assert.Equal(Enumerable.Range(1, CaseStore.SchemaVersion).Select(v => (long)v), versions);
            Assert.All(stores, store => Assert.True(store.VerifyAuditChainAsync(world.Auditor).GetAwaiter().GetResult().IsValid));
        }
        finally
        {
            await DisposeAllAsync(stores);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Of_hosts_creating_the_same_tenant_at_once_one_wins_and_every_attempt_is_audited(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var stores = await OpenTogetherAsync(harness);
        try
        {
            var world = new World(stores[0], "tenant-race");
            const int Attempts = 3 * Hosts;

            var results = await Task.WhenAll(Enumerable.Range(0, Attempts).Select(i =>
                Record.ExceptionAsync(() => stores[i % Hosts].CreateTenantAsync(world.Admin))));

            Assert.Equal(1, results.Count(r => r is null));
            Assert.All(results.Where(r => r is not null), r => Assert.Equal("tenant-exists", Assert.IsType<CaseStateException>(r).Code));
            var trail = await world.Store.GetAuditTrailAsync(world.Auditor);
            var creations = trail.Where(e => e.Action == "tenant.create").ToArray();
            Assert.Equal(AuditOutcome.Allowed, creations[0].Outcome);
            Assert.Equal(Attempts - 1, creations.Count(e => e.Outcome == AuditOutcome.Failed && e.Detail == "tenant-exists"));
            Assert.Equal(Attempts, creations.Length);
            Assert.True((await world.Store.VerifyAuditChainAsync(world.Auditor)).IsValid);
        }
        finally
        {
            await DisposeAllAsync(stores);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Allowed_denied_and_failed_operations_from_several_hosts_form_one_gapless_chain(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var stores = await OpenTogetherAsync(harness);
        try
        {
            var world = await World.CreateAsync(stores[0]);
            var created = await world.Store.CreateCaseAsync(world.Manager, new NewCase("s", CaseCategory.Violence, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            var before = (await world.Store.GetAuditTrailAsync(world.Auditor)).Count + 1; // + this read itself
            const int Rounds = 8;

            // Per round and host: an allowed append, a denied one (researchers see no content), a failed one (a stale
            // version) and a not-found one. Every one of them must take its place in the same chain.
            var operations = Enumerable.Range(0, Rounds * Hosts).SelectMany(i =>
            {
                var store = stores[i % Hosts];
                return new Func<Task>[]
                {
                    () => store.AddObservationAsync(world.Manager, created.Id, new NewObservation("item" + i, "1", harness.Clock.GetUtcNow(), "")),
                    () => store.AddObservationAsync(world.Researcher, created.Id, new NewObservation("item" + i, "1", harness.Clock.GetUtcNow(), "")),
                    () => store.ChangeStatusAsync(world.Manager, created.Id, CaseStatus.Assessing, expectedVersion: -1),
                    () => store.GetObservationsAsync(world.Manager, Guid.NewGuid()),
                };
            }).ToArray();
            var outcomes = await Task.WhenAll(operations.Select(operation => Record.ExceptionAsync(operation)));

            var unexpected = outcomes.OfType<Exception>().Where(e => e is not CaseStoreException).Select(e => e.GetType().Name + ": " + e.Message).ToArray();
            Assert.True(unexpected.Length == 0, string.Join(Environment.NewLine, unexpected));
            Assert.Equal(Rounds * Hosts, outcomes.Count(o => o is null));
            var trail = await world.Store.GetAuditTrailAsync(world.Auditor, 0, 10_000);
            var during = trail.Skip(before).ToArray(); // the final audit read is appended after it read the trail
            Assert.Equal(operations.Length, during.Length);
            Assert.Equal(Enumerable.Range(1, trail.Count).Select(s => (long)s), trail.Select(e => e.Sequence));
            Assert.Equal(
                [(AuditOutcome.Allowed, Rounds * Hosts), (AuditOutcome.Denied, Rounds * Hosts), (AuditOutcome.NotFound, Rounds * Hosts), (AuditOutcome.Failed, Rounds * Hosts)],
                during.GroupBy(e => e.Outcome).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())));
            foreach (var store in stores)
            {
                var verification = await store.VerifyAuditChainAsync(world.Auditor);
                Assert.True(verification.IsValid, verification.Problem);
            }
        }
        finally
        {
            await DisposeAllAsync(stores);
        }
    }

    /// <summary>Opens <see cref="Hosts"/> stores at the same moment, as hosts starting together would.</summary>
    private static async Task<CaseStore[]> OpenTogetherAsync(StoreHarness harness)
    {
        using var start = new ManualResetEventSlim();
        var opening = Enumerable.Range(0, Hosts).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await CaseStore.OpenAsync(SmallPool(harness));
        })).ToArray();
        start.Set();
        return await Task.WhenAll(opening);
    }

    /// <summary>
    /// Each host's pool is capped, as in production: operations queued for the tenant lock wait holding a connection,
    /// so uncapped pools of several hosts exhaust the server's connections (max_connections) long before its CPU.
    /// </summary>
    private static CaseStoreOptions SmallPool(StoreHarness harness) => harness.Backend == Backend.Sqlite
        ? harness.Options()
        : CaseStoreOptions.ForPostgreSql(new NpgsqlConnectionStringBuilder(harness.Target) { MaxPoolSize = 8 }.ConnectionString, TestKeys.Provider("k1")) with { TimeProvider = harness.Clock };

    private static async Task DisposeAllAsync(IEnumerable<CaseStore> stores)
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }
}
