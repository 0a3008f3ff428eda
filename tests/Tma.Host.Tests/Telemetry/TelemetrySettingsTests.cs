using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace Tma.Host.Tests;

/// <summary>Which exporters the configuration asks for, and the problems it can have.</summary>
public sealed class TelemetrySettingsTests
{
    [Fact]
    public void Nothing_configured_exports_nothing()
    {
        var settings = Read();

        Assert.False(settings.ExportTraces);
        Assert.False(settings.ExportMetrics);
        Assert.False(settings.Prometheus);
        Assert.Empty(settings.Problems);
    }

    [Fact]
    public void The_standard_endpoint_exports_traces_and_metrics()
    {
        var settings = Read(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"));

        Assert.True(settings.ExportTraces);
        Assert.True(settings.ExportMetrics);
        Assert.Null(settings.OtlpEndpoint);
    }

    [Fact]
    public void A_signal_endpoint_exports_that_signal_only()
    {
        var settings = Read(("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces"));

        Assert.True(settings.ExportTraces);
        Assert.False(settings.ExportMetrics);
    }

    [Fact]
    public void The_tma_endpoint_exports_both_and_prometheus_is_read_as_a_boolean()
    {
        var settings = Read(("Tma:Telemetry:Otlp:Endpoint", "https://collector.example.org:4318"), ("Tma:Telemetry:Prometheus", "True"));

        Assert.Equal("https://collector.example.org:4318", settings.OtlpEndpoint);
        Assert.True(settings.ExportTraces);
        Assert.True(settings.ExportMetrics);
        Assert.True(settings.Prometheus);
    }

    [Fact]
    public void A_malformed_endpoint_and_prometheus_value_are_both_reported()
    {
        var settings = Read(("Tma:Telemetry:Otlp:Endpoint", "collector:4317"), ("Tma:Telemetry:Prometheus", "yes"));

        Assert.Equal(
            ["telemetry: Tma:Telemetry:Otlp:Endpoint `collector:4317` is not an absolute http:// or https:// URL", "telemetry: Tma:Telemetry:Prometheus `yes` is neither true nor false"],
            settings.Problems);
    }

    [Fact]
    public void The_prometheus_port_is_read_and_checked()
    {
        Assert.Equal(9464, Read(("Tma:Telemetry:Prometheus", "true"), ("Tma:Telemetry:PrometheusPort", "9464")).PrometheusPort);
        Assert.Equal(
            ["telemetry: Tma:Telemetry:PrometheusPort `70000` is not a port number (1-65535)", "telemetry: Tma:Telemetry:PrometheusPort is set but Tma:Telemetry:Prometheus is not true"],
            Read(("Tma:Telemetry:PrometheusPort", "70000")).Problems);
    }

    [Fact]
    public void A_telemetry_problem_stops_the_start_together_with_the_other_settings_problems()
    {
        var directory = Directory.CreateTempSubdirectory("tma-telemetry-settings-").FullName;
        try
        {
            var ex = Assert.Throws<HostSettingsException>(() => TmaHostApp.Create([], builder =>
            {
                builder.WebHost.UseTestServer();
                builder.WebHost.UseSetting("Tma:Store", Path.Combine(directory, "tma.db"));
                builder.WebHost.UseSetting("Tma:Models", Repository.Path("models"));
                builder.WebHost.UseSetting("Tma:AllowUnsignedModels", "true");
                builder.WebHost.UseSetting("Tma:Telemetry:Otlp:Endpoint", "collector:4317");
            }));

            Assert.Contains("telemetry: Tma:Telemetry:Otlp:Endpoint `collector:4317` is not an absolute http:// or https:// URL", ex.Problems);
            Assert.Contains(ex.Problems, p => p.StartsWith("keys:", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static TelemetrySettings Read(params (string Key, string Value)[] values) =>
        TelemetrySettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());
}
