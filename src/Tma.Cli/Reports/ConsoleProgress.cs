using System.Diagnostics;
using System.Globalization;

namespace Tma.Cli.Reports;

/// <summary>
/// A progress bar on stderr for long runs: rows read, an estimated share of the file (from the file size and the
/// length of its first lines) and the elapsed time, redrawn at most 5 times a second. Created only when stderr is a
/// terminal (<see cref="Console.IsErrorRedirected"/> is false), so logs and pipes never see it.
/// </summary>
internal sealed class ConsoleProgress : IProgress<long>, IDisposable
{
    private const int BarWidth = 30;

    private readonly TextWriter _error;
    private readonly string _label;
    private readonly double _estimatedRows;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDrawMs = -1000;
    private bool _drawn;

    private ConsoleProgress(TextWriter error, string label, double estimatedRows)
    {
        _error = error;
        _label = label;
        _estimatedRows = estimatedRows;
    }

    /// <summary>A progress bar when <paramref name="error"/> is the real stderr of a terminal; otherwise null.</summary>
    public static ConsoleProgress? ForTerminal(TextWriter error, string label, string dataPath)
    {
        if (Console.IsErrorRedirected || !ReferenceEquals(error, Console.Error))
        {
            return null;
        }

        return new ConsoleProgress(error, label, EstimateRows(dataPath));
    }

    public void Report(long value)
    {
        var now = _clock.ElapsedMilliseconds;
        if (now - _lastDrawMs < 200)
        {
            return;
        }

        _lastDrawMs = now;
        var share = _estimatedRows > 0 ? Math.Min(0.99, value / _estimatedRows) : 0;
        var filled = (int)(share * BarWidth);
        var bar = new string('#', filled) + new string('.', BarWidth - filled);
        _error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{_label} [{bar}] ~{share,4:P0}  {value,12:N0} rows  {now / 1000.0,6:F1} s"));
        _drawn = true;
    }

    /// <summary>Says that the rows are read and the figures are being computed.</summary>
    public void Phase(string text)
    {
        _error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{_label} {text,-70}"));
        _drawn = true;
    }

    public void Dispose()
    {
        if (_drawn)
        {
            _error.Write("\r" + new string(' ', 100) + "\r");
            _drawn = false;
        }
    }

    /// <summary>File size divided by the mean length of the first lines (up to 1 MB): good enough for a progress bar.</summary>
    private static double EstimateRows(string path)
    {
        try
        {
            var info = new FileInfo(path);
            using var stream = info.OpenRead();
            var buffer = new byte[1 << 20];
            var read = stream.Read(buffer, 0, buffer.Length);
            var lines = buffer.AsSpan(0, read).Count((byte)'\n');
            return lines <= 1 ? 0 : info.Length / ((double)read / lines);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
