using System.Diagnostics;
using Tma.Benchmarks.Bench40;

namespace Tma.Benchmarks;

/// <summary>
/// Runs one bench-40 variant in a loop for a number of seconds, for a profiler (dotnet-trace, dotnet-counters) to
/// watch: <c>auto</c>, <c>nrules</c>, <c>data</c> (auto path including case resolution), <c>fluent</c>, <c>rulesengine</c>.
/// </summary>
internal static class ProfileLoop
{
    public static void Run(string variant, int seconds)
    {
        var fixture = new Bench40Fixture();
        fixture.Verify();
        var fired = new bool[40];
        Action<int> step = variant switch
        {
            "auto" => k => fixture.Auto.Assess(fixture.Resolved[k]),
            "nrules" => k => fixture.NRules.Assess(fixture.Resolved[k]),
            "data" => k => fixture.Auto.Assess(fixture.Data[k]),
            "fluent" => k => fixture.Fluent.Assess(fixture.Cases[k]),
            "rulesengine" => k => fixture.Peer.Assess(fixture.Cases[k], fired),
            _ => throw new ArgumentException($"Unknown variant {variant}: auto, nrules, data, fluent or rulesengine."),
        };
        var clock = Stopwatch.StartNew();
        long count = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            step((int)(count++ % Bench40Fixture.CaseCount));
        }

        Console.WriteLine($"{variant}: {count:N0} assessments in {clock.Elapsed.TotalSeconds:0.0} s ({clock.Elapsed.TotalMicroseconds / count:0.00} µs each)");
    }
}
