namespace Tma.Host;

/// <summary>
/// Where telemetry goes (configuration section <c>Tma:Telemetry</c> and the standard <c>OTEL_*</c> variables). Read
/// once while the host is built, because they decide whether the OpenTelemetry providers exist at all: with no
/// exporter configured nothing listens to the host's activity sources and meters, and recording costs next to nothing.
/// </summary>
internal sealed record TelemetrySettings
{
    /// <summary>The standard variable naming the OTLP endpoint of every signal.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard variable naming the OTLP endpoint of traces only.</summary>
    public const string OtlpTracesEndpointVariable = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";

    /// <summary>The standard variable naming the OTLP endpoint of metrics only.</summary>
    public const string OtlpMetricsEndpointVariable = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";

    /// <summary>The path of the Prometheus scrape endpoint.</summary>
    public const string PrometheusPath = "/metrics";

    /// <summary>The OTLP endpoint from <c>Tma:Telemetry:Otlp:Endpoint</c>; it takes the place of <see cref="OtlpEndpointVariable"/>.</summary>
    public string? OtlpEndpoint { get; init; }

    /// <summary>Whether traces go to an OTLP collector (an endpoint for all signals or for traces is configured).</summary>
    public bool ExportTraces { get; init; }

    /// <summary>Whether metrics go to an OTLP collector.</summary>
    public bool ExportMetrics { get; init; }

    /// <summary>Whether <c>/metrics</c> serves Prometheus text (<c>Tma:Telemetry:Prometheus</c>, default false).</summary>
    public bool Prometheus { get; init; }

    /// <summary>
    /// The local port on which <c>/metrics</c> answers (<c>Tma:Telemetry:PrometheusPort</c>); null answers on every
    /// listener. The port is compared with the connection's local port, not the Host header, which a client chooses.
    /// </summary>
    public int? PrometheusPort { get; init; }

    /// <summary>Problems found while reading the settings.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Reads the settings from the final configuration (which includes the environment).</summary>
    public static TelemetrySettings Read(IConfiguration configuration)
    {
        var problems = new List<string>();
        var section = configuration.GetSection("Tma:Telemetry");
        var endpoint = section["Otlp:Endpoint"] is { Length: > 0 } configured ? configured : null;
        if (endpoint is not null && !IsHttpUri(endpoint))
        {
            problems.Add($"telemetry: Tma:Telemetry:Otlp:Endpoint `{endpoint}` is not an absolute http:// or https:// URL");
        }

        var prometheus = false;
        if (section["Prometheus"] is { Length: > 0 } text && !bool.TryParse(text, out prometheus))
        {
            problems.Add($"telemetry: Tma:Telemetry:Prometheus `{text}` is neither true nor false");
        }

        int? port = null;
        if (section["PrometheusPort"] is { Length: > 0 } portText)
        {
            if (int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535)
            {
                port = number;
            }
            else
            {
                problems.Add($"telemetry: Tma:Telemetry:PrometheusPort `{portText}` is not a port number (1-65535)");
            }

            if (!prometheus)
            {
                problems.Add("telemetry: Tma:Telemetry:PrometheusPort is set but Tma:Telemetry:Prometheus is not true");
            }
        }

        bool Set(string key) => !string.IsNullOrWhiteSpace(configuration[key]);
        var all = endpoint is not null || Set(OtlpEndpointVariable);
        return new TelemetrySettings
        {
            OtlpEndpoint = endpoint,
            ExportTraces = all || Set(OtlpTracesEndpointVariable),
            ExportMetrics = all || Set(OtlpMetricsEndpointVariable),
            Prometheus = prometheus,
            PrometheusPort = port,
            Problems = problems,
        };
    }

    private static bool IsHttpUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
