using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tma.Host;

/// <summary>
/// The health endpoints on ASP.NET Core health checks: <c>/health</c> is liveness (the process answers, no check
/// runs), <c>/ready</c> runs the readiness checks (store, key provider, models) and answers 503 when one fails. The
/// body names each check and its status, never a case, a key or a path.
/// </summary>
internal static class HealthResponses
{
    public const string ReadyTag = "ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(WebApplication app)
    {
        // Route handlers over HealthCheckService (rather than MapHealthChecks) so that both stay in the OpenAPI document.
        app.MapGet("/health", () => Results.Ok(new { status = "alive" }))
            .WithName("Health").WithSummary("Liveness: the process answers (no check runs).").AllowAnonymous().DisableRateLimiting();
        app.MapGet("/ready", async (HealthCheckService health, HttpContext http, CancellationToken ct) =>
        {
            var report = await health.CheckHealthAsync(check => check.Tags.Contains(ReadyTag), ct).ConfigureAwait(false);
            http.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            await WriteReadiness(http, report).ConfigureAwait(false);
        }).WithName("Ready").WithSummary("Readiness: the store, key-provider and models checks; 503 when one fails.").AllowAnonymous().DisableRateLimiting();
    }

    private static Task WriteReadiness(HttpContext http, HealthReport report)
    {
        bool Healthy(string name) => report.Entries.TryGetValue(name, out var entry) && entry.Status == HealthStatus.Healthy;
        var models = report.Entries.TryGetValue("models", out var m) && m.Data.TryGetValue("count", out var count) ? (int)count : 0;
        var body = new
        {
            status = report.Status == HealthStatus.Unhealthy ? "not-ready" : "ready",
            store = Healthy("store"),
            keys = Healthy("keys"),
            models,
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        };
        return http.Response.WriteAsJsonAsync(body, Json);
    }
}
