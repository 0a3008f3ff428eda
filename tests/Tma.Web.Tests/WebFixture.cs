using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;
using Tma.CaseStore;
using Tma.Host;

namespace Tma.Web.Tests;

/// <summary>Every browser test shares one host and one browser (the machine has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}

/// <summary>
/// The real host (TmaHostApp.Create) on Kestrel at a free loopback port, over a temporary SQLite store, the
/// repository's models (unsigned allowed), development mode and a fixed token key; the tenant set up over HTTP by its
/// administrator; and Debian's Chromium driven by Playwright (no browser download). Without Chromium the tests skip —
/// except with CI=true, where they fail.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string Tenant = "acme";

    private readonly string _directory = Directory.CreateTempSubdirectory("tma-web-").FullName;
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private ECDsaSecurityKey _key = null!;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Why the browser tests cannot run here (no Chromium); null when they can.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>Where the screenshots go (the lead looks at them).</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("TMA_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"No Chromium at {ChromiumPath} (set TMA_CHROMIUM); the browser tests need Debian's chromium package.";
            if (InCi)
            {
                throw new InvalidOperationException(SkipReason + " CI=true: the browser tests must run in CI.");
            }

            return;
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        var keyPem = TokenIssuer.NewSigningKeyPem();
        var keyFile = Path.Combine(_directory, "token.pem");
        await File.WriteAllTextAsync(keyFile, keyPem);
        _key = TokenIssuer.LoadKey(keyPem);
        var storeKeys = Path.Combine(_directory, "store.keys");
        await File.WriteAllTextAsync(storeKeys, LocalKeyProvider.GenerateEntry("k1") + "\n");

        _app = TmaHostApp.Create([], builder =>
        {
            var web = builder.WebHost;
            web.UseUrls("http://127.0.0.1:0");
            web.UseSetting("Tma:Store", Path.Combine(_directory, "tma.db"));
            web.UseSetting("Tma:Development", "true");
            web.UseSetting("Tma:Keys", storeKeys);
            web.UseSetting("Tma:Models", Repository.Path("models"));
            web.UseSetting("Tma:AllowUnsignedModels", "true");
            web.UseSetting("Tma:TokenKey", keyFile);
            web.UseSetting("Tma:RequestsPerMinute", "100000");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        await _app.StartAsync();
        BaseUrl = _app.Urls.First().TrimEnd('/');

        using (var admin = Api("admin-1", CallerRole.Administrator))
        {
            (await admin.PostAsync("/v1/tenant", null)).EnsureSuccessStatusCode();
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
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

    /// <summary>A development token, as `tma token` prints it.</summary>
    public string Token(string user, CallerRole role) =>
        TokenIssuer.Issue(_key, new Caller(user, Tenant, role), DateTimeOffset.UtcNow.AddSeconds(-5), TimeSpan.FromHours(2));

    /// <summary>An API client with a bearer token (for setting up data a test does not tell through the UI).</summary>
    public HttpClient Api(string user, CallerRole role)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(user, role));
        return client;
    }

    /// <summary>A case opened by cm-1 over the API, with the given members (user, member role), optionally observed and assessed.</summary>
    public async Task<Guid> CaseAsync(string subject, bool assessed, params (string User, string Role)[] members)
    {
        using var cm = Api("cm-1", CallerRole.CaseManager);
        var created = await Read(await cm.PostAsJsonAsync("/v1/cases", new { subjectReference = subject, category = "violence", retainUntil = "2031-01-01T00:00:00Z" }));
        var id = created.GetProperty("summary").GetProperty("id").GetGuid();
        var version = created.GetProperty("summary").GetProperty("version").GetInt64();
        foreach (var (user, role) in members)
        {
            version = (await Read(await cm.PostAsJsonAsync($"/v1/cases/{id}/members", new { userId = user, role, expectedVersion = version }))).GetProperty("version").GetInt64();
        }

        if (assessed)
        {
            await Read(await cm.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "leakage", value = "present", observedAt = DateTimeOffset.UtcNow.AddDays(-2), source = "colleague", reliability = "first_hand" }));
            await Read(await cm.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "fixation", value = "possible", observedAt = DateTimeOffset.UtcNow.AddDays(-3), source = "team lead" }));
            await Read(await cm.PostAsJsonAsync($"/v1/cases/{id}/assessments", new { model = "warning-behaviours-triage" }));
        }

        return id;
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
