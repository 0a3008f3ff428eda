using System.Net.Http.Json;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>The same host on PostgreSQL (TMA_TEST_POSTGRES). Locally skipped with the reason; in CI a missing database fails.</summary>
public sealed class PostgresHostFixture : HostFixture
{
    public static string? Connection => Environment.GetEnvironmentVariable("TMA_TEST_POSTGRES");

    protected override string? PostgresConnection => Connection;

    private bool _started;

    // Started by the test itself, so that a missing database is a clear skip (or CI failure), not a fixture crash.
    public override Task InitializeAsync() => Task.CompletedTask;

    public async Task StartAsync()
    {
        if (!_started)
        {
            _started = true;
            await base.InitializeAsync();
        }
    }

    public override async Task EnsureStartedAsync()
    {
        if (Connection is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI=true but TMA_TEST_POSTGRES is not set: .ci/run must start PostgreSQL.");
            Skip.If(true, "TMA_TEST_POSTGRES is not set: run `eval \"$(bash .ci/postgres.sh)\"` (as root) to test the host on PostgreSQL.");
        }

        await StartAsync();
    }
}

public sealed class PostgresHostTests(PostgresHostFixture host) : IClassFixture<PostgresHostFixture>
{
    [SkippableFact]
    public async Task The_whole_case_loop_runs_on_postgresql()
    {
        if (PostgresHostFixture.Connection is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI=true but TMA_TEST_POSTGRES is not set: .ci/run must start PostgreSQL.");
            Skip.If(true, "TMA_TEST_POSTGRES is not set: run `eval \"$(bash .ci/postgres.sh)\"` (as root) to test the host on PostgreSQL.");
        }

        await host.StartAsync();
        var (id, version, assessment) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());
        var decision = await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/decisions", new { assessmentId = assessment, finalLevel = "manage", rationale = "agree", agreement = "followed", expectedVersion = version }, HostFixture.Json));
        using var auditor = host.Client(host.Auditor());
        var verification = await HostFixture.Read(await auditor.GetAsync("/v1/audit/verify"));
        using var intruder = host.Client(host.Manager(host.TenantB));

        Assert.Equal("manage", decision.GetProperty("decision").GetProperty("finalLevel").GetString());
        Assert.True(verification.GetProperty("isValid").GetBoolean());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await intruder.GetAsync($"/v1/cases/{id}")).StatusCode);
    }
}
