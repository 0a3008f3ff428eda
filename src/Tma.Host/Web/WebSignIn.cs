using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Tma.CaseStore;

namespace Tma.Host;

/// <summary>
/// Sign-in of the web UI. The browser never holds a token: signing in (with a development token, or OpenID Connect)
/// creates an HttpOnly, SameSite=Strict session cookie that carries only the caller's user, tenant and TMA role,
/// mapped by <c>Tma:Claims</c> exactly like a bearer token's. Every <c>/v1</c> endpoint accepts the bearer token (an
/// <c>Authorization: Bearer</c> header) or the session; with the session, unsafe methods must carry <c>X-TMA-UI: 1</c>.
/// </summary>
internal static class WebSignIn
{
    /// <summary>Where the sign-in endpoints are.</summary>
    public const string Path = "/auth";

    /// <summary>The default scheme: the bearer handler when the request has a bearer header, else the session cookie.</summary>
    public const string Scheme = "tma";

    /// <summary>The session cookie's scheme.</summary>
    public const string CookieScheme = "tma-session";

    /// <summary>The OpenID Connect scheme (registered only when <c>Tma:Oidc:Authority</c> is set).</summary>
    public const string OidcScheme = "tma-oidc";

    /// <summary>Where the identity provider sends the browser back to (register <c>https://&lt;host&gt;/auth/oidc/callback</c> there).</summary>
    public const string OidcCallbackPath = "/auth/oidc/callback";

    /// <summary>The header every unsafe request made with the session must carry (value <c>1</c>).</summary>
    public const string UiHeader = "X-TMA-UI";

    /// <summary>A session ends after this long without a request (sliding).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however active.</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(10);

    /// <summary>The cookie's name: <c>__Host-tma</c> on https (bound to this host, Secure, path /), <c>tma</c> on plain http.</summary>
    public static string CookieName(HttpContext http) => http.Request.IsHttps ? "__Host-tma" : "tma";

    internal const string SignedInItem = ".tma.signed-in";
    private const string DevelopmentTokenItem = "tma.development-token";
    internal const string UnauthorizedDetail = "A valid bearer token is required.";

    /// <summary>The policy scheme, the session cookie and the keys that protect it.</summary>
    public static void Add(AuthenticationBuilder authentication, bool oidc)
    {
        authentication.AddPolicyScheme(Scheme, "Bearer token or web session", policy => policy.ForwardDefaultSelector = http =>
            http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? JwtBearerDefaults.AuthenticationScheme
                : CookieScheme);
        authentication.AddCookie(CookieScheme, cookie =>
        {
            cookie.Cookie.Name = "tma";
            cookie.CookieManager = new SessionCookieManager();
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Path = "/";
            cookie.Cookie.IsEssential = true;
            cookie.ExpireTimeSpan = IdleTimeout;
            cookie.SlidingExpiration = true;
            cookie.Events = new CookieAuthenticationEvents
            {
                // The API never redirects to a login page: a missing or expired session is the usual 401 problem.
                OnRedirectToLogin = context => Problems.Of(StatusCodes.Status401Unauthorized, "unauthorized", UnauthorizedDetail).ExecuteAsync(context.HttpContext),
                OnRedirectToAccessDenied = context => Problems.Of(StatusCodes.Status403Forbidden, "forbidden", "The caller may not do this.").ExecuteAsync(context.HttpContext),
                OnRedirectToLogout = _ => Task.CompletedTask,
                OnRedirectToReturnUrl = _ => Task.CompletedTask,
                OnValidatePrincipal = ValidateSessionAsync,
            };
        });
        authentication.Services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<TimeProvider>((cookie, time) => cookie.TimeProvider = time);
        if (oidc)
        {
            authentication.AddOpenIdConnect(OidcScheme, "OpenID Connect", _ => { });
            authentication.Services.AddOptions<OpenIdConnectOptions>(OidcScheme).Configure<HostSettings>(ConfigureOidc);
        }

        // Several instances behind a load balancer must read each other's cookies: the keys live in one folder (a
        // shared volume in production, next to the store by default) under one application name.
        authentication.Services.AddDataProtection().SetApplicationName("tma");
        authentication.Services.AddOptions<KeyManagementOptions>().Configure<HostSettings, ILoggerFactory>((keys, settings, logs) =>
        {
            // A folder the host creates is its user's only; an existing (shared) one keeps the permissions it was given.
            var created = !Directory.Exists(settings.EffectiveDataProtectionKeys);
            var folder = Directory.CreateDirectory(settings.EffectiveDataProtectionKeys);
            if (created && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            keys.XmlRepository = new FileSystemXmlRepository(folder, logs);
        });
    }

    // Authorization code flow with PKCE; the id_token's claims only (no user-info call), no tokens kept.
    private static void ConfigureOidc(OpenIdConnectOptions oidc, HostSettings settings)
    {
        oidc.Authority = settings.Oidc.Authority;
        oidc.ClientId = settings.Oidc.ClientId;
        oidc.ClientSecret = settings.Oidc.EffectiveClientSecret;
        oidc.RequireHttpsMetadata = !settings.Development;
        oidc.ResponseType = "code";
        // The code comes back in the query of a top-level GET, so the correlation and nonce cookies can be SameSite=Lax.
        oidc.ResponseMode = "query";
        oidc.UsePkce = true;
        oidc.SaveTokens = false;
        oidc.GetClaimsFromUserInfoEndpoint = false;
        oidc.MapInboundClaims = false;
        oidc.SignInScheme = CookieScheme;
        oidc.CallbackPath = OidcCallbackPath;
        oidc.Scope.Clear();
        foreach (var scope in settings.Oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            oidc.Scope.Add(scope);
        }

        foreach (var cookie in new[] { oidc.CorrelationCookie, oidc.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.HttpOnly = true;
        }

        oidc.TokenValidationParameters.NameClaimType = settings.Claims.User;
        oidc.TokenValidationParameters.RoleClaimType = settings.Claims.Role;
        oidc.Events = new OpenIdConnectEvents
        {
            // The id_token's claims become a session principal exactly like a bearer token's; an account without a
            // user, a tenant and exactly one TMA role gets no session.
            OnTokenValidated = async context =>
            {
                if (context.Principal is null || CallerClaims.From(context.Principal, settings.Claims) is not { } caller)
                {
                    context.HandleResponse();
                    await Problems.Of(StatusCodes.Status403Forbidden, "incomplete-token",
                        "The account has no TMA role: the identity provider's token does not carry a user, a tenant and exactly one TMA role (see Tma:Claims in docs/host-api.md). Ask the administrator of the identity provider to assign one.")
                        .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
                    return;
                }

                context.Principal = Principal(caller, settings.Claims);
                var properties = context.Properties ??= new AuthenticationProperties();
                properties.IsPersistent = false;
                properties.Items[SignedInItem] = Properties(context.HttpContext).Items[SignedInItem];
            },
            // A refused or broken sign-in (cancelled, expired state, provider error): a problem, no details of why.
            OnRemoteFailure = async context =>
            {
                context.HandleResponse();
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tma.Host.SignIn")
                    .LogWarning("OpenID Connect sign-in failed: {ExceptionType}", context.Failure?.GetType().Name);
                await Problems.Of(StatusCodes.Status401Unauthorized, "sign-in-failed", "The sign-in with the identity provider did not complete; start again from the web UI.")
                    .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            },
        };
    }

    /// <summary>The bearer handler's hook: on <c>POST /auth/development</c> the token comes from the body, not a header.</summary>
    public static Task ReadDevelopmentToken(Microsoft.AspNetCore.Authentication.JwtBearer.MessageReceivedContext context)
    {
        if (context.HttpContext.Items.TryGetValue(DevelopmentTokenItem, out var token) && token is string { Length: > 0 } text)
        {
            context.Token = text;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Refuses unsafe <c>/v1</c> requests made with the session cookie but without <c>X-TMA-UI: 1</c> (403 <c>csrf</c>):
    /// a page of another site can make the browser send the cookie, but not that header (CORS is closed by default).
    /// </summary>
    public static IApplicationBuilder UseCsrfCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/v1")
            && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
            && context.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieScheme }
            && !string.Equals(request.Headers[UiHeader].ToString(), "1", StringComparison.Ordinal))
        {
            await Problems.Of(StatusCodes.Status403Forbidden, "csrf", $"A request with the web session must carry the header {UiHeader}: 1.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    });

    /// <summary>The sign-in endpoints (anonymous; not part of the OpenAPI document) and <c>GET /v1/me</c>.</summary>
    public static void Map(IEndpointRouteBuilder app, RouteGroupBuilder api, HostSettings settings)
    {
        var auth = app.MapGroup(Path).AllowAnonymous().ExcludeFromDescription().RequireRateLimiting(TmaHostApp.RateLimitPolicy);

        auth.MapGet("/options", () => TypedResults.Ok(new SignInOptions(settings.Oidc.Enabled, settings.Development)));

        if (settings.Oidc.Enabled)
        {
            // The challenge: a redirect to the provider's authorize endpoint; after the callback, back to the UI.
            auth.MapGet("/oidc/signin", (HttpContext http) =>
                TypedResults.Challenge(new AuthenticationProperties { RedirectUri = WebUi.Path + "/" }, [OidcScheme]));
        }

        if (settings.Development)
        {
            auth.MapPost("/development", SignInWithDevelopmentTokenAsync);
        }

        auth.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieScheme).ConfigureAwait(false);
            return TypedResults.NoContent();
        });

        api.MapGet("/me", (HttpContext http) =>
        {
            var caller = http.Caller();
            return TypedResults.Ok(new MeResponse(caller.UserId, caller.TenantId, caller.Role));
        }).WithName("GetMe").WithSummary("Who the caller is: user, tenant and TMA role (any role).");
    }

    /// <summary>
    /// Validates the token by the bearer handler itself (the same parameters, keys and issuer, the authority's when
    /// there is one), maps its claims like a bearer token's, and signs in with a session holding only those.
    /// </summary>
    private static async Task<IResult> SignInWithDevelopmentTokenAsync(DevelopmentSignInRequest body, HttpContext http)
    {
        if (http.Request.Headers.Authorization.Count > 0)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "bad-request", "Send the token in the body (`token`), not in an Authorization header.");
        }

        http.Items[DevelopmentTokenItem] = body.Token;
        var result = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme).ConfigureAwait(false);
        http.Items.Remove(DevelopmentTokenItem);
        if (!result.Succeeded || result.Principal is null)
        {
            return Problems.Of(StatusCodes.Status401Unauthorized, "unauthorized", "The token is not valid (signature, issuer, audience or lifetime).");
        }

        var settings = http.RequestServices.GetRequiredService<HostSettings>();
        if (CallerClaims.From(result.Principal, settings.Claims) is not { } caller)
        {
            return Problems.Of(StatusCodes.Status403Forbidden, "incomplete-token", new IncompleteTokenException().Message);
        }

        await SignInAsync(http, caller, settings.Claims).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>Starts a session for <paramref name="caller"/>.</summary>
    public static Task SignInAsync(HttpContext http, Caller caller, ClaimMapping claims) =>
        http.SignInAsync(CookieScheme, Principal(caller, claims), Properties(http));

    /// <summary>The session's ticket properties: a browser-session cookie that remembers when the session began.</summary>
    public static AuthenticationProperties Properties(HttpContext http) => new()
    {
        IsPersistent = false,
        Items = { [SignedInItem] = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
    };

    /// <summary>
    /// The principal of a session: only the user, the tenant and the TMA role, under the claim names of the mapping so
    /// that the API reads a session exactly like a bearer token.
    /// </summary>
    public static ClaimsPrincipal Principal(Caller caller, ClaimMapping claims)
    {
        var identity = new ClaimsIdentity(CookieScheme, claims.User, claims.Role);
        identity.AddClaim(new Claim(claims.User, caller.UserId));
        identity.AddClaim(new Claim(claims.Tenant, caller.TenantId));
        identity.AddClaim(new Claim(claims.Role, TokenIssuer.RoleName(caller.Role)));
        return new ClaimsPrincipal(identity);
    }

    // Sliding renewal keeps an active session alive; the absolute cap ends it 10 h after sign-in regardless.
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (context.Properties.Items.TryGetValue(SignedInItem, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedIn)
            && now - signedIn <= AbsoluteLifetime
            && signedIn <= now + TimeSpan.FromMinutes(5))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieScheme).ConfigureAwait(false);
    }

    /// <summary>Reads and writes the session cookie under the name that fits the request (<see cref="CookieName"/>).</summary>
    private sealed class SessionCookieManager : ICookieManager
    {
        private readonly ChunkingCookieManager _inner = new();

        public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, CookieName(context));

        public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
            _inner.AppendResponseCookie(context, CookieName(context), value, options);

        public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
            _inner.DeleteCookie(context, CookieName(context), options);
    }
}

/// <summary>Body of <c>POST /auth/development</c>: a token <c>tma token</c> printed.</summary>
internal sealed record DevelopmentSignInRequest(string Token);

/// <summary>Which sign-ins the host offers (<c>GET /auth/options</c>).</summary>
internal sealed record SignInOptions(bool Oidc, bool Development);

/// <summary>The caller (<c>GET /v1/me</c>): user id, tenant and TMA role.</summary>
public sealed record MeResponse(string UserId, string TenantId, CallerRole Role);
