using System.Globalization;
using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Tma.CaseStore;

/// <summary>
/// Key-encryption keys in an HSM, through its PKCS#11 module. Each KEK is an AES key on the token, found by its
/// label; the label is the key id stored with every wrapped key. Wrapping is AES-GCM inside the HSM
/// (<c>CKM_AES_GCM</c>, 96-bit random IV, 128-bit tag) with the store's context as additional authenticated data, so a
/// wrapped key only unwraps for the tenant and case it was made for. Layout: version byte <c>01</c>, 12-byte IV,
/// ciphertext and tag. The KEK never leaves the token; it needs <c>CKA_ENCRYPT</c> and <c>CKA_DECRYPT</c>, and should be
/// sensitive and not extractable.
/// </summary>
/// <remarks>
/// Safe to call from many threads at once: calls run on a pool of sessions of one login, which is shared by every
/// provider of the process on the same token. Calls are synchronous inside (PKCS#11 has no asynchronous calls). Dispose
/// the provider to close its sessions.
/// </remarks>
public sealed class Pkcs11KeyProvider : IKeyProvider, IDisposable
{
    private const byte FormatVersion = 1;
    private const int IvSize = 12;
    private const int TagBits = 128;
    private readonly Pkcs11Token _token;
    private int _disposed;

    private Pkcs11KeyProvider(Pkcs11Token token, string keyLabel)
    {
        _token = token;
        CurrentKeyId = keyLabel;
    }

    /// <inheritdoc />
    /// <remarks>The label of the current AES key on the token.</remarks>
    public string CurrentKeyId { get; }

    /// <summary>The label of the token the keys are on.</summary>
    public string TokenLabel => _token.Label;

    /// <summary>
    /// Loads the module, logs in to the token, finds the current key (creating it if the options allow) and checks
    /// that it wraps and unwraps.
    /// </summary>
    /// <param name="options">Module, token, PIN and key label.</param>
    /// <returns>The provider, ready for use from many threads.</returns>
    /// <exception cref="ArgumentException">A required option is empty, or neither or both of token label and slot id are given.</exception>
    /// <exception cref="Pkcs11KeyProviderException">The module, token, PIN or key is wrong; <see cref="Pkcs11KeyProviderException.Reason"/> says which.</exception>
    public static Pkcs11KeyProvider Open(Pkcs11KeyProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModulePath, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.Pin, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.KeyLabel, nameof(options));
        if ((options.TokenLabel is null) == (options.SlotId is null))
        {
            throw new ArgumentException("Give either a token label or a slot id.", nameof(options));
        }

        var token = Pkcs11Token.Acquire(options);
        try
        {
            var provider = new Pkcs11KeyProvider(token, options.KeyLabel);
            provider.EnsureKey(options.CreateMissingKey);
            provider.Probe();
            return provider;
        }
        catch
        {
            token.Release();
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="CryptographicException">The HSM failed or the current key is gone.</exception>
    public ValueTask<WrappedKey> WrapAsync(ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Wrap(dataKey, context));
    }

    /// <inheritdoc />
    public ValueTask<byte[]> UnwrapAsync(WrappedKey wrappedKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wrappedKey);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Unwrap(wrappedKey, context));
    }

    private WrappedKey Wrap(ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context)
    {
        var iv = RandomNumberGenerator.GetBytes(IvSize);
        var aad = context.ToArray();
        var plain = dataKey.ToArray();
        try
        {
            var sealedKey = Run(CurrentKeyId, "wrap", (session, key) =>
            {
                using var parameters = _token.Factories.MechanismParamsFactory.CreateCkGcmParams(iv, IvSize * 8, aad, TagBits);
                using var mechanism = _token.Factories.MechanismFactory.Create(CKM.CKM_AES_GCM, parameters);
                return session.Encrypt(mechanism, key, plain);
            });
            var output = new byte[1 + IvSize + sealedKey.Length];
            output[0] = FormatVersion;
            iv.CopyTo(output, 1);
            sealedKey.CopyTo(output, 1 + IvSize);
            return new WrappedKey(CurrentKeyId, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private byte[] Unwrap(WrappedKey wrappedKey, ReadOnlyMemory<byte> context)
    {
        var input = wrappedKey.Ciphertext;
        if (input is null || input.Length <= 1 + IvSize + TagBits / 8 || input[0] != FormatVersion)
        {
            throw new CryptographicException("The wrapped key is malformed.");
        }

        var iv = input[1..(1 + IvSize)];
        var sealedKey = input[(1 + IvSize)..];
        var aad = context.ToArray();
        return Run(wrappedKey.KeyId, "unwrap", (session, key) =>
        {
            using var parameters = _token.Factories.MechanismParamsFactory.CreateCkGcmParams(iv, IvSize * 8, aad, TagBits);
            using var mechanism = _token.Factories.MechanismFactory.Create(CKM.CKM_AES_GCM, parameters);
            return session.Decrypt(mechanism, key, sealedKey);
        });
    }

    /// <summary>Whether the token holds an AES key with this label (a key id this provider can unwrap).</summary>
    /// <param name="keyId">The key label.</param>
    /// <returns>True when the key is there.</returns>
    /// <exception cref="CryptographicException">The HSM failed.</exception>
    public bool HoldsKey(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        try
        {
            return _token.Use(session => _token.FindKey(session, keyId) is not null);
        }
        catch (Exception ex) when (ex is Pkcs11Exception or Pkcs11KeyProviderException)
        {
            throw new CryptographicException($"The HSM could not look up key `{keyId}` on token `{_token.Label}`.", ex);
        }
    }

    /// <summary>Closes this provider's use of the token; the last provider on a token closes its sessions.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _token.Release();
        }
    }

    private T Run<T>(string label, string what, Func<ISession, IObjectHandle, T> operation)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return _token.Use(session =>
                {
                    var key = _token.FindKey(session, label)
                        ?? throw new CryptographicException($"Key-encryption key `{label}` is not on token `{_token.Label}`.");
                    return operation(session, key);
                });
            }
            catch (Pkcs11Exception ex) when (attempt == 0 && Pkcs11Token.IsTransient(ex.RV))
            {
                // A stale key handle, session or login: look the key up again on a fresh session, once.
                _token.Forget(label);
            }
            catch (Pkcs11Exception ex)
            {
                throw new CryptographicException(string.Create(CultureInfo.InvariantCulture, $"The HSM could not {what} with key `{label}` on token `{_token.Label}` ({ex.RV}); for an unwrap, the wrapped key or its context may have been altered."), ex);
            }
            catch (Pkcs11KeyProviderException ex)
            {
                throw new CryptographicException(ex.Message, ex);
            }
        }
    }

    private void EnsureKey(bool create)
    {
        IObjectHandle? key;
        try
        {
            key = _token.Use(session => _token.FindKey(session, CurrentKeyId, fresh: true));
        }
        catch (Pkcs11Exception ex)
        {
            throw new Pkcs11KeyProviderException(Pkcs11Failure.ModuleFailed, $"Looking up key `{CurrentKeyId}` on token `{_token.Label}` failed ({ex.RV}).", ex);
        }

        if (key is not null)
        {
            return;
        }

        if (!create)
        {
            throw new Pkcs11KeyProviderException(Pkcs11Failure.KeyNotFound, $"No AES secret key labelled `{CurrentKeyId}` on token `{_token.Label}` (or the PIN's user cannot see it).");
        }

        try
        {
            _token.UseReadWrite(session =>
            {
                var attributes = _token.Factories.ObjectAttributeFactory;
                using var mechanism = _token.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_GEN);
                return session.GenerateKey(mechanism,
                [
                    attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
                    attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
                    attributes.Create(CKA.CKA_VALUE_LEN, 32UL),
                    attributes.Create(CKA.CKA_LABEL, CurrentKeyId),
                    attributes.Create(CKA.CKA_TOKEN, true),
                    attributes.Create(CKA.CKA_PRIVATE, true),
                    attributes.Create(CKA.CKA_SENSITIVE, true),
                    attributes.Create(CKA.CKA_EXTRACTABLE, false),
                    attributes.Create(CKA.CKA_ENCRYPT, true),
                    attributes.Create(CKA.CKA_DECRYPT, true),
                ]);
            });
        }
        catch (Pkcs11Exception ex)
        {
            throw new Pkcs11KeyProviderException(Pkcs11Failure.KeyNotFound, $"No AES key labelled `{CurrentKeyId}` on token `{_token.Label}`, and creating it failed ({ex.RV}).", ex);
        }
    }

    private void Probe()
    {
        var probe = RandomNumberGenerator.GetBytes(32);
        var context = "tma.pkcs11.probe"u8.ToArray();
        try
        {
            var back = Unwrap(Wrap(probe, context), context);
            if (!CryptographicOperations.FixedTimeEquals(probe, back))
            {
                throw new CryptographicException("The key unwrapped another value than it wrapped.");
            }
        }
        catch (CryptographicException ex)
        {
            throw new Pkcs11KeyProviderException(Pkcs11Failure.KeyUnusable, $"Key `{CurrentKeyId}` on token `{_token.Label}` cannot wrap and unwrap with AES-GCM (it needs CKA_ENCRYPT and CKA_DECRYPT, and the module CKM_AES_GCM): {ex.Message}", ex);
        }
    }
}
