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

        Assert.Contains("keys: configure the key provider: Tma:KeyProvider=pkcs11 with Tma:Pkcs11:Module", ex.Message, StringComparison.Ordinal);
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

        await using var app = Start(("Tma:Store", Store), ("Tma:Development", "true"), ("Tma:Keys", keys), ("Tma:Authority", "https://login.example.org/tenant"));

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

    [Fact]
    public async Task A_local_key_file_outside_development_mode_is_refused()
    {
        var keys = Path.Combine(_directory, "store.keys");
        await File.WriteAllTextAsync(keys, LocalKeyProvider.GenerateEntry("k1") + "\n");

        var ex = Assert.Throws<HostSettingsException>(() => Start(("Tma:Store", Store), ("Tma:Keys", keys), ("Tma:Authority", "https://login.example.org/tenant")));

        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith("keys: the local key provider (--keys, Tma:Keys, TMA_CASESTORE_KEYS) is for development only", problem, StringComparison.Ordinal);
        Assert.False(File.Exists(Store));
    }

    [Fact]
    public async Task A_local_key_file_in_development_mode_starts_with_the_local_provider()
    {
        var keys = Path.Combine(_directory, "store.keys");
        await File.WriteAllTextAsync(keys, LocalKeyProvider.GenerateEntry("k1") + "\n");

        await using var app = Start(("Tma:Store", Store), ("Tma:Development", "true"), ("Tma:Keys", keys), ("Tma:Authority", "https://login.example.org/tenant"));

        var provider = (IKeyProvider)app.Services.GetService(typeof(IKeyProvider))!;
        Assert.IsType<LocalKeyProvider>(Assert.IsType<InstrumentedKeyProvider>(provider).Inner);
        Assert.Equal("k1", provider.CurrentKeyId);
        Assert.False(File.Exists(Store + ".keys")); // the given file is used; none is created
    }

    [Fact]
    public void Incomplete_pkcs11_settings_name_every_missing_setting()
    {
        var ex = Assert.Throws<HostSettingsException>(() => Start(("Tma:Store", Store), ("Tma:KeyProvider", "pkcs11"), ("Tma:Pkcs11:CreateKey", "true"), ("Tma:Authority", "https://login.example.org/tenant")));

        Assert.Contains("keys: Tma:Pkcs11:Module: give the path of the HSM's PKCS#11 module", ex.Message, StringComparison.Ordinal);
        Assert.Contains("keys: Tma:Pkcs11:TokenLabel / Tma:Pkcs11:Slot: give exactly one", ex.Message, StringComparison.Ordinal);
        Assert.Contains("keys: Tma:Pkcs11:Pin / Tma:Pkcs11:PinFile: give exactly one", ex.Message, StringComparison.Ordinal);
        Assert.Contains("keys: Tma:Pkcs11:KeyLabel: give the label", ex.Message, StringComparison.Ordinal);
        Assert.Contains("keys: Tma:Pkcs11:CreateKey is for development only", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void A_missing_pkcs11_module_and_an_unknown_provider_are_named()
    {
        var module = Path.Combine(_directory, "no-such-module.so");

        var ex = Assert.Throws<HostSettingsException>(() => Start(("Tma:Store", Store), ("Tma:KeyProvider", "pkcs11"), ("Tma:Pkcs11:Module", module), ("Tma:Pkcs11:TokenLabel", "t"),
            ("Tma:Pkcs11:Pin", "1234"), ("Tma:Pkcs11:KeyLabel", "k"), ("Tma:PreviousKeyProvider", "vault"), ("Tma:Authority", "https://login.example.org/tenant")));

        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains($"keys: Tma:Pkcs11:Module: PKCS#11 module `{module}` does not exist", ex.Problems);
        Assert.Contains("keys: Tma:PreviousKeyProvider: `vault` is not a key provider (local, pkcs11)", ex.Problems);
        Assert.DoesNotContain("1234", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_of_a_provider_that_is_not_in_use_are_refused_not_ignored()
    {
        var keys = Path.Combine(_directory, "store.keys");
        await File.WriteAllTextAsync(keys, LocalKeyProvider.GenerateEntry("k1") + "\n");
        var module = Path.Combine(_directory, "module.so");
        await File.WriteAllTextAsync(module, "");

        var forgottenPrevious = Assert.Throws<HostSettingsException>(() => Start(("Tma:Store", Store), ("Tma:KeyProvider", "pkcs11"), ("Tma:Pkcs11:Module", module), ("Tma:Pkcs11:TokenLabel", "t"),
            ("Tma:Pkcs11:Pin", "1234"), ("Tma:Pkcs11:KeyLabel", "k"), ("Tma:Keys", keys), ("Tma:Authority", "https://login.example.org/tenant")));
        var forgottenProvider = Assert.Throws<HostSettingsException>(() => Start(("Tma:Store", Store), ("Tma:Development", "true"), ("Tma:Keys", keys), ("Tma:Pkcs11:Module", module),
            ("Tma:Authority", "https://login.example.org/tenant")));

        Assert.StartsWith("keys: Tma:Keys (", Assert.Single(forgottenPrevious.Problems), StringComparison.Ordinal);
        Assert.Contains("Tma:PreviousKeyProvider=local", forgottenPrevious.Message, StringComparison.Ordinal);
        Assert.Equal("keys: Tma:Pkcs11:Module is set but Tma:KeyProvider is local (the default): set Tma:KeyProvider=pkcs11 to use the HSM", Assert.Single(forgottenProvider.Problems));
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
