using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Tma.Host.Tests;

/// <summary>A host whose traces are switched off by the standard sampler variable, with a budget of one request per minute.</summary>
public sealed class QuietTelemetryFixture : HostFixture
{
    public ExportedTelemetry Exported { get; } = new();

    protected override int RequestsPerMinute => 1;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["OTEL_TRACES_SAMPLER"] = "always_off" };

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(Exported.Spans))
            .WithMetrics(metrics => metrics.AddInMemoryExporter(Exported.Metrics));
}

[Collection(TelemetryCollection.Name)]
public sealed class SamplingAndRateLimitTests(QuietTelemetryFixture host) : IClassFixture<QuietTelemetryFixture>
{
    [Fact]
    public async Task OTEL_TRACES_SAMPLER_always_off_records_no_span_and_rate_limit_rejections_are_counted()
    {
        using var auditor = host.Client(host.Auditor());

        var first = await auditor.GetAsync("/v1/audit/verify");
        var second = await auditor.GetAsync("/v1/audit/verify");
        await Task.Delay(200);
        host.App.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(1, host.Exported.Sum(HostMetrics.RateLimitRejectionsCounter, ("tma.caller", "authenticated")));
        Assert.Empty(host.Exported.Spans.Snapshot());
        Assert.Contains(host.Exported.Metrics.Snapshot(), m => m.Name == "http.server.request.duration");
    }
}
