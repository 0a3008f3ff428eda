using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tma.CaseStore;
using Tma.Scoring;
using Tma.Scoring.Hosting;

namespace Tma.Host;

/// <summary>
/// OpenTelemetry for the host: what is traced and measured is always described (ASP.NET Core server spans and
/// metrics, runtime metrics, the engine's <c>Tma.Scoring</c>, the store's <c>Tma.CaseStore</c>, the host's
/// <c>Tma.Host</c> meter, Npgsql commands), but the tracer and meter providers are only built when something exports:
/// OTLP (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>Tma:Telemetry:Otlp:Endpoint</c>) or the Prometheus endpoint
/// (<c>Tma:Telemetry:Prometheus</c>). Without an exporter nothing listens and the hot path pays nothing.
/// </summary>
internal static class HostTelemetry
{
    /// <summary>The <c>service.name</c> of the resource (<c>OTEL_SERVICE_NAME</c> still overrides it).</summary>
    public const string ServiceName = "tma-host";

    public static TelemetrySettings Add(WebApplicationBuilder builder)
    {
        var settings = TelemetrySettings.Read(builder.Configuration);
        if (settings.OtlpEndpoint is { } endpoint)
        {
            // The Tma key is an alias of the standard variable, so the exporter appends the signal paths itself
            // (/v1/traces, /v1/metrics for http/protobuf) exactly as it does for OTEL_EXPORTER_OTLP_ENDPOINT.
            builder.Configuration.AddInMemoryCollection([new(TelemetrySettings.OtlpEndpointVariable, endpoint)]);
        }

        var services = builder.Services;
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .ConfigureResource(Describe)
            .AddAspNetCoreInstrumentation(HttpSpanPrivacy.Configure)
            .AddSource(TmaScoringTelemetry.ActivitySourceName, CaseStoreTelemetry.ActivitySourceName)
            // Npgsql records the command text (parameterised by the store) and never parameter values.
            .AddNpgsql());
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .ConfigureResource(Describe)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(TmaScoringTelemetry.MeterName, CaseStoreTelemetry.MeterName, HostMetrics.MeterName)
            .AddNpgsqlInstrumentation());

        // Sampling follows OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG (the SDK reads them; no sampler is set here).
        if (settings.ExportTraces)
        {
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddOtlpExporter());
        }

        if (settings.ExportMetrics || settings.Prometheus)
        {
            services.AddOpenTelemetry().WithMetrics(metrics =>
            {
                if (settings.ExportMetrics)
                {
                    metrics.AddOtlpExporter();
                }

                if (settings.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        }

        return settings;
    }

    /// <summary>
    /// Serves <c>/metrics</c> when the Prometheus endpoint is on: as middleware ahead of the request log (a scrape every
    /// few seconds is not worth a log line) and outside the API's endpoints (so it is not in the OpenAPI document);
    /// with <see cref="TelemetrySettings.PrometheusPort"/> only on connections to that local port.
    /// </summary>
    public static void UsePrometheus(WebApplication app, TelemetrySettings settings)
    {
        if (!settings.Prometheus)
        {
            return;
        }

        var port = settings.PrometheusPort;
        app.UseOpenTelemetryPrometheusScrapingEndpoint(http =>
            http.Request.Path.Equals(TelemetrySettings.PrometheusPath, StringComparison.Ordinal)
            && HttpMethods.IsGet(http.Request.Method)
            && (port is null || http.Connection.LocalPort == port));
        app.Logger.LogInformation(
            "Prometheus metrics at {Path} ({Where}); keep it off the public ingress",
            TelemetrySettings.PrometheusPath,
            port is { } p ? $"local port {p.ToString(System.Globalization.CultureInfo.InvariantCulture)} only" : "on every listener");
    }

    private static void Describe(ResourceBuilder resource) => resource
        .AddService(ServiceName, serviceVersion: EngineInfo.Version.ToString())
        // The standard variables (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES) win over the defaults above.
        .AddEnvironmentVariableDetector();
}
