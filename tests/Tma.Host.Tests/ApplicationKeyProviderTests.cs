using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>
/// A key provider the embedding application brings (a cloud-KMS adapter, docs/operations.md §3): registered in the
/// host's configure callback with <c>Tma:KeyProvider=application</c>, it runs outside development mode, is checked by
/// /ready, and existing local keys rotate into it.
/// </summary>
public sealed class ApplicationKeyProviderTests : IDisposable
{
    private const string Subject = "kms subject";
    private readonly RestartableHost _host = new("kms");
    private readonly StandInKms _kms = new("projects/acme/keyRings/tma/cryptoKeys/kek/cryptoKeyVersions/1");

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_applications_provider_wraps_the_keys_outside_development_mode_and_is_ready()
    {
        await using var app = await _host.StartAsync(Register(_kms), ("Tma:KeyProvider", "application"));

        var caseId = await _host.FillAsync(app, Subject);

        await _host.AssertReadableAsync(app, caseId, Subject);
        using var ready = await app.GetTestClient().GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains(_kms.CurrentKeyId, await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(_kms.Wraps >= 2, "the tenant's pseudonymisation key and the case's data key are wrapped by the adapter");
        Assert.False(File.Exists(Path.Combine(_host.Directory, "tma.db.keys")));
    }

    [Fact]
    public void Without_a_registered_provider_the_start_fails_naming_the_setting()
    {
        var ex = Assert.Throws<HostSettingsException>(() => _host.Create(("Tma:KeyProvider", "application")));

        Assert.StartsWith("keys: Tma:KeyProvider=application, but the application registered no key provider", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_development_keys_rotate_into_the_applications_provider()
    {
        var localKeys = Path.Combine(_host.Directory, "store.keys");
        await File.WriteAllTextAsync(localKeys, LocalKeyProvider.GenerateEntry("local-2026") + "\n");
        Guid caseId;
        await using (var app = await _host.StartAsync(("Tma:Development", "true"), ("Tma:Keys", localKeys)))
        {
            caseId = await _host.FillAsync(app, Subject);
        }

        await using (var app = await _host.StartAsync(Register(_kms), ("Tma:KeyProvider", "application"), ("Tma:PreviousKeyProvider", "local"), ("Tma:PreviousKeys", localKeys)))
        {
            using var admin = _host.Client(app, CallerRole.Administrator);
            var rotated = await (await admin.PostAsync("/v1/tenant/keys/rotate", null)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(2, rotated.GetProperty("rewrapped").GetInt32());
            Assert.Equal(_kms.CurrentKeyId, rotated.GetProperty("currentKeyId").GetString());
        }

        File.Delete(localKeys);
        await using (var app = await _host.StartAsync(Register(_kms), ("Tma:KeyProvider", "application")))
        {
            await _host.AssertReadableAsync(app, caseId, Subject);
        }
    }

    private static Action<WebApplicationBuilder> Register(IKeyProvider provider) =>
        builder => builder.Services.AddSingleton(new ApplicationKeyProvider(provider));

    /// <summary>
    /// Stands in for a cloud KMS as an adapter would see it: a named key version that never leaves the service,
    /// AES-GCM with the context as associated data (as AWS's encryption context or GCP's AAD bind it), and
    /// <see cref="CryptographicException"/> for a key it does not hold.
    /// </summary>
    private sealed class StandInKms(string keyVersion) : IKeyProvider
    {
        private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
        private int _wraps;

        public string CurrentKeyId { get; } = keyVersion;

        public int Wraps => Volatile.Read(ref _wraps);

        public ValueTask<WrappedKey> WrapAsync(ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _wraps);
            var nonce = RandomNumberGenerator.GetBytes(12);
            var sealedKey = new byte[dataKey.Length];
            var tag = new byte[16];
            using (var aes = new AesGcm(_key, 16))
            {
                aes.Encrypt(nonce, dataKey.Span, sealedKey, tag, context.Span);
            }

            return ValueTask.FromResult(new WrappedKey(CurrentKeyId, [.. nonce, .. tag, .. sealedKey]));
        }

        public ValueTask<byte[]> UnwrapAsync(WrappedKey wrappedKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
        {
            if (wrappedKey.KeyId != CurrentKeyId)
            {
                throw new CryptographicException("the KMS holds no such key");
            }

            var data = wrappedKey.Ciphertext;
            var plain = new byte[data.Length - 28];
            using var aes = new AesGcm(_key, 16);
            aes.Decrypt(data.AsSpan(0, 12), data.AsSpan(28), data.AsSpan(12, 16), plain, context.Span);
            return ValueTask.FromResult(plain);
        }
    }
}
