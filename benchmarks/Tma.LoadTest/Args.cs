using System.Globalization;

namespace Tma.LoadTest;

/// <summary>The load generator's command line (see Program.cs for the usage line).</summary>
internal sealed record Args(string Url, string TokenKey, int Seconds, int WarmupSeconds, int Concurrency, string Model, string Label, string? Out, int? ServerPid)
{
    public static Args Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        int Number(string name, string fallback) => int.Parse(Value(name, fallback), CultureInfo.InvariantCulture);

        return new Args(
            Value("--url", "http://127.0.0.1:5091"),
            Value("--token-key", "tma.db.token.pem"),
            Number("--seconds", "60"),
            Number("--warmup", "5"),
            Number("--concurrency", "8"),
            Value("--model", "warning-behaviours-triage"),
            Value("--label", "sqlite"),
            args.Contains("--out") ? Value("--out", "") : null,
            args.Contains("--server-pid") ? Number("--server-pid", "0") : null);
    }
}
