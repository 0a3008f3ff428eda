using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>The web UI's settings outside development mode: no development sign-in, OIDC settings checked at start.</summary>
public sealed class WebSettingsTests : IDisposable
{
    private readonly RestartableHost _host = new("web-settings");

    public void Dispose() => _host.Dispose();

    // Outside development mode the store needs a real key provider: a pass-through one registered by the "application".
    private static void Register(WebApplicationBuilder builder) => builder.Services.AddSingleton(new ApplicationKeyProvider(new PassThroughKeys()));

    [Fact]
    public async Task Outside_development_mode_there_is_no_development_sign_in()
    {
        await using var app = await _host.StartAsync(Register, ("Tma:KeyProvider", "application"));
        using var client = app.GetTestClient();

        using var response = await client.PostAsJsonAsync("/auth/development", new { token = "x" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var options = await HostFixture.Read(await client.GetAsync("/auth/options"));
        Assert.False(options.GetProperty("development").GetBoolean());
        Assert.False(options.GetProperty("oidc").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/auth/oidc/signin")).StatusCode);
        // The UI itself is served all the same.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/app/")).StatusCode);
    }

    [Fact]
    public void An_oidc_authority_must_be_https_and_come_with_a_client_id()
    {
        var ex = Assert.Throws<HostSettingsException>(() => _host.Create(Register, ("Tma:KeyProvider", "application"), ("Tma:Oidc:Authority", "http://idp.example.org")));

        Assert.Equal(
            [
                "oidc: Tma:Oidc:Authority must be an https:// URL (plain http only in development mode)",
                "oidc: Tma:Oidc:ClientId is required with Tma:Oidc:Authority (the client id the identity provider gave the host)",
            ],
            ex.Problems);
    }

    [Fact]
    public void Other_oidc_mistakes_are_named_together()
    {
        var ex = Assert.Throws<HostSettingsException>(() => _host.Create(Register, ("Tma:KeyProvider", "application"),
            ("Tma:Oidc:Authority", "https://idp.example.org"), ("Tma:Oidc:ClientId", "tma"), ("Tma:Oidc:ClientSecret", "s"),
            ("Tma:Oidc:ClientSecretFile", Path.Combine(_host.Directory, "missing.txt")), ("Tma:Oidc:Scopes", "profile email")));

        Assert.Equal(
            [
                "oidc: give either Tma:Oidc:ClientSecret or Tma:Oidc:ClientSecretFile, not both",
                $"oidc: Tma:Oidc:ClientSecretFile: file `{Path.Combine(_host.Directory, "missing.txt")}` does not exist",
                "oidc: Tma:Oidc:Scopes must include `openid`",
            ],
            ex.Problems);
    }

    [Fact]
    public void A_client_id_without_an_authority_is_a_forgotten_setting()
    {
        var ex = Assert.Throws<HostSettingsException>(() => _host.Create(Register, ("Tma:KeyProvider", "application"), ("Tma:Oidc:ClientId", "tma")));
        Assert.StartsWith("oidc: Tma:Oidc:ClientId or a client secret is set but Tma:Oidc:Authority is not", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_authority_is_allowed_in_development_and_the_secret_may_come_from_a_file()
    {
        var secret = Path.Combine(_host.Directory, "oidc-secret.txt");
        await File.WriteAllTextAsync(secret, "s3cret\n");
        await using var app = _host.Create(Register, ("Tma:KeyProvider", "application"), ("Tma:Development", "true"),
            ("Tma:Oidc:Authority", "http://localhost:8080/realms/tma"), ("Tma:Oidc:ClientId", "tma"), ("Tma:Oidc:ClientSecretFile", secret));

        var settings = app.Services.GetRequiredService<HostSettings>();
        Assert.Equal("s3cret", settings.Oidc.EffectiveClientSecret);
        Assert.Equal("http://localhost:8080", settings.OidcAuthorityOrigin);
    }

    [Fact]
    public async Task The_data_protection_keys_live_in_the_configured_folder()
    {
        var folder = Path.Combine(_host.Directory, "shared-keys");
        await using var app = await _host.StartAsync(Register, ("Tma:KeyProvider", "application"), ("Tma:DataProtectionKeys", folder));

        Assert.NotEmpty(Directory.GetFiles(folder, "key-*.xml"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }

        Assert.False(Directory.Exists(Path.Combine(_host.Directory, "tma.db.dataprotection")));
    }

    private sealed class PassThroughKeys : IKeyProvider
    {
        public string CurrentKeyId => "test";

        public ValueTask<WrappedKey> WrapAsync(ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new WrappedKey(CurrentKeyId, dataKey.ToArray()));

        public ValueTask<byte[]> UnwrapAsync(WrappedKey wrappedKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(wrappedKey.Ciphertext.ToArray());
    }
}
