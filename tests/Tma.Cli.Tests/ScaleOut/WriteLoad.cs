using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tma.CaseStore;

namespace Tma.Cli.Tests.ScaleOut;

/// <summary>A write the host answered with 2xx: it must never be lost.</summary>
internal sealed record Acknowledged(string Action, Guid CaseId, Guid Id, string Host);

/// <summary>
/// Clients that write observations, assessments and decisions to several cases through several hosts at once, and
/// record every acknowledged write. A client whose host stops answering moves to the next one (a load balancer does
/// the same; no session is tied to a host); the request that was in flight counts as not acknowledged.
/// </summary>
internal sealed class WriteLoad(SharedDeployment deployment, IReadOnlyList<Guid> cases)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<Acknowledged> _acknowledged = [];
    private readonly TaskCompletionSource _milestone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _milestoneCount = int.MaxValue;
    private int _conflicts;
    private int _inFlightWhenHostDied;
    private int _observations;

    public IReadOnlyList<Acknowledged> Acknowledged
    {
        get
        {
            lock (_acknowledged)
            {
                return [.. _acknowledged];
            }
        }
    }

    /// <summary>Decisions refused with 409 because another writer moved the case on (not acknowledged, but audited).</summary>
    public int Conflicts => _conflicts;

    /// <summary>Requests whose host died before it answered: they may or may not have been committed.</summary>
    public int InFlightWhenHostDied => _inFlightWhenHostDied;

    /// <summary>Completes once <paramref name="count"/> writes are acknowledged (or the load ended).</summary>
    public Task Acknowledgements(int count)
    {
        Volatile.Write(ref _milestoneCount, count);
        lock (_acknowledged)
        {
            if (_acknowledged.Count >= count)
            {
                _milestone.TrySetResult();
            }
        }

        return _milestone.Task;
    }

    /// <summary>Runs <paramref name="clientsPerHost"/> clients on each host, <paramref name="requests"/> writes each.</summary>
    public async Task RunAsync(int clientsPerHost, int requests, CancellationToken cancellationToken)
    {
        var hosts = deployment.Hosts;
        var clients = Enumerable.Range(0, hosts.Count * clientsPerHost)
            .Select(c => RunClientAsync(c, firstHost: c % hosts.Count, requests, cancellationToken));
        try
        {
            await Task.WhenAll(clients);
        }
        finally
        {
            _milestone.TrySetResult();
        }
    }

    /// <summary>Adds writes made outside the load (e.g. after a hot reload) to the acknowledged ones.</summary>
    public void Add(Acknowledged write)
    {
        lock (_acknowledged)
        {
            _acknowledged.Add(write);
            if (_acknowledged.Count >= Volatile.Read(ref _milestoneCount))
            {
                _milestone.TrySetResult();
            }
        }
    }

    private async Task RunClientAsync(int client, int firstHost, int requests, CancellationToken cancellationToken)
    {
        var caller = new Caller($"manager-{client}", ScaleOutTests.Tenant, CallerRole.CaseManager);
        var hosts = deployment.Hosts;
        var hostIndex = firstHost;
        var http = deployment.Client(hosts[hostIndex], caller);
        var lastAssessment = new Dictionary<Guid, Guid>();
        try
        {
            for (var i = 0; i < requests; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var caseId = cases[(client + i) % cases.Count];
                var host = hosts[hostIndex].Name;
                try
                {
                    await WriteOnceAsync(http, host, caseId, i, lastAssessment, cancellationToken);
                }
                catch (HttpRequestException)
                {
                    if (!hosts[hostIndex].HasExited && await AnswersAsync(http))
                    {
                        throw; // the host is alive: a real failure
                    }

                    // The host died under this request: it is not acknowledged, and the client moves on.
                    Interlocked.Increment(ref _inFlightWhenHostDied);
                    http.Dispose();
                    hostIndex = NextLiveHost(hostIndex);
                    http = deployment.Client(hosts[hostIndex], caller);
                }
            }
        }
        finally
        {
            http.Dispose();
        }
    }

    private async Task WriteOnceAsync(HttpClient http, string host, Guid caseId, int i, Dictionary<Guid, Guid> lastAssessment, CancellationToken cancellationToken)
    {
        switch (i % 3)
        {
            case 0:
                var observation = await PostAsync(http, $"/v1/cases/{caseId}/observations", new
                {
                    inputId = "leakage",
                    value = i % 2 == 0 ? "present" : "possible",
                    // Each observation at its own time: two of the same input, source and time that disagree do not fit the model.
                    observedAt = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Interlocked.Increment(ref _observations)),
                    source = "load",
                }, cancellationToken);
                Record("observation.add", caseId, observation, host);
                break;
            case 1:
                var assessment = await PostAsync(http, $"/v1/cases/{caseId}/assessments", new { model = SharedDeployment.Model + "@^2.0" }, cancellationToken);
                Record("assessment.add", caseId, assessment, host);
                lastAssessment[caseId] = assessment!.Value.GetProperty("id").GetGuid();
                break;
            default:
                // A decision acts on what the caller saw: read the version, then decide. Another host's write in
                // between makes it a 409, which is audited but not acknowledged.
                using (var read = await http.GetAsync(new Uri($"/v1/cases/{caseId}", UriKind.Relative), cancellationToken))
                {
                    await EnsureSuccessAsync(read);
                    var version = (await read.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).GetProperty("summary").GetProperty("version").GetInt64();
                    var followed = lastAssessment.TryGetValue(caseId, out var assessed);
                    var decision = await PostAsync(http, $"/v1/cases/{caseId}/decisions", new
                    {
                        assessmentId = followed ? assessed : (Guid?)null,
                        finalLevel = "manage",
                        rationale = "load",
                        agreement = followed ? "followed" : "no_model",
                        expectedVersion = version,
                    }, cancellationToken);
                    if (decision is null)
                    {
                        Interlocked.Increment(ref _conflicts);
                    }
                    else
                    {
                        Record("decision.add", caseId, decision, host);
                    }
                }

                break;
        }
    }

    /// <summary>Posts JSON; the body on 2xx, null on 409 concurrency-conflict, a test failure on anything else.</summary>
    private static async Task<JsonElement?> PostAsync(HttpClient http, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Json, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }

        await EnsureSuccessAsync(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private void Record(string action, Guid caseId, JsonElement? body, string host) =>
        Add(new Acknowledged(action, caseId, body!.Value.GetProperty("id").GetGuid(), host));

    private int NextLiveHost(int from)
    {
        var hosts = deployment.Hosts;
        for (var step = 1; step <= hosts.Count; step++)
        {
            var candidate = (from + step) % hosts.Count;
            if (!hosts[candidate].HasExited)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("every host is gone");
    }

    private static async Task<bool> AnswersAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
