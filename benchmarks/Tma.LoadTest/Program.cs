using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tma.CaseStore;
using Tma.Host;

// Load generator for `tma serve` on loopback: sustained assessments per second with p50/p99 latency and errors.
// Usage: dotnet run -c Release --project benchmarks/Tma.LoadTest -- --url http://127.0.0.1:5091 --token-key <pem>
//        [--seconds 60] [--concurrency 8] [--model warning-behaviours-triage] [--label sqlite] [--out report.md]
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

var latencies = new List<double>[options.Concurrency];
var errors = new int[options.Concurrency];
var deadline = Stopwatch.StartNew();
var workers = Enumerable.Range(0, options.Concurrency).Select(async w =>
{
    latencies[w] = [];
    using var client = Client(CallerRole.CaseManager, "manager-1");
    var body = new StringContent(JsonSerializer.Serialize(new { model = options.Model }), Encoding.UTF8, "application/json");
    var watch = new Stopwatch();
    while (deadline.Elapsed.TotalSeconds < options.Seconds && latencies[w].Count < 2_000_000)
    {
        watch.Restart();
        try
        {
            using var response = await client.PostAsync($"/v1/cases/{cases[w]}/assessments", body);
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
            {
                errors[w]++;
                if (errors[w] == 1)
                {
                    Console.Error.WriteLine($"worker {w}: first error {(int)response.StatusCode}");
                }
            }
        }
        catch (HttpRequestException)
        {
            errors[w]++;
        }
        catch (TaskCanceledException)
        {
            errors[w]++;
        }

        latencies[w].Add(watch.Elapsed.TotalMilliseconds);
    }
}).ToArray();
await Task.WhenAll(workers);
var elapsed = deadline.Elapsed.TotalSeconds;
var all = latencies.SelectMany(l => l).Order().ToArray();
double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
var inv = CultureInfo.InvariantCulture;
var report = new StringBuilder()
    .AppendLine(inv, $"## Load test: {options.Label}")
    .AppendLine()
    .AppendLine(inv, $"`POST /v1/cases/{{id}}/assessments` (model `{options.Model}`, store + engine + audit), {options.Concurrency} concurrent clients on loopback, {elapsed:0.0} s.")
    .AppendLine()
    .AppendLine("| requests | errors | assessments/s | p50 ms | p90 ms | p99 ms | max ms |")
    .AppendLine("|---:|---:|---:|---:|---:|---:|---:|")
    .AppendLine(inv, $"| {all.Length} | {errors.Sum()} | {all.Length / elapsed:0.0} | {Percentile(0.50):0.00} | {Percentile(0.90):0.00} | {Percentile(0.99):0.00} | {(all.Length == 0 ? 0 : all[^1]):0.00} |")
    .ToString();
Console.Write(report);
if (options.Out is not null)
{
    File.WriteAllText(options.Out, report);
}

return errors.Sum() == 0 ? 0 : 1;

internal sealed record Args(string Url, string TokenKey, int Seconds, int Concurrency, string Model, string Label, string? Out)
{
    public static Args Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new Args(
            Value("--url", "http://127.0.0.1:5091"),
            Value("--token-key", "tma.db.token.pem"),
            int.Parse(Value("--seconds", "60"), CultureInfo.InvariantCulture),
            int.Parse(Value("--concurrency", "8"), CultureInfo.InvariantCulture),
            Value("--model", "warning-behaviours-triage"),
            Value("--label", "sqlite"),
            args.Contains("--out") ? Value("--out", "") : null);
    }
}
