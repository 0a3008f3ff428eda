using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tma.Host.Tests;

/// <summary>Closing a case over HTTP on SQLite.</summary>
public sealed class ClosingEndpointTests(HostFixture host) : ClosingEndpointContract<HostFixture>(host);

/// <summary>Closing a case over HTTP on PostgreSQL (skipped locally without TMA_TEST_POSTGRES; required in CI).</summary>
public sealed class PostgresClosingEndpointTests(PostgresHostFixture host) : ClosingEndpointContract<PostgresHostFixture>(host);

/// <summary>A case closes only when the team's work is done: no override waiting for confirmation, no open task.</summary>
public abstract class ClosingEndpointContract<TFixture>(TFixture host) : IClassFixture<TFixture>
    where TFixture : HostFixture
{
    [SkippableFact]
    public async Task Closing_is_refused_with_409_while_an_override_waits_or_tasks_are_open()
    {
        await host.EnsureStartedAsync();
        var (id, version, assessment) = await host.FilledCaseAsync();
        (_, var decision) = await host.PendingOverrideAsync(id, assessment, version);
        var (open, started) = await TeamTasks.CreateAsync(host, id);
        using var manager = host.Client(host.Manager());

        var pending = await CloseAsync(manager, id);
        Assert.Equal((HttpStatusCode.Conflict, "pending-override"), (pending.Status, pending.Body.GetProperty("code").GetString()));
        Assert.Contains("1 decision override", pending.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", pending.MediaType);

        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/decisions/{decision}/confirm", new { expectedVersion = await VersionAsync(manager, id) }, HostFixture.Json));
        var tasks = await CloseAsync(manager, id);
        Assert.Equal((HttpStatusCode.Conflict, "open-tasks"), (tasks.Status, tasks.Body.GetProperty("code").GetString()));
        Assert.Contains("2 task(s)", tasks.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await HostFixture.Read(await manager.PutAsJsonAsync($"/v1/cases/{id}/tasks/{open}", new { status = "cancelled", cancellationReason = "case resolved", expectedVersion = 1 }, HostFixture.Json));
        await HostFixture.Read(await manager.PutAsJsonAsync($"/v1/cases/{id}/tasks/{started}", new { status = "cancelled", cancellationReason = "case resolved", expectedVersion = 2 }, HostFixture.Json));
        var closed = await CloseAsync(manager, id);
        Assert.Equal(HttpStatusCode.OK, closed.Status);
        Assert.Equal("closed", closed.Body.GetProperty("status").GetString());

        using var auditor = host.Client(host.Auditor());
        var refusals = (await HostFixture.Read(await auditor.GetAsync("/v1/audit?limit=10000"))).EnumerateArray()
            .Where(e => e.TryGetProperty("caseId", out var c) && c.GetGuid() == id && e.GetProperty("action").GetString() == "case.status")
            .Select(e => $"{e.GetProperty("outcome").GetString()} {e.GetProperty("detail").GetString()}")
            .ToArray();
        Assert.Equal(["failed pending-override", "failed open-tasks", "allowed Recognised->Closed"], refusals);
    }

    private static async Task<long> VersionAsync(HttpClient client, Guid id) =>
        (await HostFixture.Read(await client.GetAsync($"/v1/cases/{id}"))).GetProperty("summary").GetProperty("version").GetInt64();

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? MediaType)> CloseAsync(HttpClient client, Guid id)
    {
        var version = await VersionAsync(client, id);
        using var response = await client.PutAsJsonAsync($"/v1/cases/{id}/status", new { status = "closed", expectedVersion = version }, HostFixture.Json);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }
}
