namespace Tma.Host;

/// <summary>
/// Headers every response carries: the API serves JSON and files, never pages to frame or scripts to run; the web UI
/// (<c>/app</c>, <c>/auth</c>) gets a policy that lets its own scripts and styles run (<see cref="WebUi.ContentSecurityPolicy"/>).
/// </summary>
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
        // The web UI's pages and sign-in: their own policy (scripts, styles and connections of this host only). Its
        // files hold no data and are revalidated on every use; the sign-in answers are never stored.
        if (context.Request.Path.StartsWithSegments(WebUi.Path) || context.Request.Path.StartsWithSegments(WebSignIn.Path))
        {
            headers["Content-Security-Policy"] = WebUi.ContentSecurityPolicy(context.RequestServices.GetRequiredService<HostSettings>().OidcAuthorityOrigin);
            if (context.Request.Path.StartsWithSegments(WebUi.Path))
            {
                headers["Cache-Control"] = "no-cache";
            }
        }

        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        await next(context).ConfigureAwait(false);
    });
}
