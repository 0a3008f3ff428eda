namespace Tma.Host;

/// <summary>Headers every response carries: the API serves JSON and files, never pages to frame or scripts to run.</summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'";
        headers["Cache-Control"] = "no-store";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        await next(context).ConfigureAwait(false);
    });
}
