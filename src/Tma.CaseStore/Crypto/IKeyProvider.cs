namespace Tma.CaseStore;

/// <summary>A data key encrypted ("wrapped") under a key-encryption key.</summary>
/// <param name="KeyId">Which key-encryption key wrapped it.</param>
/// <param name="Ciphertext">The wrapped key, in the provider's own format.</param>
public sealed record WrappedKey(string KeyId, byte[] Ciphertext);

/// <summary>
/// Holds the key-encryption keys (KEKs) that wrap the store's data keys. <see cref="Pkcs11KeyProvider"/> keeps them in
/// an HSM; <see cref="LocalKeyProvider"/> reads them from a file or an environment variable for development; a host
/// on a cloud KMS implements this interface over it (docs/operations.md). The store never sees a KEK, only wrapped and
/// unwrapped data keys. Implementations must be safe to call from many threads at once.
/// </summary>
public interface IKeyProvider
{
    /// <summary>The id of the KEK that <see cref="WrapAsync"/> uses; data keys wrapped under another id are re-wrapped by key rotation.</summary>
    string CurrentKeyId { get; }

    /// <summary>Wraps a data key under the current KEK.</summary>
    /// <param name="dataKey">The 32-byte data key.</param>
    /// <param name="context">Associated data the wrapped key is bound to (it names the tenant and case); the same bytes must be given to <see cref="UnwrapAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The wrapped key, tagged with <see cref="CurrentKeyId"/>.</returns>
    ValueTask<WrappedKey> WrapAsync(ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken);

    /// <summary>Unwraps a data key.</summary>
    /// <param name="wrappedKey">The wrapped key.</param>
    /// <param name="context">The associated data given when it was wrapped.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The data key.</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The KEK is unknown, wrong, or the wrapped key or context was altered.</exception>
    ValueTask<byte[]> UnwrapAsync(WrappedKey wrappedKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken);
}
