using System.Diagnostics;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Tma.Host;

/// <summary>
/// One log line per request without personal data: the method, the route template (<c>/v1/cases/{caseId}</c>, never
/// the path with its ids or the query), the status and the duration. Who did what to which case is the audit log's
/// job, where it is access-controlled and hash-chained; the operational log carries none of it.
/// </summary>
internal static partial class RequestLogging
{
    public const string Category = "Tma.Host.Requests";

    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        var time = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use(async (http, next) =>
        {
            var started = time.GetTimestamp();
            try
            {
                await next(http).ConfigureAwait(false);
            }
            finally
            {
                var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern is RoutePattern pattern ? "/" + pattern.RawText?.TrimStart('/') : "(no route)";
                Served(logger, http.Request.Method, route, http.Response.StatusCode, time.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Route} answered {Status} in {ElapsedMs:0.0} ms")]
    private static partial void Served(ILogger logger, string method, string route, int status, double elapsedMs);
}
