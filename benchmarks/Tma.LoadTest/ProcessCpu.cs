using System.Globalization;

namespace Tma.LoadTest;

/// <summary>
/// The CPU time a process has used (user + system, from /proc/&lt;pid&gt;/stat). CPU per request is the figure that
/// survives a busy machine: neighbours stretch latency and cut throughput, but barely change what one request costs.
/// </summary>
internal static class ProcessCpu
{
    // Linux reports utime and stime in clock ticks; USER_HZ is 100 on every mainstream architecture.
    private const double TicksPerSecond = 100;

    /// <summary>The process's CPU seconds so far; null without /proc or a pid.</summary>
    public static double? Seconds(int? pid)
    {
        var file = pid is { } p ? $"/proc/{p}/stat" : null;
        if (file is null || !File.Exists(file))
        {
            return null;
        }

        try
        {
            // Fields after the command name (which is in parentheses and may contain spaces): utime is field 14,
            // stime field 15 of the whole line, so 12 and 13 after the closing parenthesis.
            var text = File.ReadAllText(file);
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
