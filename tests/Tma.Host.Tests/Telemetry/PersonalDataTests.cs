using System.Net.Http.Json;
using Tma.CaseStore;
using Tma.Scoring.Hosting;

namespace Tma.Host.Tests;

/// <summary>
/// A whole case (create, member, observation, document, assessment, decision, reads, a path that matches no route)
/// leaves no case id, subject reference, user id, tenant or content in any exported span name, span attribute or
/// metric tag.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class PersonalDataTests(TelemetryFixture host) : IClassFixture<TelemetryFixture>
{
    [Fact]
    public async Task A_whole_case_leaves_no_personal_data_in_traces_or_metrics() =>
        await PersonalDataProbe.RunAsync(host, expectDatabaseSpans: false);
}

/// <summary>The same on PostgreSQL, where Npgsql adds a span per command: the SQL text, never a parameter value.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class PostgresPersonalDataTests(PostgresTelemetryFixture host) : IClassFixture<PostgresTelemetryFixture>
{
    [SkippableFact]
    public async Task A_whole_case_on_postgresql_leaves_no_personal_data_in_traces_or_metrics()
    {
        await host.EnsureStartedAsync();
        await PersonalDataProbe.RunAsync(host, expectDatabaseSpans: true);
    }
}

internal static class PersonalDataProbe
{
    private const string PoolName = "db.client.connection.pool.name";

    private const string StoreDataSource = "tma-store";

    public static async Task RunAsync(TelemetryFixture host, bool expectDatabaseSpans)
    {
        var marker = "m" + Guid.NewGuid().ToString("N")[..12];
        var managerId = "cm-" + marker;
        var expertId = "ex-" + marker;
        using var manager = host.Client(new Caller(managerId, host.TenantA, CallerRole.CaseManager));
        using var expert = host.Client(new Caller(expertId, host.TenantA, CallerRole.Expert));

        var created = await HostFixture.Read(await manager.PostAsJsonAsync("/v1/cases", new { subjectReference = "subject-" + marker, category = "violence", retainUntil = "2031-01-01T00:00:00Z" }, HostFixture.Json));
        var id = created.GetProperty("summary").GetProperty("id").GetGuid();
        var version = created.GetProperty("summary").GetProperty("version").GetInt64();
        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/members", new { userId = expertId, role = "psychologist", expectedVersion = version }, HostFixture.Json));
        await HostFixture.Read(await expert.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "leakage", value = "present", observedAt = "2026-10-12T00:00:00Z", source = "source-" + marker }, HostFixture.Json));
        await HostFixture.Read(await manager.PostAsync($"/v1/cases/{id}/documents?name=note-{marker}.txt", new StringContent("note " + marker, System.Text.Encoding.UTF8, "text/plain")));
        var assessment = await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/assessments", new { model = "warning-behaviours-triage@^2.0" }, HostFixture.Json));
        version = (await HostFixture.Read(await manager.GetAsync($"/v1/cases/{id}"))).GetProperty("summary").GetProperty("version").GetInt64();
        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/decisions", new { assessmentId = assessment.GetProperty("id").GetGuid(), finalLevel = "manage", rationale = "rationale-" + marker, agreement = "followed", expectedVersion = version }, HostFixture.Json));
        await HostFixture.Read(await expert.GetAsync($"/v1/cases/{id}/observations?includeSuperseded=true&note={marker}"));
        (await manager.GetAsync($"/v1/cases/{id}/no-such-thing/{marker}")).Dispose();
        await HostFixture.Read(await manager.GetAsync($"/v1/cases/{id}/decisions"));

        await host.Exported.SpanAsync(s => s.DisplayName == "GET /v1/cases/{caseId:guid}/decisions");
        host.FlushMetrics();

        // The test can only pass for the right reason if every kind of telemetry was there to look at.
        var spans = host.Exported.Spans.Snapshot();
        Assert.Contains(spans, s => s.DisplayName == "POST /v1/cases/{caseId:guid}/decisions");
        Assert.Contains(spans, s => s.Source.Name == CaseStoreTelemetry.ActivitySourceName && s.DisplayName == "decision.add");
        Assert.Contains(spans, s => s.Source.Name == TmaScoringTelemetry.ActivitySourceName);
        Assert.Contains(host.Exported.Metrics.Snapshot(), m => m.Name == CaseStoreTelemetry.OperationDurationHistogram);
        Assert.Contains(host.Exported.Metrics.Snapshot(), m => m.Name == "http.server.request.duration");
        if (expectDatabaseSpans)
        {
            Assert.Contains(spans, s => s.Source.Name == "Npgsql" && Equals(s.GetTagItem("db.npgsql.data_source"), StoreDataSource));
            Assert.True(host.Exported.Count("db.client.operation.duration", (PoolName, StoreDataSource)) > 0, "the store's commands are measured under its data source name");
        }

        // The database user is not a subject's data, but the connection string has no business in telemetry either.
        var databaseUser = host.DatabaseConnection is { } connection ? new Npgsql.NpgsqlConnectionStringBuilder(connection).Username : null;
        string[] forbidden = [id.ToString("D"), id.ToString("N"), marker, managerId, expertId, host.TenantA, .. databaseUser is null ? [] : new[] { "Username=" + databaseUser }];
        // Connection pools of the test's own set-up (fresh schemas, store harness) are not the host's and are left out.
        var leaks = host.Exported.AllStrings(ownedByTest: point => ExportedTelemetry.HasOther(point, PoolName, StoreDataSource))
            .Where(s => forbidden.Any(f => s.Text.Contains(f, StringComparison.OrdinalIgnoreCase)))
            .Select(s => $"{s.Where}: {s.Text}")
            .Distinct()
            .ToList();
        Assert.True(leaks.Count == 0, "personal data in telemetry:\n" + string.Join("\n", leaks));
    }
}
