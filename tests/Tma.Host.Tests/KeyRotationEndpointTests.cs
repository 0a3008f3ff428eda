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
/// The operator's rotation through the API, as docs/operations.md describes it: add the new key-encryption key, restart,
/// rotate, restart without the old key — and every case is still readable.
/// </summary>
public sealed class KeyRotationEndpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tma-rotate-").FullName;
    private readonly string _keys;
    private readonly string _tokenKey;
    private readonly Microsoft.IdentityModel.Tokens.ECDsaSecurityKey _signingKey;

    public KeyRotationEndpointTests()
    {
        _keys = Path.Combine(_directory, "store.keys");
        _tokenKey = Path.Combine(_directory, "token.pem");
        var pem = TokenIssuer.NewSigningKeyPem();
        File.WriteAllText(_tokenKey, pem);
        _signingKey = TokenIssuer.LoadKey(pem);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Rotation_rewraps_every_key_under_the_new_one_so_the_old_one_can_be_retired()
    {
        var oldKey = LocalKeyProvider.GenerateEntry("kek-2026");
        var newKey = LocalKeyProvider.GenerateEntry("kek-2027");
        Guid caseId;
        await File.WriteAllTextAsync(_keys, oldKey + "\n");
        await using (var app = await StartAsync())
        {
            (await Client(app, CallerRole.Administrator).PostAsync("/v1/tenant", null)).EnsureSuccessStatusCode();
            using var manager = Client(app, CallerRole.CaseManager);
            var created = await manager.PostAsJsonAsync("/v1/cases", new { subjectReference = "rotation subject", category = "violence", retainUntil = "2031-01-01T00:00:00Z" });
            caseId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetProperty("id").GetGuid();
            (await manager.PostAsJsonAsync($"/v1/cases/{caseId}/observations", new { inputId = "leakage", value = "present", observedAt = "2030-01-02T00:00:00Z", source = "colleague" })).EnsureSuccessStatusCode();
        }

        // The new key is appended (the last entry is current); the old one stays until the rotation is done.
        await File.WriteAllTextAsync(_keys, oldKey + "\n" + newKey + "\n");
        await using (var app = await StartAsync())
        {
            using var admin = Client(app, CallerRole.Administrator);
            var first = await (await admin.PostAsync("/v1/tenant/keys/rotate", null)).Content.ReadFromJsonAsync<JsonElement>();
            var second = await (await admin.PostAsync("/v1/tenant/keys/rotate", null)).Content.ReadFromJsonAsync<JsonElement>();

            // The tenant's pseudonymisation key and the one case's data key.
            Assert.Equal(2, first.GetProperty("rewrapped").GetInt32());
            Assert.Equal("kek-2027", first.GetProperty("currentKeyId").GetString());
            Assert.Equal(0, second.GetProperty("rewrapped").GetInt32());
        }

        await File.WriteAllTextAsync(_keys, newKey + "\n");
        await using (var app = await StartAsync())
        {
            using var manager = Client(app, CallerRole.CaseManager);
            var observations = await manager.GetAsync($"/v1/cases/{caseId}/observations");

            Assert.Equal(HttpStatusCode.OK, observations.StatusCode);
            Assert.Contains("\"leakage\"", await observations.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var trail = await (await Client(app, CallerRole.Auditor).GetAsync("/v1/audit")).Content.ReadAsStringAsync();
            Assert.Contains("keys.rotate", trail, StringComparison.Ordinal);
        }
    }

    private async Task<WebApplication> StartAsync()
    {
        var app = TmaHostApp.Create([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.WebHost.UseSetting("Tma:Development", "true");
            builder.WebHost.UseSetting("Tma:Store", Path.Combine(_directory, "tma.db"));
            builder.WebHost.UseSetting("Tma:Keys", _keys);
            builder.WebHost.UseSetting("Tma:TokenKey", _tokenKey);
            builder.WebHost.UseSetting("Tma:Models", Repository.Path("models"));
            builder.WebHost.UseSetting("Tma:AllowUnsignedModels", "true");
        });
        await app.StartAsync();
        return app;
    }

    private HttpClient Client(WebApplication app, CallerRole role)
    {
        var client = app.GetTestClient();
        var token = TokenIssuer.Issue(_signingKey, new Caller(role.ToString().ToLowerInvariant() + "-1", "acme", role), DateTimeOffset.UtcNow.AddSeconds(-5), TimeSpan.FromMinutes(5));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
