using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Tma.Host;

/// <summary>
/// The web UI: the files of <c>wwwroot/</c>, embedded in this assembly (so <c>tma serve</c> and the packed tool serve
/// them with nothing next to the program), at <c>/app/</c>; <c>GET /</c> redirects there. The pages run under a
/// content security policy that allows only the host's own scripts, styles and connections (<see cref="ContentSecurityPolicy"/>).
/// </summary>
internal static class WebUi
{
    /// <summary>Where the UI is served.</summary>
    public const string Path = "/app";

    /// <summary>
    /// The policy of <c>/app</c> and <c>/auth</c> responses: only the host's own files and API, no inline script or
    /// style, forms posted only to the host and (for OpenID Connect sign-in) the identity provider, never framed.
    /// </summary>
    public static string ContentSecurityPolicy(string? oidcAuthorityOrigin) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
        + "form-action 'self'" + (oidcAuthorityOrigin is null ? "" : " " + oidcAuthorityOrigin)
        + "; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>The embedded files (the build's manifest of <c>wwwroot/**</c>).</summary>
    public static IFileProvider Files { get; } = new ManifestEmbeddedFileProvider(typeof(WebUi).Assembly, "wwwroot");

    /// <summary>Serves <c>/app/</c> (index.html) and <c>/app/&lt;file&gt;</c>, before authentication: the files hold no data.</summary>
    public static IApplicationBuilder UseWebUi(this IApplicationBuilder app)
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".html"] = "text/html; charset=utf-8";
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        types.Mappings[".mjs"] = "text/javascript; charset=utf-8";
        types.Mappings[".css"] = "text/css; charset=utf-8";
        types.Mappings[".json"] = "application/json; charset=utf-8";
        types.Mappings[".svg"] = "image/svg+xml";
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = Files, RequestPath = Path });
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Files,
            RequestPath = Path,
            ContentTypeProvider = types,
            ServeUnknownFileTypes = false,
            // Revalidated on every use (ETag / Last-Modified): a new host version's UI is picked up at once.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
    }

    /// <summary><c>GET /</c> → <c>/app/</c>.</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/", () => Results.Redirect(Path + "/")).ExcludeFromDescription().AllowAnonymous();
}
