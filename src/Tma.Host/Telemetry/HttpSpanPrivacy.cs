using System.Diagnostics;
using Microsoft.AspNetCore.Routing.Patterns;
using OpenTelemetry.Instrumentation.AspNetCore;

namespace Tma.Host;

/// <summary>
/// Keeps ASP.NET Core server spans free of personal data: a span is named and tagged by the route template
/// (<c>POST /v1/cases/{caseId:guid}/assessments</c>), never by the path with its ids, the query, the caller's address
/// or user agent. Probes and scrapes (<c>/health</c>, <c>/ready</c>, <c>/metrics</c>) are not traced at all.
/// </summary>
internal static class HttpSpanPrivacy
{
    /// <summary>Tags the instrumentation (or ASP.NET Core itself) may set that can carry ids, values or a person's address.</summary>
    private static readonly string[] Removed =
    [
        "url.path", "url.query", "url.full", "client.address", "client.port", "network.peer.address", "network.peer.port",
        "user_agent.original", "http.request.header.authorization",
    ];

    public static void Configure(AspNetCoreTraceInstrumentationOptions options)
    {
        options.RecordException = false; // messages may carry case data; error.type names the exception type
        options.Filter = static http => !IsProbe(http.Request.Path);
        options.EnrichWithHttpResponse = static (activity, response) => Scrub(activity, response.HttpContext);
    }

    /// <summary>Leaves the route template as the only trace of the path.</summary>
    internal static void Scrub(Activity activity, HttpContext http)
    {
        foreach (var tag in Removed)
        {
            activity.SetTag(tag, null);
        }

        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern is RoutePattern pattern ? "/" + pattern.RawText?.TrimStart('/') : null;
        activity.SetTag("http.route", route);
        activity.DisplayName = route is null ? http.Request.Method : http.Request.Method + " " + route;
    }

    private static bool IsProbe(PathString path) =>
        path.Equals("/health", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/ready", StringComparison.OrdinalIgnoreCase)
        || path.Equals(TelemetrySettings.PrometheusPath, StringComparison.OrdinalIgnoreCase);
}
