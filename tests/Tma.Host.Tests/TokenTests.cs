using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>Only a current, correctly signed ES256 token for this audience and issuer gets in.</summary>
public sealed class TokenTests(HostFixture host) : IClassFixture<HostFixture>
{
    public static TheoryData<string> Protected() => ["/v1/cases", "/v1/packages", "/v1/audit", "/v1/audit/verify"];

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task Without_a_token_every_api_endpoint_answers_401_with_a_problem(string path)
    {
        using var client = host.Client();

        using var response = await client.GetAsync(path);

        await AssertUnauthorized(response);
    }

    [Fact]
    public async Task Health_and_readiness_need_no_token()
    {
        using var client = host.Client();

        var health = await HostFixture.Read(await client.GetAsync("/health"));
        var ready = await HostFixture.Read(await client.GetAsync("/ready"));

        Assert.Equal("alive", health.GetProperty("status").GetString());
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.True(ready.GetProperty("models").GetInt32() >= 4);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var token = host.Token(host.Manager(), TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(-2));

        await AssertUnauthorized(await Send(token));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var otherKey = TokenIssuer.LoadKey(TokenIssuer.NewSigningKeyPem());
        var token = TokenIssuer.Issue(otherKey, host.Manager(), DateTimeOffset.UtcNow.AddSeconds(-5), TimeSpan.FromMinutes(10));

        await AssertUnauthorized(await Send(token));
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_refused()
    {
        static string Part(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = Part(new { alg = "none", typ = "JWT" }) + "." + Part(new { sub = "manager-1", tid = host.TenantA, role = "case_manager", iss = TokenIssuer.DefaultIssuer, aud = TokenIssuer.DefaultAudience, nbf = now - 5, exp = now + 600 }) + ".";

        await AssertUnauthorized(await Send(token));
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var token = TokenIssuer.Issue(host.SigningKey, host.Manager(), DateTimeOffset.UtcNow.AddSeconds(-5), TimeSpan.FromMinutes(10), audience: "another-api");

        await AssertUnauthorized(await Send(token));
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var token = host.Token(host.Manager());
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].Replace('-', '+').Replace('_', '/') + new string('=', (4 - (parts[1].Length % 4)) % 4)));
        var forged = payload.Replace("case_manager", "administrator", StringComparison.Ordinal);
        parts[1] = Convert.ToBase64String(Encoding.UTF8.GetBytes(forged)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        await AssertUnauthorized(await Send(string.Join('.', parts)));
    }

    [Fact]
    public async Task A_valid_token_without_tenant_and_role_claims_is_forbidden()
    {
        var token = TokenIssuer.Issue(host.SigningKey, new Caller("x", "tenant-a", CallerRole.CaseManager), DateTimeOffset.UtcNow.AddSeconds(-5), TimeSpan.FromMinutes(10));
        using var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var ok = await client.GetAsync("/v1/cases");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    private async Task<HttpResponseMessage> Send(string token)
    {
        using var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/v1/cases");
    }

    private static async Task AssertUnauthorized(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unauthorized", body.GetProperty("code").GetString());
        response.Dispose();
    }
}
