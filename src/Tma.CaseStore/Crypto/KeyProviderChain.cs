using System.Security.Cryptography;

namespace Tma.CaseStore;

/// <summary>
/// A current key provider plus previous ones that only unwrap: the bridge of a rotation from one provider to another
/// (local keys to an HSM, one HSM or token to the next, an HSM to a cloud KMS). New data keys are wrapped by the
/// current provider; a wrapped key is unwrapped by the first provider, current first, that unwraps it. Once
/// <see cref="CaseStore.RotateKeysAsync"/> has re-wrapped every key under the current provider, the previous ones can
/// be dropped.
/// </summary>
/// <remarks>Give the keys of different providers different ids: a key id is all the store records about its KEK.
/// Disposing the chain disposes every provider in it that is disposable.</remarks>
public sealed class KeyProviderChain : IKeyProvider, IDisposable
{
    private readonly IKeyProvider[] _providers;

    /// <summary>Creates the chain.</summary>
    /// <param name="current">Wraps every new data key; tried first on unwrap.</param>
    /// <param name="previous">Unwrap only, tried in order after the current provider.</param>
    public KeyProviderChain(IKeyProvider current, params IReadOnlyList<IKeyProvider> previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        _providers = [current, .. previous];
        Current = current;
        Previous = previous;
    }

    /// <summary>The provider that wraps.</summary>
    public IKeyProvider Current { get; }

    /// <summary>The providers that only unwrap.</summary>
    public IReadOnlyList<IKeyProvider> Previous { get; }

    /// <inheritdoc />
    public string CurrentKeyId => Current.CurrentKeyId;

    /// <inheritdoc />
    public ValueTask<WrappedKey> WrapAsync(ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken) =>
        Current.WrapAsync(dataKey, context, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="CryptographicException">No provider in the chain unwraps the key (the last provider's error is the inner exception).</exception>
    public async ValueTask<byte[]> UnwrapAsync(WrappedKey wrappedKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wrappedKey);
        CryptographicException? last = null;
        // The provider whose current key it is first, then the others in order (a provider may hold older keys too).
        foreach (var provider in _providers.OrderBy(p => p.CurrentKeyId == wrappedKey.KeyId ? 0 : 1))
        {
            try
            {
                return await provider.UnwrapAsync(wrappedKey, context, cancellationToken).ConfigureAwait(false);
            }
            catch (CryptographicException ex)
            {
                last = ex;
            }
        }

        throw new CryptographicException($"No key provider in the chain unwraps a key wrapped under `{wrappedKey.KeyId}`.", last);
    }

    /// <summary>Disposes the providers that are disposable.</summary>
    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            (provider as IDisposable)?.Dispose();
        }
    }
}
