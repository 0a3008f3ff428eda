using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Tma.CaseStore;
using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.Host.Tests;

/// <summary>
/// The host with its keys in an HSM (the SoftHSM2 token of .ci/softhsm.sh): production start-up without development
/// mode, located start-up errors, and the operator's rotations from local keys into the HSM and from one HSM key to
/// the next, as docs/operations.md walks them.
/// </summary>
public sealed class Pkcs11HostTests : IDisposable
{
    private const string Subject = "hsm subject";
    private readonly RestartableHost _host = new("pkcs11");

    public void Dispose() => _host.Dispose();

    [SkippableFact]
    public async Task The_host_starts_on_the_hsm_outside_development_mode_and_is_ready()
    {
        var token = SoftHsm.Token();
        var pinFile = Path.Combine(_host.Directory, "pin");
        await File.WriteAllTextAsync(pinFile, token.Pin + "\n");

        await using var app = await _host.StartAsync(Hsm(token, token.KeyLabel, pinFile: pinFile));

        using var client = app.GetTestClient();
        using var response = await client.GetAsync("/ready");
        var ready = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(ready.GetProperty("keys").GetBoolean());
        Assert.Equal("healthy", ready.GetProperty("checks").GetProperty("keys").GetProperty("status").GetString());
        Assert.Equal(token.KeyLabel, ((IKeyProvider)app.Services.GetService(typeof(IKeyProvider))!).CurrentKeyId);
        Assert.False(File.Exists(Path.Combine(_host.Directory, "tma.db.keys")));
    }

    [SkippableFact]
    public void A_wrong_pin_stops_the_start_naming_the_setting_without_showing_the_pin()
    {
        var token = SoftHsm.Token();

        var ex = Assert.Throws<HostSettingsException>(() => _host.Create(Hsm(token, token.KeyLabel, pin: "wrong-pin-31337")));

        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith($"keys: Tma:Pkcs11:Pin: The PIN of token `{token.TokenLabel}` was not accepted", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("31337", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Pin, ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void An_unknown_key_label_or_token_stops_the_start_naming_the_setting()
    {
        var token = SoftHsm.Token();

        var key = Assert.Throws<HostSettingsException>(() => _host.Create(Hsm(token, "no-such-kek")));
        var slot = Assert.Throws<HostSettingsException>(() => _host.Create([.. Hsm(token, token.KeyLabel).Where(s => s.Key != "Tma:Pkcs11:TokenLabel"), ("Tma:Pkcs11:TokenLabel", "no-such-token")]));

        Assert.StartsWith($"keys: Tma:Pkcs11:KeyLabel: No AES secret key labelled `no-such-kek` on token `{token.TokenLabel}`", Assert.Single(key.Problems), StringComparison.Ordinal);
        Assert.StartsWith("keys: Tma:Pkcs11:TokenLabel: No token labelled `no-such-token`", Assert.Single(slot.Problems), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Local_keys_rotate_into_the_hsm_and_the_host_then_starts_without_them()
    {
        var token = SoftHsm.Token();
        var localKeys = Path.Combine(_host.Directory, "store.keys");
        await File.WriteAllTextAsync(localKeys, LocalKeyProvider.GenerateEntry("local-2026") + "\n");
        Guid caseId;
        await using (var app = await _host.StartAsync([("Tma:Development", "true"), ("Tma:Keys", localKeys)]))
        {
            caseId = await _host.FillAsync(app, Subject);
        }

        // The bridge: the HSM wraps, the old key file only unwraps (allowed outside development mode for this).
        await using (var app = await _host.StartAsync([.. Hsm(token, token.KeyLabel), ("Tma:PreviousKeyProvider", "local"), ("Tma:PreviousKeys", localKeys)]))
        {
            using var admin = _host.Client(app, CallerRole.Administrator);
            var rotated = await (await admin.PostAsync("/v1/tenant/keys/rotate", null)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(2, rotated.GetProperty("rewrapped").GetInt32()); // the pseudonymisation key and the case's key
            Assert.Equal(token.KeyLabel, rotated.GetProperty("currentKeyId").GetString());
        }

        File.Delete(localKeys);
        await using (var app = await _host.StartAsync(Hsm(token, token.KeyLabel)))
        {
            await _host.AssertReadableAsync(app, caseId, Subject);
        }
    }

    [SkippableFact]
    public async Task One_hsm_key_rotates_to_the_next_and_the_host_then_starts_without_the_old_one()
    {
        var token = SoftHsm.Token();
        var oldLabel = "tma-test-host-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            Guid caseId;
            // Development mode may create the key on the token (Tma:Pkcs11:CreateKey).
            await using (var app = await _host.StartAsync([.. Hsm(token, oldLabel), ("Tma:Development", "true"), ("Tma:Pkcs11:CreateKey", "true")]))
            {
                caseId = await _host.FillAsync(app, Subject);
            }

            // The new key is current; the old one is reached through the previous-provider settings, as it would be on
            // another token or HSM.
            await using (var app = await _host.StartAsync([.. Hsm(token, token.SecondKeyLabel), ("Tma:PreviousKeyProvider", "pkcs11"),
                ("Tma:PreviousPkcs11:Module", token.Module), ("Tma:PreviousPkcs11:TokenLabel", token.TokenLabel), ("Tma:PreviousPkcs11:Pin", token.Pin), ("Tma:PreviousPkcs11:KeyLabel", oldLabel)]))
            {
                using var admin = _host.Client(app, CallerRole.Administrator);
                var rotated = await (await admin.PostAsync("/v1/tenant/keys/rotate", null)).Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(2, rotated.GetProperty("rewrapped").GetInt32());
                Assert.Equal(token.SecondKeyLabel, rotated.GetProperty("currentKeyId").GetString());
            }

            token.DeleteKey(oldLabel);
            await using (var app = await _host.StartAsync(Hsm(token, token.SecondKeyLabel)))
            {
                Assert.Throws<HostSettingsException>(() => _host.Create(Hsm(token, oldLabel))); // the old key is really gone
                await _host.AssertReadableAsync(app, caseId, Subject);
            }
        }
        finally
        {
            token.DeleteKey(oldLabel);
        }
    }

    private static (string Key, string Value)[] Hsm(SoftHsmToken token, string keyLabel, string? pin = null, string? pinFile = null) =>
    [
        ("Tma:KeyProvider", "pkcs11"),
        ("Tma:Pkcs11:Module", token.Module),
        ("Tma:Pkcs11:TokenLabel", token.TokenLabel),
        pinFile is null ? ("Tma:Pkcs11:Pin", pin ?? token.Pin) : ("Tma:Pkcs11:PinFile", pinFile),
        ("Tma:Pkcs11:KeyLabel", keyLabel),
    ];
}
