using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>
/// The operator's rotation through the API, as docs/operations.md describes it: add the new key-encryption key, restart,
/// rotate, restart without the old key — and every case is still readable.
/// </summary>
public sealed class KeyRotationEndpointTests : IDisposable
{
    private const string Subject = "rotation subject";
    private readonly RestartableHost _host = new("rotate");

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Rotation_rewraps_every_key_under_the_new_one_so_the_old_one_can_be_retired()
    {
        var keys = Path.Combine(_host.Directory, "store.keys");
        var oldKey = LocalKeyProvider.GenerateEntry("kek-2026");
        var newKey = LocalKeyProvider.GenerateEntry("kek-2027");
        (string, string)[] local = [("Tma:Development", "true"), ("Tma:Keys", keys)];
        Guid caseId;
        await File.WriteAllTextAsync(keys, oldKey + "\n");
        await using (var app = await _host.StartAsync(local))
        {
            caseId = await _host.FillAsync(app, Subject);
        }

        // The new key is appended (the last entry is current); the old one stays until the rotation is done.
        await File.WriteAllTextAsync(keys, oldKey + "\n" + newKey + "\n");
        await using (var app = await _host.StartAsync(local))
        {
            using var admin = _host.Client(app, CallerRole.Administrator);
            var first = await (await admin.PostAsync("/v1/tenant/keys/rotate", null)).Content.ReadFromJsonAsync<JsonElement>();
            var second = await (await admin.PostAsync("/v1/tenant/keys/rotate", null)).Content.ReadFromJsonAsync<JsonElement>();

            // The tenant's pseudonymisation key and the one case's data key.
            Assert.Equal(2, first.GetProperty("rewrapped").GetInt32());
            Assert.Equal("kek-2027", first.GetProperty("currentKeyId").GetString());
            Assert.Equal(0, second.GetProperty("rewrapped").GetInt32());
        }

        await File.WriteAllTextAsync(keys, newKey + "\n");
        await using (var app = await _host.StartAsync(local))
        {
            await _host.AssertReadableAsync(app, caseId, Subject);
            using var auditor = _host.Client(app, CallerRole.Auditor);
            var trail = await auditor.GetAsync("/v1/audit");
            Assert.Equal(HttpStatusCode.OK, trail.StatusCode);
            Assert.Contains("keys.rotate", await trail.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
