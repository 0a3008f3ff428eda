using System.Globalization;
using System.Text;

namespace Tma.LoadTest;

/// <summary>What one run measured, and its Markdown report and one-line summary.</summary>
internal sealed record LoadReport(
    Args Options,
    double[] SortedLatenciesMs,
    double ElapsedSeconds,
    IReadOnlyDictionary<string, int> Errors,
    IReadOnlyList<double> RssMiB,
    double? ServerCpuSeconds,
    string LoadAverageBefore,
    string LoadAverageAfter)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public int ErrorCount => Errors.Values.Sum();

    public double Throughput => SortedLatenciesMs.Length / ElapsedSeconds;

    public double Percentile(double p) =>
        SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[Math.Min(SortedLatenciesMs.Length - 1, (int)Math.Ceiling(p * SortedLatenciesMs.Length) - 1)];

    private double Max => SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[^1];

    /// <summary>Server CPU milliseconds per measured request; null when not sampled.</summary>
    public double? CpuMsPerRequest => ServerCpuSeconds is { } cpu && SortedLatenciesMs.Length > 0 ? cpu * 1000 / SortedLatenciesMs.Length : null;

    public string Summary() =>
        string.Create(Inv, $"{Options.Label}: {Throughput:0} assessments/s, p50 {Percentile(0.50):0.0} ms, p99 {Percentile(0.99):0.0} ms, max {Max:0} ms, {ErrorCount} errors, ")
        + (RssMiB.Count == 0 ? "RSS not sampled" : string.Create(Inv, $"RSS {RssMiB[0]:0} -> {RssMiB[^1]:0} MiB (max {RssMiB.Max():0})"))
        + (CpuMsPerRequest is { } cpu ? string.Create(Inv, $", server CPU {cpu:0.00} ms/request") : "");

    public string Markdown()
    {
        var report = new StringBuilder()
            .AppendLine(Inv, $"## Load test: {Options.Label}")
            .AppendLine()
            .AppendLine(Inv, $"`POST /v1/cases/{{id}}/assessments` (model `{Options.Model}`, store + engine + audit), {Options.Concurrency} concurrent clients on loopback, {ElapsedSeconds:0.0} s measured after a {Options.WarmupSeconds} s warm-up; {Environment.ProcessorCount} cores, load average {LoadAverageBefore} before, {LoadAverageAfter} after.")
            .AppendLine()
            .AppendLine("| requests | errors | assessments/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |")
            .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|")
            .AppendLine(Inv, $"| {SortedLatenciesMs.Length} | {ErrorCount} | {Throughput:0.0} | {Percentile(0.50):0.00} | {Percentile(0.90):0.00} | {Percentile(0.99):0.00} | {Percentile(0.999):0.00} | {Max:0.00} |");
        if (ErrorCount > 0)
        {
            report.AppendLine()
                .AppendLine("Errors (warm-up included): " + string.Join(", ", Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => string.Create(Inv, $"{e.Key} × {e.Value}"))) + ".");
        }

        report.AppendLine();
        if (RssMiB.Count == 0)
        {
            report.AppendLine("Server RSS: not sampled (no `--server-pid`, or no /proc).");
        }
        else
        {
            report.AppendLine(Inv, $"Server RSS (VmRSS): {RssMiB[0]:0.0} MiB at the start of the measurement, {RssMiB[^1]:0.0} MiB at its end, {RssMiB.Max():0.0} MiB at most; samples every 5 s: {string.Join(", ", RssMiB.Select(m => m.ToString("0", Inv)))} MiB.");
        }

        if (CpuMsPerRequest is { } cpu)
        {
            report.AppendLine().AppendLine(Inv, $"Server CPU (user + system, the `tma serve` process only): {cpu:0.00} ms per request.");
        }

        return report.ToString();
    }
}
