using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Tma.Host.Tests;

/// <summary>
/// Tests that listen to telemetry run alone: activity sources and meters are process-wide, so a host of another test
/// class running at the same time would add its spans and measurements to these exporters.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}

/// <summary>The host with in-memory trace and metric exporters and the Prometheus endpoint switched on.</summary>
public class TelemetryFixture : HostFixture
{
    public ExportedTelemetry Exported { get; } = new();

    /// <summary>The PostgreSQL connection string of the store; null on SQLite.</summary>
    public string? DatabaseConnection => PostgresConnection;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Tma:Telemetry:Prometheus"] = "true" };

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(Exported.Spans))
            .WithMetrics(metrics => metrics.AddInMemoryExporter(Exported.Metrics));

    /// <summary>
    /// Collects the metrics now (the periodic reader would take a minute). The result is false whenever the Prometheus
    /// reader, which only collects on a scrape, is present; the in-memory reader has collected all the same.
    /// </summary>
    public void FlushMetrics() => App.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);
}

/// <summary>The same on PostgreSQL (TMA_TEST_POSTGRES), for the Npgsql command spans; started by the test so that a missing database is a skip.</summary>
public sealed class PostgresTelemetryFixture : TelemetryFixture
{
    private bool _started;

    protected override string? PostgresConnection => PostgresHostFixture.Connection;

    public override Task InitializeAsync() => Task.CompletedTask;

    public override async Task EnsureStartedAsync()
    {
        if (PostgresHostFixture.Connection is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI=true but TMA_TEST_POSTGRES is not set: .ci/run must start PostgreSQL.");
            Skip.If(true, "TMA_TEST_POSTGRES is not set: run `eval \"$(bash .ci/postgres.sh)\"` (as root) to test the host on PostgreSQL.");
        }

        if (!_started)
        {
            _started = true;
            await base.InitializeAsync();
        }
    }
}
