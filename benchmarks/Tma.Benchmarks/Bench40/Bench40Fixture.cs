using Tma.Models.Cases;
using Tma.Models.Packaging;
using Tma.Scoring;
using Tma.Scoring.FastPath;

namespace Tma.Benchmarks.Bench40;

/// <summary>
/// Everything the bench-40 benchmarks share: the package compiled on both paths, the peers, the cases, and a check
/// that every variant computes the same score, level and fired rules on every case before anything is measured.
/// </summary>
public sealed class Bench40Fixture
{
    /// <summary>Cases per invocation of a per-case benchmark.</summary>
    public const int CaseCount = 200;

    public Bench40Fixture()
    {
        Package = ModelPackage.Load(RepositoryPaths.Bench40).GetValueOrThrow();
        Auto = RiskModelCompiler.Compile(Package);
        NRules = RiskModelCompiler.Compile(Package, options: new RiskModelOptions { Path = EvaluationPath.NRules });
        Fluent = new Bench40NRulesFluent();
        Peer = new Bench40RulesEngine();
        Cases = BenchCase.Generate(CaseCount, seed: 2026);
        Resolved = [.. Cases.Select(c => c.Resolved())];
        Data = [.. Cases.Select(ToCaseData)];
        Values = [.. Cases.Select(c => c.Values())];
        Relevance = [.. Cases.Select(c => c.Relevance())];
    }

    public ModelPackage Package { get; }

    public IRiskModel Auto { get; }

    public IRiskModel NRules { get; }

    public Bench40NRulesFluent Fluent { get; }

    public Bench40RulesEngine Peer { get; }

    public BenchCase[] Cases { get; }

    public ResolvedCase[] Resolved { get; }

    public CaseData[] Data { get; }

    public double?[][] Values { get; }

    public double?[][] Relevance { get; }

    /// <summary>Throws unless every variant gives the same score, level (and fired rules, where reported) on every case.</summary>
    /// <returns>The mean number of fired indicators per case.</returns>
    public double Verify()
    {
        var firedTotal = 0;
        var peerFired = new bool[40];
        for (var k = 0; k < Cases.Length; k++)
        {
            var auto = Auto.Assess(Resolved[k]);
            var fromData = Auto.Assess(Data[k]);
            var nrules = NRules.Assess(Resolved[k]);
            var plain = Bench40Plain.Score(Values[k], Relevance[k]);
            var fluent = Fluent.Assess(Cases[k]);
            var peer = Peer.Assess(Cases[k], peerFired);
            var engineFired = Enumerable.Range(0, 40).Select(i => auto.Indicators.Any(f => f.Id == $"i{i + 1:00}")).ToArray();
            var expected = (auto.Score, auto.LevelRank);
            Check(k, "auto (from case data)", expected, (fromData.Score, fromData.LevelRank));
            Check(k, "nrules", expected, (nrules.Score, nrules.LevelRank));
            Check(k, "plain C#", expected, (Math.Round(plain.Score, 6), plain.Rank));
            Check(k, "NRules fluent", expected, (Math.Round(fluent.Score, 6), fluent.Rank));
            Check(k, "RulesEngine", expected, (Math.Round(peer.Score, 6), peer.Rank));
            if (auto.Engine != "compiled" || nrules.Engine != "nrules"
                || !engineFired.SequenceEqual(Cases[k].Fired) || !engineFired.SequenceEqual(peerFired))
            {
                throw new InvalidOperationException($"Case {k}: the variants disagree on which rules fired or on the engine path.");
            }

            firedTotal += auto.Indicators.Count;
        }

        return (double)firedTotal / Cases.Length;
    }

    private static void Check(int k, string variant, (double, int) expected, (double, int) actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"Case {k}: {variant} gives {actual}, the engine {expected}.");
        }
    }

    private static CaseData ToCaseData(BenchCase c)
    {
        string[] presence = ["absent", "possible", "present"];
        string[] frequency = ["never", "now_and_then", "monthly", "weekly", "daily"];
        string[] relevance = ["low", "moderate", "high"];
        var inputs = new Dictionary<string, CaseValue>(StringComparer.Ordinal)
        {
            ["p01"] = CaseValue.Level(presence[c.P01]), ["p02"] = CaseValue.Level(presence[c.P02]), ["p03"] = CaseValue.Level(presence[c.P03]),
            ["p04"] = CaseValue.Level(presence[c.P04]), ["p05"] = CaseValue.Level(presence[c.P05], relevance[c.P05Relevance]),
            ["p06"] = CaseValue.Level(presence[c.P06]), ["p07"] = CaseValue.Level(presence[c.P07]), ["p08"] = CaseValue.Level(presence[c.P08]),
            ["p09"] = CaseValue.Level(presence[c.P09]), ["p10"] = CaseValue.Level(presence[c.P10]), ["p11"] = CaseValue.Level(presence[c.P11]),
            ["p12"] = CaseValue.Level(presence[c.P12]),
            ["f01"] = CaseValue.Level(frequency[c.F01]), ["f02"] = CaseValue.Level(frequency[c.F02]), ["f03"] = CaseValue.Level(frequency[c.F03]),
            ["f04"] = CaseValue.Level(frequency[c.F04]),
            ["o1"] = CaseValue.Level(new[] { "none", "low", "mid", "high", "max" }[c.O1]), ["o2"] = CaseValue.Level(new[] { "none", "low", "mid", "high" }[c.O2]),
            ["b1"] = CaseValue.Level(c.B1 ? "yes" : "no"), ["b2"] = CaseValue.Level(c.B2 ? "yes" : "no"), ["b3"] = CaseValue.Level(c.B3 ? "yes" : "no"),
            ["rel"] = CaseValue.Level(c.Rel), ["days"] = CaseValue.Of(c.Days),
        };
        return new CaseData { Inputs = inputs };
    }
}
