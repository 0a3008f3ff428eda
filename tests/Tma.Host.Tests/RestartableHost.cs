using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>
/// One host that a test stops and starts again with other settings over the same store file and token key, as an
/// operator does during a key rotation: a folder of its own, a local token key, and callers of every role of tenant
/// <c>acme</c>. Each start takes the settings of that step.
/// </summary>
public sealed class RestartableHost : IDisposable
{
    private readonly string _tokenKey;
    private readonly Microsoft.IdentityModel.Tokens.ECDsaSecurityKey _signingKey;

    public RestartableHost(string name)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory($"tma-{name}-").FullName;
        _tokenKey = Path.Combine(Directory, "token.pem");
        var pem = TokenIssuer.NewSigningKeyPem();
        File.WriteAllText(_tokenKey, pem);
        _signingKey = TokenIssuer.LoadKey(pem);
    }

    /// <summary>The folder of the store file (<c>tma.db</c>) and the test's own files.</summary>
    public string Directory { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>A host over the store file and token key with <paramref name="settings"/> on top (not started).</summary>
    public WebApplication Create(params (string Key, string Value)[] settings) => Create(null, settings);

    /// <summary>As <see cref="Create(ValueTuple{string, string}[])"/>, with the embedding application's own registrations.</summary>
    public WebApplication Create(Action<WebApplicationBuilder>? configure, params (string Key, string Value)[] settings) =>
        TmaHostApp.Create([], builder =>
        {
            configure?.Invoke(builder);
            builder.WebHost.UseTestServer();
            builder.WebHost.UseSetting("Tma:Store", Path.Combine(Directory, "tma.db"));
            builder.WebHost.UseSetting("Tma:TokenKey", _tokenKey);
            builder.WebHost.UseSetting("Tma:Models", Repository.Path("models"));
            builder.WebHost.UseSetting("Tma:AllowUnsignedModels", "true");
            foreach (var (key, value) in settings)
            {
                builder.WebHost.UseSetting(key, value);
            }
        });

    public Task<WebApplication> StartAsync(params (string Key, string Value)[] settings) => StartAsync(null, settings);

    public async Task<WebApplication> StartAsync(Action<WebApplicationBuilder>? configure, params (string Key, string Value)[] settings)
    {
        var app = Create(configure, settings);
        await app.StartAsync();
        return app;
    }

    /// <summary>A client with a fresh token of <c>&lt;role&gt;-1</c> in tenant <c>acme</c>.</summary>
    public HttpClient Client(WebApplication app, CallerRole role)
    {
        var client = app.GetTestClient();
        var token = TokenIssuer.Issue(_signingKey, new Caller(role.ToString().ToLowerInvariant() + "-1", "acme", role), DateTimeOffset.UtcNow.AddSeconds(-5), TimeSpan.FromMinutes(5));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Sets up the tenant and one case with one observation; returns the case id.</summary>
    public async Task<Guid> FillAsync(WebApplication app, string subject)
    {
        (await Client(app, CallerRole.Administrator).PostAsync("/v1/tenant", null)).EnsureSuccessStatusCode();
        using var manager = Client(app, CallerRole.CaseManager);
        var created = await manager.PostAsJsonAsync("/v1/cases", new { subjectReference = subject, category = "violence", retainUntil = "2031-01-01T00:00:00Z" });
        var caseId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetProperty("id").GetGuid();
        (await manager.PostAsJsonAsync($"/v1/cases/{caseId}/observations", new { inputId = "leakage", value = "present", observedAt = "2030-01-02T00:00:00Z", source = "colleague" })).EnsureSuccessStatusCode();
        return caseId;
    }

    /// <summary>The case's subject reference and its observation decrypt (the keys that wrap its data key are held).</summary>
    public async Task AssertReadableAsync(WebApplication app, Guid caseId, string subject)
    {
        using var manager = Client(app, CallerRole.CaseManager);
        using var summary = await manager.GetAsync($"/v1/cases/{caseId}");
        using var observations = await manager.GetAsync($"/v1/cases/{caseId}/observations");

        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        Assert.Contains(subject, await summary.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, observations.StatusCode);
        Assert.Contains("\"leakage\"", await observations.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
