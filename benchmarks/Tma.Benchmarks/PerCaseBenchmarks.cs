using BenchmarkDotNet.Attributes;
using Tma.Benchmarks.Bench40;

namespace Tma.Benchmarks;

/// <summary>
/// Per-case latency of the 40-indicator package, every variant on the same 200 cases (each invocation scores all of
/// them; times and allocations are per case). Baseline: <c>Assess</c> on the automatic (compiled) path, building the
/// full explained assessment. A Ratio of 40 means "40 times slower than our Assess".
/// </summary>
[MemoryDiagnoser]
public class PerCaseBenchmarks
{
    private Bench40Fixture _fixture = null!;
    private readonly bool[] _peerFired = new bool[40];

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new Bench40Fixture();
        var fired = _fixture.Verify();
        Console.WriteLine($"// bench-40: all variants agree on {Bench40Fixture.CaseCount} cases; {fired:0.0} of 40 indicators fire per case on average.");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Bench40Fixture.CaseCount, Description = "TMA Assess, auto path (compiled)")]
    public double AssessAuto()
    {
        var sum = 0.0;
        foreach (var data in _fixture.Resolved)
        {
            sum += _fixture.Auto.Assess(data).Score;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Bench40Fixture.CaseCount, Description = "TMA Assess incl. case resolution, auto path")]
    public double AssessAutoFromCaseData()
    {
        var sum = 0.0;
        foreach (var data in _fixture.Data)
        {
            sum += _fixture.Auto.Assess(data).Score;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Bench40Fixture.CaseCount, Description = "TMA Assess, forced NRules path")]
    public double AssessNRules()
    {
        var sum = 0.0;
        foreach (var data in _fixture.Resolved)
        {
            sum += _fixture.NRules.Assess(data).Score;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Bench40Fixture.CaseCount, Description = "NRules fluent DSL, session per case")]
    public double NRulesFluent()
    {
        var sum = 0.0;
        foreach (var data in _fixture.Cases)
        {
            sum += _fixture.Fluent.Assess(data).Score;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Bench40Fixture.CaseCount, Description = "Microsoft RulesEngine 6.0.1 workflow")]
    public double RulesEngine()
    {
        var sum = 0.0;
        foreach (var data in _fixture.Cases)
        {
            sum += _fixture.Peer.Assess(data, _peerFired).Score;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Bench40Fixture.CaseCount, Description = "Plain C# function (floor)")]
    public double PlainCSharp()
    {
        var sum = 0.0;
        for (var k = 0; k < _fixture.Values.Length; k++)
        {
            sum += Bench40Plain.Score(_fixture.Values[k], _fixture.Relevance[k]).Score;
        }

        return sum;
    }
}
