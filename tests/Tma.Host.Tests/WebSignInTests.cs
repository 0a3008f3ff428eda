using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>The web UI's session on SQLite.</summary>
public sealed class WebSignInTests(HostFixture host) : WebSignInContract<HostFixture>(host)
{
    /// <summary>Signs in with a development token and returns the session cookie (name=value).</summary>
    internal static async Task<string> SignInAsync(HostFixture host, Caller caller)
    {
        using var client = host.Client();
        using var response = await client.PostAsJsonAsync("/auth/development", new { token = host.Token(caller) });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return cookie.Split(';')[0];
    }

    internal static HttpClient Session(HostFixture host, string cookie, bool ui = true)
    {
        var client = host.Client();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        if (ui)
        {
            client.DefaultRequestHeaders.Add("X-TMA-UI", "1");
        }

        return client;
    }
}

/// <summary>The web UI's session on PostgreSQL (skipped locally without TMA_TEST_POSTGRES; required in CI).</summary>
public sealed class PostgresWebSignInTests(PostgresHostFixture host) : WebSignInContract<PostgresHostFixture>(host);

/// <summary>The web UI's session: development sign-in, the cookie on /v1 with the CSRF header, sign-out, /v1/me.</summary>
public abstract class WebSignInContract<TFixture>(TFixture host) : IClassFixture<TFixture>
    where TFixture : HostFixture
{
    private static Task<string> SignInAsync(HostFixture host, Caller caller) => WebSignInTests.SignInAsync(host, caller);

    private static HttpClient Session(HostFixture host, string cookie, bool ui = true) => WebSignInTests.Session(host, cookie, ui);

    [SkippableFact]
    public async Task A_development_token_signs_in_with_an_httponly_strict_cookie()
    {
        await host.EnsureStartedAsync();
        using var client = host.Client();
        using var response = await client.PostAsJsonAsync("/auth/development", new { token = host.Token(host.Manager()) });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("tma=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task On_https_the_cookie_is_a_secure_host_cookie()
    {
        await host.EnsureStartedAsync();
        using var client = host.Client();
        client.BaseAddress = new Uri("https://localhost/");
        using var response = await client.PostAsJsonAsync("/auth/development", new { token = host.Token(host.Manager()) });
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__Host-tma=", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);

        using var session = Session(host, cookie.Split(';')[0]);
        session.BaseAddress = new Uri("https://localhost/");
        var me = await HostFixture.Read(await session.GetAsync("/v1/me"));
        Assert.Equal("case_manager", me.GetProperty("role").GetString());
    }

    [SkippableTheory]
    [InlineData(CallerRole.CaseManager, "case_manager")]
    [InlineData(CallerRole.Expert, "expert")]
    [InlineData(CallerRole.Auditor, "auditor")]
    [InlineData(CallerRole.Researcher, "researcher")]
    [InlineData(CallerRole.Administrator, "administrator")]
    public async Task Me_names_the_caller_of_a_session_and_of_a_bearer_token(CallerRole role, string name)
    {
        await host.EnsureStartedAsync();
        var caller = new Caller("user-" + name, host.TenantA, role);
        using var session = Session(host, await SignInAsync(host, caller));
        using var bearer = host.Client(caller);
        foreach (var client in new[] { session, bearer })
        {
            var me = await HostFixture.Read(await client.GetAsync("/v1/me"));
            Assert.Equal("user-" + name, me.GetProperty("userId").GetString());
            Assert.Equal(host.TenantA, me.GetProperty("tenantId").GetString());
            Assert.Equal(name, me.GetProperty("role").GetString());
        }
    }

    [SkippableFact]
    public async Task Writes_with_the_session_need_the_ui_header()
    {
        await host.EnsureStartedAsync();
        var cookie = await SignInAsync(host, host.Manager());
        var body = new { subjectReference = "web-ref-1", category = "violence", retainUntil = "2031-01-01T00:00:00Z" };
        using (var withoutHeader = Session(host, cookie, ui: false))
        {
            using var refused = await withoutHeader.PostAsJsonAsync("/v1/cases", body, HostFixture.Json);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("csrf", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
            // Reads need no header.
            Assert.Equal(HttpStatusCode.OK, (await withoutHeader.GetAsync("/v1/cases")).StatusCode);
        }

        using var withHeader = Session(host, cookie);
        using var created = await withHeader.PostAsJsonAsync("/v1/cases", body, HostFixture.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [SkippableFact]
    public async Task A_bad_token_is_refused_with_a_401_problem_and_no_cookie()
    {
        await host.EnsureStartedAsync();
        var other = TokenIssuer.LoadKey(TokenIssuer.NewSigningKeyPem());
        var expired = host.Token(host.Manager(), TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(-1));
        var foreign = TokenIssuer.Issue(other, host.Manager(), DateTimeOffset.UtcNow.AddSeconds(-5), TimeSpan.FromMinutes(30));
        foreach (var token in new[] { "not-a-token", expired, foreign, "" })
        {
            using var client = host.Client();
            using var response = await client.PostAsJsonAsync("/auth/development", new { token });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"));
            Assert.Equal("unauthorized", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        }
    }

    [SkippableFact]
    public async Task Without_a_session_the_api_answers_the_usual_401_problem()
    {
        await host.EnsureStartedAsync();
        using var anonymous = host.Client();
        using var response = await anonymous.GetAsync("/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("unauthorized", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());

        using var forged = Session(host, "tma=garbage");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/v1/me")).StatusCode);
    }

    [SkippableFact]
    public async Task Sign_out_clears_the_cookie()
    {
        await host.EnsureStartedAsync();
        var cookie = await SignInAsync(host, host.Expert());
        using var session = Session(host, cookie);
        using var response = await session.PostAsync("/auth/signout", null);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cleared = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("tma=;", cleared, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task A_session_of_one_tenant_finds_no_case_of_another()
    {
        await host.EnsureStartedAsync();
        var (id, _, _) = await host.FilledCaseAsync();
        using var otherTenant = Session(host, await SignInAsync(host, host.Manager(host.TenantB)));
        using var response = await otherTenant.GetAsync($"/v1/cases/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var own = Session(host, await SignInAsync(host, host.Manager()));
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/v1/cases/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task A_bearer_token_needs_no_ui_header_and_wins_over_a_cookie()
    {
        await host.EnsureStartedAsync();
        var auditorCookie = await SignInAsync(host, host.Auditor());
        using var client = host.Client(host.Manager());
        client.DefaultRequestHeaders.Add("Cookie", auditorCookie);
        using var created = await client.PostAsJsonAsync("/v1/cases", new { subjectReference = "web-ref-2", category = "violence", retainUntil = "2031-01-01T00:00:00Z" }, HostFixture.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var me = await HostFixture.Read(await client.GetAsync("/v1/me"));
        Assert.Equal("case_manager", me.GetProperty("role").GetString());
    }

    [SkippableFact]
    public async Task A_token_without_a_tma_role_signs_nobody_in()
    {
        await host.EnsureStartedAsync();
        var token = IssueWithoutRole();
        using var client = host.Client();
        using var response = await client.PostAsJsonAsync("/auth/development", new { token });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("incomplete-token", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    private string IssueWithoutRole() => new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
    {
        Issuer = TokenIssuer.DefaultIssuer,
        Audience = TokenIssuer.DefaultAudience,
        Expires = DateTime.UtcNow.AddMinutes(5),
        Claims = new Dictionary<string, object> { ["sub"] = "someone", ["tid"] = host.TenantA },
        SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(host.SigningKey, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.EcdsaSha256),
    });

    [SkippableTheory]
    [InlineData(-1, 0)]     // idle: the 30 minutes have passed
    [InlineData(20, 11)]    // active, but signed in 11 hours ago: past the absolute cap
    public async Task An_expired_session_is_the_usual_401_and_is_cleared(int expiresInMinutes, int signedInHoursAgo)
    {
        await host.EnsureStartedAsync();
        var now = DateTimeOffset.UtcNow;
        var properties = new AuthenticationProperties
        {
            IssuedUtc = now.AddMinutes(expiresInMinutes - 30),
            ExpiresUtc = now.AddMinutes(expiresInMinutes),
            Items = { [WebSignIn.SignedInItem] = now.AddHours(-signedInHoursAgo).ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
        };
        var ticket = new AuthenticationTicket(WebSignIn.Principal(host.Manager(), new ClaimMapping()), properties, WebSignIn.CookieScheme);
        var cookie = "tma=" + host.App.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(WebSignIn.CookieScheme).TicketDataFormat.Protect(ticket);

        using var session = Session(host, cookie);
        using var response = await session.GetAsync("/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());

        // The same ticket within both limits is a valid session.
        properties.ExpiresUtc = now.AddMinutes(20);
        properties.Items[WebSignIn.SignedInItem] = now.AddHours(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var fresh = "tma=" + host.App.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(WebSignIn.CookieScheme).TicketDataFormat.Protect(ticket);
        using var valid = Session(host, fresh);
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync("/v1/me")).StatusCode);
    }
}
