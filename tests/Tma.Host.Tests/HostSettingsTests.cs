using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>How the host reads its settings at start-up: no key file appears unless development mode asks for it.</summary>
public sealed class HostSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tma-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Without_keys_outside_development_the_start_fails_naming_the_keys_and_creates_no_file()
    {
        var ex = Assert.Throws<HostSettingsException>(() => Start(("Tma:Store", Store)));

        Assert.Contains("keys: give the store's key file (--keys, Tma:Keys) or TMA_CASESTORE_KEYS", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tokens: give an OIDC authority", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task Development_mode_creates_the_key_files_next_to_the_store_owner_only()
    {
        await using var app = Start(("Tma:Store", Store), ("Tma:Development", "true"));

        Assert.True(File.Exists(Store + ".keys"));
        Assert.True(File.Exists(Store + ".token.pem"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Store + ".keys"));
        }
    }

    [Fact]
    public void A_failed_start_in_development_mode_leaves_no_key_file_behind()
    {
        Assert.Throws<HostSettingsException>(() => Start(("Tma:Store", Store), ("Tma:Development", "true"), ("Tma:Models", Path.Combine(_directory, "no-such-folder"))));

        Assert.False(File.Exists(Store + ".keys"));
        Assert.False(File.Exists(Store + ".token.pem"));
    }

    [Fact]
    public async Task An_oidc_authority_alone_is_a_complete_token_setting()
    {
        var keys = Path.Combine(_directory, "store.keys");
        await File.WriteAllTextAsync(keys, LocalKeyProvider.GenerateEntry("k1") + "\n");

        await using var app = Start(("Tma:Store", Store), ("Tma:Keys", keys), ("Tma:Authority", "https://login.example.org/tenant"));

        var used = (HostSettings)app.Services.GetService(typeof(HostSettings))!;
        Assert.Equal("https://login.example.org/tenant", used.Tokens.Authority);
        Assert.Null(used.Tokens.SigningKeyFile);
    }

    [Fact]
    public void A_model_rescan_interval_below_one_second_is_named_at_start_up()
    {
        var ex = Assert.Throws<HostSettingsException>(() => Start(("Tma:Store", Store), ("Tma:Development", "true"), ("Tma:ModelRescanSeconds", "0")));

        Assert.Contains("models: the rescan interval (Tma:ModelRescanSeconds) must be at least 1 second", ex.Problems);
    }

    [Fact]
    public async Task The_model_rescan_interval_is_read_from_configuration()
    {
        await using var app = Start(("Tma:Store", Store), ("Tma:Development", "true"), ("Tma:ModelRescanSeconds", "5"));

        Assert.Equal(5, ((HostSettings)app.Services.GetService(typeof(HostSettings))!).ModelRescanSeconds);
    }

    private string Store => Path.Combine(_directory, "tma.db");

    private WebApplication Start(params (string Key, string Value)[] settings) =>
        TmaHostApp.Create([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.WebHost.UseSetting("Tma:Models", Repository.Path("models"));
            builder.WebHost.UseSetting("Tma:AllowUnsignedModels", "true");
            foreach (var (key, value) in settings)
            {
                builder.WebHost.UseSetting(key, value);
            }
        });
}
