using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.IdentityModel.Tokens;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>
/// One host per test class over a fresh store (SQLite by default; PostgreSQL when TMA_TEST_POSTGRES is set and the
/// class asks for it), the repository's models, a local token key, and a second tenant for isolation tests.
/// </summary>
public class HostFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tma-host-").FullName;
    private WebApplication? _app;

    public static readonly JsonSerializerOptions Json = CreateJson();

    public ECDsaSecurityKey SigningKey { get; private set; } = null!;

    public string TenantA { get; } = "tenant-a";

    public string TenantB { get; } = "tenant-b";

    protected virtual string? PostgresConnection => null;

    protected virtual long MaxRequestBytes => 64 * 1024;

    protected virtual int RequestsPerMinute => 100_000;

    /// <summary>The models folder the host serves; the repository's models by default.</summary>
    protected virtual string ModelsDirectory => Path.Combine(RepositoryRoot, "models");

    /// <summary>Public key files whose signatures the host trusts; empty means development mode (unsigned allowed).</summary>
    protected virtual IReadOnlyList<string> TrustedKeys => [];

    /// <summary>Extra configuration of the host under test.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>Further set-up of the host under test (services, logging), after its settings.</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    /// <summary>A scratch folder that lives as long as the fixture.</summary>
    protected string WorkDirectory => _directory;

    /// <summary>The host under test, in memory.</summary>
    public WebApplication App => _app ?? throw new InvalidOperationException("Not started.");

    public static string RepositoryRoot => Repository.Root;

    /// <summary>Makes sure the host runs; a fixture whose backend is unavailable skips the test (or fails it in CI).</summary>
    public virtual Task EnsureStartedAsync() => Task.CompletedTask;

    public virtual async Task InitializeAsync()
    {
        var keyPem = TokenIssuer.NewSigningKeyPem();
        var keyFile = Path.Combine(_directory, "token.pem");
        await File.WriteAllTextAsync(keyFile, keyPem);
        SigningKey = TokenIssuer.LoadKey(keyPem);
        var storeKeys = Path.Combine(_directory, "store.keys");
        await File.WriteAllTextAsync(storeKeys, LocalKeyProvider.GenerateEntry("k1") + "\n");
        var postgres = PostgresConnection is { } pg ? await FreshSchemaAsync(pg) : null;
        _app = TmaHostApp.Create([], builder =>
        {
            var web = builder.WebHost;
            web.UseTestServer();
            web.UseSetting("Tma:Store", Path.Combine(_directory, "tma.db"));
            if (postgres is not null)
            {
                web.UseSetting("Tma:Postgres", postgres);
            }

            // Local store keys are for development only: the host refuses them outside development mode.
            web.UseSetting("Tma:Development", "true");
            web.UseSetting("Tma:Keys", storeKeys);
            web.UseSetting("Tma:Models", ModelsDirectory);
            if (TrustedKeys.Count == 0)
            {
                web.UseSetting("Tma:AllowUnsignedModels", "true");
            }
            else
            {
                web.UseSetting("Tma:TrustedKeys", string.Join(',', TrustedKeys));
            }
            web.UseSetting("Tma:TokenKey", keyFile);
            web.UseSetting("Tma:MaxRequestBytes", MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Tma:RequestsPerMinute", RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (key, value) in Settings)
            {
                web.UseSetting(key, value);
            }

            Configure(builder);
        });
        await _app.StartAsync();
        using var adminA = Client(new Caller("admin-a", TenantA, CallerRole.Administrator));
        (await adminA.PostAsync("/v1/tenant", null)).EnsureSuccessStatusCode();
        using var adminB = Client(new Caller("admin-b", TenantB, CallerRole.Administrator));
        (await adminB.PostAsync("/v1/tenant", null)).EnsureSuccessStatusCode();
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>A fresh schema per fixture, so test classes never see each other's tenants.</summary>
    private static async Task<string> FreshSchemaAsync(string connection)
    {
        var schema = "h_" + Guid.NewGuid().ToString("N");
        await using (var db = new Npgsql.NpgsqlConnection(connection))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = $"CREATE SCHEMA {schema}";
            await command.ExecuteNonQueryAsync();
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connection) { SearchPath = schema }.ConnectionString;
    }

    public virtual string Token(Caller caller, TimeSpan? lifetime = null, DateTimeOffset? now = null) =>
        TokenIssuer.Issue(SigningKey, caller, now ?? DateTimeOffset.UtcNow.AddSeconds(-5), lifetime ?? TimeSpan.FromMinutes(30));

    public HttpClient Client(Caller? caller = null)
    {
        var client = App.GetTestClient();
        if (caller is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(caller));
        }

        return client;
    }

    public Caller Manager(string tenant = "tenant-a") => new("manager-1", tenant, CallerRole.CaseManager);

    public Caller Expert(string tenant = "tenant-a") => new("expert-1", tenant, CallerRole.Expert);

    public Caller Auditor(string tenant = "tenant-a") => new("auditor-1", tenant, CallerRole.Auditor);

    public Caller Researcher(string tenant = "tenant-a") => new("researcher-1", tenant, CallerRole.Researcher);

    public Caller Admin(string tenant = "tenant-a") => new("admin-1", tenant, CallerRole.Administrator);

    /// <summary>The document uploaded by the last <see cref="FilledCaseAsync"/> (tests of one class run one at a time).</summary>
    public Guid LastDocument { get; private set; }

    /// <summary>A case of tenant A with the expert as member, two dated observations, one assessment and one document.</summary>
    public async Task<(Guid Id, long Version, Guid AssessmentId)> FilledCaseAsync()
    {
        using var manager = Client(Manager());
        var created = await Read(await manager.PostAsJsonAsync("/v1/cases", new { subjectReference = "subject-ref-" + Guid.NewGuid().ToString("N")[..6], category = "violence", retainUntil = "2031-01-01T00:00:00Z" }, Json));
        var id = created.GetProperty("summary").GetProperty("id").GetGuid();
        var version = created.GetProperty("summary").GetProperty("version").GetInt64();
        var member = await Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/members", new { userId = "expert-1", role = "psychologist", expectedVersion = version }, Json));
        version = member.GetProperty("version").GetInt64();
        await Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "leakage", value = "possible", observedAt = "2026-10-01T00:00:00Z", source = "colleague" }, Json));
        await Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "leakage", value = "present", observedAt = "2026-10-12T00:00:00Z", source = "e-mail" }, Json));
        var assessment = await Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/assessments", new { model = "warning-behaviours-triage@^2.0" }, Json));
        var document = await Read(await manager.PostAsync($"/v1/cases/{id}/documents?name=note.txt", new StringContent("interview note", System.Text.Encoding.UTF8, "text/plain")));
        LastDocument = document.GetProperty("id").GetGuid();
        version = (await Read(await manager.GetAsync($"/v1/cases/{id}"))).GetProperty("summary").GetProperty("version").GetInt64();
        return (id, version, assessment.GetProperty("id").GetGuid());
    }

    public static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static JsonSerializerOptions CreateJson() => new(JsonSerializerDefaults.Web);
}
