using System.Collections.Concurrent;

namespace Tma.CaseStore;

/// <summary>
/// One async gate per SQLite database file, shared by every store in the process that opens the file. SQLite admits
/// one writer at a time; without the gate, concurrent writers of this process would spin in SQLite's busy handler,
/// which sleeps in growing steps (up to 100 ms) and gave the load test its long latency tail. With it they queue in
/// order and each starts as soon as the previous one commits. Writers in other processes still meet the busy timeout.
/// </summary>
internal sealed class WriterGate
{
    private static readonly ConcurrentDictionary<string, WriterGate> Gates = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    private WriterGate()
    {
    }

    /// <summary>The gate of the database file at <paramref name="path"/> (":memory:" databases are private to a connection and get their own).</summary>
    public static WriterGate For(string path) =>
        path == ":memory:" ? new WriterGate() : Gates.GetOrAdd(Path.GetFullPath(path), static _ => new WriterGate());

    /// <summary>Waits for the gate; dispose the result to release it.</summary>
    public async Task<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(_semaphore);
    }

    /// <summary>Releases the gate once.</summary>
    internal sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private SemaphoreSlim? _semaphore = semaphore;

        public void Dispose() => Interlocked.Exchange(ref _semaphore, null)?.Release();
    }
}
