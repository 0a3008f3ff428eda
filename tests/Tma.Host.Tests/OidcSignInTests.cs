using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>
/// A host with OpenID Connect sign-in against a test identity provider that never touches the network: its metadata is
/// set on the handler's options and its token endpoint is a stub back-channel that signs id_tokens with a local key.
/// The provider's role value <c>TMA.Manager</c> is mapped to case_manager by Tma:Claims.
/// </summary>
public sealed class OidcHostFixture : HostFixture
{
    public const string Authority = "https://idp.example.org";
    public const string ClientId = "tma-web";

    public TestIdentityProvider Provider { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Tma:Oidc:Authority"] = Authority,
        ["Tma:Oidc:ClientId"] = ClientId,
        ["Tma:Oidc:ClientSecret"] = "client-secret",
        ["Tma:Claims:Roles:case_manager"] = "TMA.Manager",
    };

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Services.Configure<OpenIdConnectOptions>(WebSignIn.OidcScheme, oidc =>
        {
            oidc.Configuration = Provider.Configuration;
            oidc.Backchannel = new HttpClient(Provider);
        });
}

/// <summary>The identity provider of the tests: metadata, a signing key, and a token endpoint that checks PKCE.</summary>
public sealed class TestIdentityProvider : HttpMessageHandler
{
    private readonly ECDsaSecurityKey _key = TokenIssuer.LoadKey(TokenIssuer.NewSigningKeyPem());

    public TestIdentityProvider()
    {
        Configuration = new OpenIdConnectConfiguration
        {
            Issuer = OidcHostFixture.Authority,
            AuthorizationEndpoint = OidcHostFixture.Authority + "/authorize",
            TokenEndpoint = OidcHostFixture.Authority + "/token",
        };
        Configuration.SigningKeys.Add(_key);
    }

    public OpenIdConnectConfiguration Configuration { get; }

    /// <summary>The claims of the next id_token (besides iss, aud, nonce and times).</summary>
    public Dictionary<string, object> Claims { get; set; } = [];

    /// <summary>The nonce and PKCE challenge of the authorize request the next code answers.</summary>
    public string Nonce { get; set; } = "";

    public string CodeChallenge { get; set; } = "";

    /// <summary>The last token request's form.</summary>
    public Dictionary<string, string> LastTokenRequest { get; private set; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Assert.Equal(Configuration.TokenEndpoint, request.RequestUri!.GetLeftPart(UriPartial.Path));
        var form = QueryHelpers.ParseQuery(await request.Content!.ReadAsStringAsync(cancellationToken));
        LastTokenRequest = form.ToDictionary(p => p.Key, p => p.Value.ToString());
        var verifier = LastTokenRequest.GetValueOrDefault("code_verifier", "");
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (LastTokenRequest.GetValueOrDefault("code") != "the-code" || challenge != CodeChallenge)
        {
            return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("""{"error":"invalid_grant"}""", Encoding.UTF8, "application/json") };
        }

        var claims = new Dictionary<string, object>(Claims) { ["nonce"] = Nonce };
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = OidcHostFixture.Authority,
            Audience = OidcHostFixture.ClientId,
            IssuedAt = DateTime.UtcNow.AddSeconds(-5),
            NotBefore = DateTime.UtcNow.AddSeconds(-5),
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.EcdsaSha256),
        });
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["access_token"] = "opaque", ["token_type"] = "Bearer", ["expires_in"] = 300, ["id_token"] = idToken });
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}

/// <summary>OpenID Connect sign-in: challenge with PKCE, callback, claims mapped like a bearer token's, no role → no session.</summary>
public sealed class OidcSignInTests(OidcHostFixture host) : IClassFixture<OidcHostFixture>
{
    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    /// <summary>Runs the browser's part of the flow: sign-in → authorize (simulated) → callback; returns the callback's answer.</summary>
    private async Task<HttpResponseMessage> SignInAsync(Dictionary<string, object> claims)
    {
        using var client = host.Client();
        using var challenge = await client.GetAsync("/auth/oidc/signin");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!;
        var query = QueryHelpers.ParseQuery(location.Query);
        host.Provider.Nonce = query["nonce"].ToString();
        host.Provider.CodeChallenge = query["code_challenge"].ToString();
        host.Provider.Claims = claims;

        using var callback = new HttpRequestMessage(HttpMethod.Get, $"/auth/oidc/callback?code=the-code&state={Uri.EscapeDataString(query["state"].ToString())}");
        callback.Headers.Add("Cookie", Cookies(challenge));
        return await client.SendAsync(callback);
    }

    [Fact]
    public async Task The_sign_in_redirects_to_the_authorize_endpoint_with_pkce()
    {
        using var client = host.Client();
        using var challenge = await client.GetAsync("/auth/oidc/signin");

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!;
        Assert.Equal(OidcHostFixture.Authority + "/authorize", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal(OidcHostFixture.ClientId, query["client_id"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.False(string.IsNullOrEmpty(query["code_challenge"].ToString()));
        Assert.Equal("openid profile", query["scope"].ToString());
        Assert.Equal("http://localhost/auth/oidc/callback", query["redirect_uri"].ToString());
        Assert.Equal(WebUiTests.Csp.Replace("form-action 'self'", "form-action 'self' " + OidcHostFixture.Authority, StringComparison.Ordinal), WebUiTests.Header(challenge, "Content-Security-Policy"));
    }

    [Fact]
    public async Task The_options_offer_oidc()
    {
        using var client = host.Client();
        var options = await HostFixture.Read(await client.GetAsync("/auth/options"));
        Assert.True(options.GetProperty("oidc").GetBoolean());
    }

    [Fact]
    public async Task The_callback_maps_the_id_token_like_a_bearer_token_and_starts_a_session_without_tokens()
    {
        using var callback = await SignInAsync(new() { ["sub"] = "oidc-user-1", ["tid"] = host.TenantA, ["role"] = new[] { "employee", "TMA.Manager" }, ["name"] = "Jane Doe" });

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/app/", callback.Headers.Location?.OriginalString);
        var session = callback.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tma=", StringComparison.Ordinal));
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("client-secret", host.Provider.LastTokenRequest["client_secret"]);

        using var client = WebSignInTests.Session(host, session.Split(';')[0]);
        var me = await HostFixture.Read(await client.GetAsync("/v1/me"));
        Assert.Equal("oidc-user-1", me.GetProperty("userId").GetString());
        Assert.Equal(host.TenantA, me.GetProperty("tenantId").GetString());
        Assert.Equal("case_manager", me.GetProperty("role").GetString());

        // The ticket holds the user, the tenant and the role only: no provider token, no name.
        var ticket = host.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(WebSignIn.CookieScheme).TicketDataFormat.Unprotect(Uri.UnescapeDataString(session.Split(';')[0]["tma=".Length..]))!;
        Assert.Equal(["sub", "tid", "role"], ticket.Principal.Claims.Select(c => c.Type));
        Assert.DoesNotContain(ticket.Properties.Items.Keys, key => key.Contains("token", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("employee")]
    public async Task An_account_without_exactly_one_tma_role_gets_no_session(string? role)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "oidc-user-2", ["tid"] = host.TenantA };
        if (role is not null)
        {
            claims["role"] = role;
        }

        using var callback = await SignInAsync(claims);

        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.DoesNotContain(callback.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("tma=", StringComparison.Ordinal));
        var problem = JsonDocument.Parse(await callback.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("incomplete-token", problem.GetProperty("code").GetString());
        Assert.Contains("no TMA role", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_tma_roles_are_refused_too()
    {
        using var callback = await SignInAsync(new() { ["sub"] = "oidc-user-3", ["tid"] = host.TenantA, ["role"] = new[] { "TMA.Manager", "auditor" } });
        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
    }

    [Fact]
    public async Task A_callback_without_the_flows_cookies_is_a_sign_in_failure()
    {
        using var client = host.Client();
        using var callback = await client.GetAsync("/auth/oidc/callback?code=the-code&state=forged");
        Assert.Equal(HttpStatusCode.Unauthorized, callback.StatusCode);
        Assert.Equal("sign-in-failed", JsonDocument.Parse(await callback.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }
}
