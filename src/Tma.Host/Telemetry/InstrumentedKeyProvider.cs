using Tma.CaseStore;

namespace Tma.Host;

/// <summary>
/// The configured key provider, with each call counted and timed (<see cref="HostMetrics"/>): an HSM or KMS that
/// slows down or fails shows in the metrics before cases fail. Key ids, contexts and keys are never recorded.
/// </summary>
internal sealed class InstrumentedKeyProvider(IKeyProvider inner, TimeProvider time) : IKeyProvider, IDisposable
{
    /// <summary>The configured provider (local, PKCS#11, or a chain for a rotation between providers).</summary>
    public IKeyProvider Inner => inner;

    /// <inheritdoc />
    public string CurrentKeyId => inner.CurrentKeyId;

    /// <summary>Closes the configured provider (an HSM session pool) when the host stops.</summary>
    public void Dispose() => (inner as IDisposable)?.Dispose();

    /// <inheritdoc />
    public async ValueTask<WrappedKey> WrapAsync(ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var ok = false;
        try
        {
            var wrapped = await inner.WrapAsync(dataKey, context, cancellationToken).ConfigureAwait(false);
            ok = true;
            return wrapped;
        }
        finally
        {
            HostMetrics.KeyProviderCall("wrap", ok, time.GetElapsedTime(started));
        }
    }

    /// <inheritdoc />
    public async ValueTask<byte[]> UnwrapAsync(WrappedKey wrappedKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var ok = false;
        try
        {
            var key = await inner.UnwrapAsync(wrappedKey, context, cancellationToken).ConfigureAwait(false);
            ok = true;
            return key;
        }
        finally
        {
            HostMetrics.KeyProviderCall("unwrap", ok, time.GetElapsedTime(started));
        }
    }
}
