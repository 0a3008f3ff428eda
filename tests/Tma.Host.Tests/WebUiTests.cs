using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>The web UI's files: embedded, served at /app/ with their types and the UI's security headers.</summary>
public sealed class WebUiTests(HostFixture host) : IClassFixture<HostFixture>
{
    internal const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    [Fact]
    public async Task The_root_redirects_to_the_app()
    {
        using var client = host.Client();
        using var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/app/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_app_without_its_slash_redirects_to_it()
    {
        using var client = host.Client();
        using var response = await client.GetAsync("/app");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.EndsWith("/app/", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/app/", "text/html; charset=utf-8")]
    [InlineData("/app/index.html", "text/html; charset=utf-8")]
    [InlineData("/app/app.js", "text/javascript; charset=utf-8")]
    [InlineData("/app/app.css", "text/css; charset=utf-8")]
    public async Task The_app_files_are_served_with_their_type_and_the_ui_policy(string path, string type)
    {
        using var client = host.Client();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Csp, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-cache", Header(response, "Cache-Control"));
        Assert.NotNull(response.Headers.ETag);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0);
    }

    [Fact]
    public async Task An_unchanged_file_is_revalidated_with_its_etag()
    {
        using var client = host.Client();
        using var first = await client.GetAsync("/app/app.js");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/app.js");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task A_missing_file_is_a_404_problem_and_the_api_keeps_its_own_policy()
    {
        using var client = host.Client();
        using var missing = await client.GetAsync("/app/no-such-file.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var api = await client.GetAsync("/v1/cases");
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(api, "Content-Security-Policy"));
        Assert.Equal("no-store", Header(api, "Cache-Control"));
    }

    [Fact]
    public async Task The_sign_in_endpoints_carry_the_ui_policy_and_are_never_stored()
    {
        using var client = host.Client();
        using var response = await client.GetAsync("/auth/options");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Csp, Header(response, "Content-Security-Policy"));
        Assert.Equal("no-store", Header(response, "Cache-Control"));
        var options = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(options.GetProperty("oidc").GetBoolean());
        Assert.True(options.GetProperty("development").GetBoolean());
    }

    internal static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";
}
