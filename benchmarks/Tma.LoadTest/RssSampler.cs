using System.Globalization;

namespace Tma.LoadTest;

/// <summary>
/// Samples the server's resident set size (VmRSS in /proc/&lt;pid&gt;/status) at a fixed interval, so that a report can
/// show whether memory stays flat under sustained load. Linux only; elsewhere, or without a pid, it records nothing.
/// </summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly string? _statusFile;
    private readonly List<long> _kib = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RssSampler(int? pid, TimeSpan interval)
    {
        _statusFile = pid is { } p && File.Exists($"/proc/{p}/status") ? $"/proc/{p}/status" : null;
        Sample();
        _loop = _statusFile is null ? Task.CompletedTask : LoopAsync(interval);
    }

    /// <summary>The samples so far, in MiB, oldest first.</summary>
    public IReadOnlyList<double> MiB
    {
        get
        {
            lock (_kib)
            {
                return _kib.Select(k => k / 1024.0).ToArray();
            }
        }
    }

    public bool Available => _statusFile is not null;

    /// <summary>Takes one sample now (the constructor takes the first; take the last when the load stops).</summary>
    public void Sample()
    {
        if (_statusFile is null)
        {
            return;
        }

        try
        {
            foreach (var line in File.ReadLines(_statusFile))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kib = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                    lock (_kib)
                    {
                        _kib.Add(kib);
                    }

                    return;
                }
            }
        }
        catch (IOException)
        {
            // The server exited; the report shows the samples taken until then.
        }
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
