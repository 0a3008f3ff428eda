using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tma.CaseStore;
using Tma.Host;
using Tma.LoadTest;

// Load generator for `tma serve` on loopback: sustained assessments per second with latency percentiles, errors and
// the server's RSS over the run.
// Usage: dotnet run -c Release --project benchmarks/Tma.LoadTest -- --url http://127.0.0.1:5091 --token-key <pem>
//        [--seconds 60] [--warmup 5] [--concurrency 8] [--model warning-behaviours-triage] [--label sqlite]
//        [--out report.md] [--server-pid <pid of tma serve, for RSS>]
var options = Args.Parse(args);
if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var baseUri) || !(baseUri.IsLoopback))
{
    Console.Error.WriteLine("--url must be a loopback address (http://127.0.0.1:…): load tests never leave this machine.");
    return 2;
}

var key = TokenIssuer.LoadKey(File.ReadAllText(options.TokenKey));
var tenant = "load-" + Guid.NewGuid().ToString("N")[..8];
HttpClient Client(CallerRole role, string user)
{
    var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenIssuer.Issue(key, new Caller(user, tenant, role), DateTimeOffset.UtcNow.AddSeconds(-5), TimeSpan.FromHours(2)));
    return client;
}

var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
using (var admin = Client(CallerRole.Administrator, "admin-1"))
{
    (await admin.PostAsync(new Uri("/v1/tenant", UriKind.Relative), null)).EnsureSuccessStatusCode();
}

using var manager = Client(CallerRole.CaseManager, "manager-1");
var cases = new List<Guid>();
for (var w = 0; w < options.Concurrency; w++)
{
    var created = await manager.PostAsJsonAsync("/v1/cases", new { subjectReference = $"load-subject-{w}", category = "violence", retainUntil = "2031-01-01T00:00:00Z" }, json);
    created.EnsureSuccessStatusCode();
    var id = (await created.Content.ReadFromJsonAsync<JsonElement>(json)).GetProperty("summary").GetProperty("id").GetGuid();
    foreach (var (input, value, day) in new[] { ("leakage", "possible", 1), ("leakage", "present", 9), ("grievance", "present", 9), ("fixation", "possible", 12) })
    {
        (await manager.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = input, value, observedAt = $"2026-10-{day:00}T00:00:00Z", source = "load test" }, json)).EnsureSuccessStatusCode();
    }

    cases.Add(id);
}

// Every worker runs for warm-up + measurement; only requests that start after the warm-up count (JIT, pools and
// caches fill during the warm-up). Errors count in both phases.
var loadBefore = LoadAverage();
var latencies = new List<double>[options.Concurrency];
var errors = new Dictionary<string, int>[options.Concurrency];
var clock = Stopwatch.StartNew();
var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
var end = warmup + TimeSpan.FromSeconds(options.Seconds);
var sampling = Task.Run(async () =>
{
    await Task.Delay(warmup);
    return (Rss: new RssSampler(options.ServerPid, TimeSpan.FromSeconds(5)), Cpu: ProcessCpu.Seconds(options.ServerPid));
});
var workers = Enumerable.Range(0, options.Concurrency).Select(async w =>
{
    latencies[w] = [];
    errors[w] = [];
    using var client = Client(CallerRole.CaseManager, "manager-1");
    var body = new StringContent(JsonSerializer.Serialize(new { model = options.Model }), Encoding.UTF8, "application/json");
    var watch = new Stopwatch();
    void Error(string kind)
    {
        if (errors[w].TryAdd(kind, 1))
        {
            Console.Error.WriteLine($"worker {w}: first {kind}");
        }
        else
        {
            errors[w][kind]++;
        }
    }

    while (clock.Elapsed < end && latencies[w].Count < 2_000_000)
    {
        var counted = clock.Elapsed >= warmup;
        watch.Restart();
        try
        {
            using var response = await client.PostAsync($"/v1/cases/{cases[w]}/assessments", body);
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
            {
                Error($"HTTP {(int)response.StatusCode}");
            }
        }
        catch (HttpRequestException ex)
        {
            Error(ex.GetType().Name);
        }
        catch (TaskCanceledException ex)
        {
            Error(ex.GetType().Name);
        }

        if (counted)
        {
            latencies[w].Add(watch.Elapsed.TotalMilliseconds);
        }
    }
}).ToArray();
await Task.WhenAll(workers);
var (rss, cpuBefore) = await sampling;
await using var _ = rss;
rss.Sample();
var serverCpu = ProcessCpu.Seconds(options.ServerPid) - cpuBefore;
var elapsed = (clock.Elapsed - warmup).TotalSeconds;
var allErrors = errors.SelectMany(e => e).GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
var report = new LoadReport(options, [.. latencies.SelectMany(l => l).Order()], elapsed, allErrors, rss.MiB, serverCpu, loadBefore, LoadAverage());
Console.Write(report.Markdown());
if (options.Out is not null)
{
    File.WriteAllText(options.Out, report.Markdown());
}

Console.WriteLine("SUMMARY " + report.Summary());
return report.ErrorCount == 0 ? 0 : 1;

// The 1-minute load average, to show how busy the machine was (absolute figures on a shared machine mean little).
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
