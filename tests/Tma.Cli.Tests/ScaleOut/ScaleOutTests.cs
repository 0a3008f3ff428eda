using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tma.CaseStore;
using Xunit.Abstractions;

namespace Tma.Cli.Tests.ScaleOut;

/// <summary>
/// Scale-out with the real CLI: three <c>tma serve</c> processes on one PostgreSQL schema, sharing the store's key
/// file, the token key and a models folder. Skipped locally without TMA_TEST_POSTGRES; a failure under CI=true.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    public const string Tenant = "tenant-scale";
    private const int HostCount = 3;
    private const int ClientsPerHost = 4;
    private const int RequestsPerClient = 18;
    private const int CaseCount = 6;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Three_hosts_on_one_postgresql_keep_one_chain_and_every_acknowledged_write_when_one_is_killed_mid_load()
    {
        var clock = Stopwatch.StartNew();
        await using var deployment = await SharedDeployment.CreateAsync();
        try
        {
            await deployment.StartHostsAsync(HostCount, rescanSeconds: 2);
            output.WriteLine($"{HostCount} hosts started together on an empty schema in {clock.Elapsed.TotalSeconds:F1} s");
            await LoadKillReloadAndVerifyAsync(deployment);
            output.WriteLine($"total {clock.Elapsed.TotalSeconds:F1} s");
        }
        catch
        {
            // The hosts' own account (warnings and errors; no personal data) is what explains a failure.
            foreach (var host in deployment.Hosts)
            {
                output.WriteLine($"--- {host.Name} ---\n{host.Log}");
            }

            throw;
        }
    }

    private async Task LoadKillReloadAndVerifyAsync(SharedDeployment deployment)
    {

        // All three set the tenant up at the same moment: one creates it, two are told it exists.
        var admin = new Caller("admin-1", Tenant, CallerRole.Administrator);
        var created = await Task.WhenAll(deployment.Hosts.Select(async host =>
        {
            using var http = deployment.Client(host, admin);
            using var response = await http.PostAsync(new Uri("/v1/tenant", UriKind.Relative), null);
            return response.StatusCode;
        }));
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict, HttpStatusCode.Conflict], created.Order());
        var cases = await CreateCasesAsync(deployment);

        // Load through all three; once a third of it is acknowledged, SIGKILL the third host. Its clients move on.
        var load = new WriteLoad(deployment, cases);
        var planned = HostCount * ClientsPerHost * RequestsPerClient;
        using var timeout = new CancellationTokenSource(LoadTimeout);
        var loadClock = Stopwatch.StartNew();
        var running = load.RunAsync(ClientsPerHost, RequestsPerClient, timeout.Token);
        await load.Acknowledgements(planned / 3).WaitAsync(timeout.Token);
        var victim = deployment.Hosts[^1];
        await victim.KillAsync();
        var acknowledgedBeforeKill = load.Acknowledged.Count;
        await running.WaitAsync(timeout.Token);
        output.WriteLine($"load: {load.Acknowledged.Count} writes acknowledged of {planned} requests in {loadClock.Elapsed.TotalSeconds:F1} s; " +
            $"{victim.Name} killed after {acknowledgedBeforeKill}; {load.Conflicts} decisions refused as stale (409); {load.InFlightWhenHostDied} in flight when it died");
        var survivors = deployment.Hosts.Where(h => h != victim).ToArray();
        Assert.All(survivors, host => Assert.False(host.HasExited, $"{host.Name} died:\n{host.Log}"));

        // Hot reload: a new version dropped into the shared folder is served by every host, and used.
        var reloadClock = Stopwatch.StartNew();
        deployment.DropInPackage(SharedDeployment.Model, "2.1.0");
        foreach (var host in survivors)
        {
            await WaitUntilServedAsync(deployment, host, "2.1.0");
            load.Add(await AssessWithAsync(deployment, host, cases[0], SharedDeployment.Model + "@^2.1", "2.1.0"));
        }

        output.WriteLine($"hot reload: 2.1.0 served and used by {survivors.Length} hosts within {reloadClock.Elapsed.TotalSeconds:F1} s");

        // The chain verifies through every surviving host.
        var auditor = new Caller("auditor-1", Tenant, CallerRole.Auditor);
        foreach (var host in survivors)
        {
            using var http = deployment.Client(host, auditor);
            var verification = await ReadAsync(await http.GetAsync(new Uri("/v1/audit/verify", UriKind.Relative)));
            Assert.True(verification.GetProperty("isValid").GetBoolean(), $"{host.Name}: {verification}");
        }

        // Every acknowledged write is stored (0 lost), and audited exactly once as allowed.
        var acknowledged = load.Acknowledged;
        var stored = await ReadBackAsync(deployment, survivors, cases);
        var lost = acknowledged.Where(a => !stored.Contains((a.Action, a.CaseId, a.Id))).ToArray();
        Assert.True(lost.Length == 0, $"{lost.Length} acknowledged writes lost, e.g. {lost.FirstOrDefault()}");
        var trail = await AuditTrailAsync(deployment, survivors[0], auditor);
        Assert.Equal(Enumerable.Range(1, trail.Count).Select(s => (long)s), trail.Select(e => e.GetProperty("sequence").GetInt64()));
        var allowedWrites = trail
            .Where(e => e.GetProperty("outcome").GetString() == "allowed" && e.GetProperty("action").GetString() is "observation.add" or "assessment.add" or "decision.add")
            .GroupBy(e => (e.GetProperty("action").GetString()!, e.GetProperty("recordId").GetGuid()))
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.All(acknowledged, a => Assert.Equal(1, allowedWrites.GetValueOrDefault((a.Action, a.Id))));
        // Beyond the acknowledged writes, only requests in flight on the killed host may have been committed.
        Assert.InRange(allowedWrites.Values.Sum(), acknowledged.Count, acknowledged.Count + load.InFlightWhenHostDied);
        Assert.InRange(
            trail.Count(e => e.GetProperty("action").GetString() == "decision.add" && e.TryGetProperty("detail", out var detail) && detail.GetString() == "concurrency-conflict"),
            load.Conflicts,
            load.Conflicts + load.InFlightWhenHostDied);
        Assert.Equal(["allowed", "failed", "failed"], trail.Where(e => e.GetProperty("action").GetString() == "tenant.create").Select(e => e.GetProperty("outcome").GetString()));

        // Every host took writes, the killed one before it died.
        Assert.All(deployment.Hosts, host => Assert.Contains(acknowledged, a => a.Host == host.Name));
        output.WriteLine($"verified: {acknowledged.Count} acknowledged writes, 0 lost, each audited once; chain of {trail.Count} entries");
    }

    private static async Task<Guid[]> CreateCasesAsync(SharedDeployment deployment)
    {
        var manager = new Caller("manager-setup", Tenant, CallerRole.CaseManager);
        var cases = new Guid[CaseCount];
        for (var i = 0; i < CaseCount; i++)
        {
            using var http = deployment.Client(deployment.Hosts[i % deployment.Hosts.Count], manager);
            var created = await ReadAsync(await http.PostAsJsonAsync(new Uri("/v1/cases", UriKind.Relative), new
            {
                subjectReference = "scale-" + i.ToString(CultureInfo.InvariantCulture),
                category = "violence",
                retainUntil = "2031-01-01T00:00:00Z",
            }, Json));
            cases[i] = created.GetProperty("summary").GetProperty("id").GetGuid();
        }

        return cases;
    }

    /// <summary>Polls <c>/v1/packages</c> until the host serves <paramref name="version"/> (bounded; the rescan is 2 s).</summary>
    private static async Task WaitUntilServedAsync(SharedDeployment deployment, ServeProcess host, string version)
    {
        using var http = deployment.Client(host, new Caller("manager-setup", Tenant, CallerRole.CaseManager));
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var packages = await ReadAsync(await http.GetAsync(new Uri("/v1/packages", UriKind.Relative)));
            if (packages.EnumerateArray().Any(p => p.GetProperty("id").GetString() == SharedDeployment.Model && p.GetProperty("version").GetString() == version))
            {
                return;
            }

            Assert.True(waited.Elapsed < ReloadTimeout, $"{host.Name} does not serve {version} after {ReloadTimeout.TotalSeconds} s: {packages}\n{host.Log}");
            await Task.Delay(250);
        }
    }

    private static async Task<Acknowledged> AssessWithAsync(SharedDeployment deployment, ServeProcess host, Guid caseId, string model, string expectedVersion)
    {
        using var http = deployment.Client(host, new Caller("manager-setup", Tenant, CallerRole.CaseManager));
        var assessment = await ReadAsync(await http.PostAsJsonAsync(new Uri($"/v1/cases/{caseId}/assessments", UriKind.Relative), new { model }, Json));
        Assert.Equal(expectedVersion, assessment.GetProperty("assessment").GetProperty("model").GetProperty("version").GetString());
        return new Acknowledged("assessment.add", caseId, assessment.GetProperty("id").GetGuid(), host.Name);
    }

    /// <summary>Every observation, assessment and decision of the cases, read through the surviving hosts in turn.</summary>
    private static async Task<HashSet<(string Action, Guid CaseId, Guid Id)>> ReadBackAsync(SharedDeployment deployment, IReadOnlyList<ServeProcess> hosts, IReadOnlyList<Guid> cases)
    {
        var reader = new Caller("manager-setup", Tenant, CallerRole.CaseManager);
        var stored = new HashSet<(string, Guid, Guid)>();
        for (var i = 0; i < cases.Count; i++)
        {
            using var http = deployment.Client(hosts[i % hosts.Count], reader);
            foreach (var (action, path) in new[] { ("observation.add", "observations?includeSuperseded=true"), ("assessment.add", "assessments"), ("decision.add", "decisions") })
            {
                var records = await ReadAsync(await http.GetAsync(new Uri($"/v1/cases/{cases[i]}/{path}", UriKind.Relative)));
                foreach (var record in records.EnumerateArray())
                {
                    stored.Add((action, cases[i], record.GetProperty("id").GetGuid()));
                }
            }
        }

        return stored;
    }

    private static async Task<List<JsonElement>> AuditTrailAsync(SharedDeployment deployment, ServeProcess host, Caller auditor)
    {
        using var http = deployment.Client(host, auditor);
        var entries = new List<JsonElement>();
        while (true)
        {
            var after = entries.Count == 0 ? 0 : entries[^1].GetProperty("sequence").GetInt64();
            var page = await ReadAsync(await http.GetAsync(new Uri($"/v1/audit?after={after}&limit=10000", UriKind.Relative)));
            var count = entries.Count;
            entries.AddRange(page.EnumerateArray());
            if (entries.Count - count < 10_000)
            {
                return entries;
            }
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}
