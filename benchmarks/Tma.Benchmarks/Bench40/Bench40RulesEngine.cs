using System.Text.Json;
using RulesEngine.Models;

namespace Tma.Benchmarks.Bench40;

/// <summary>
/// The 40 bench-40 rules as a Microsoft RulesEngine workflow (<c>bench-40.rulesengine.json</c>, lambda expressions over
/// <see cref="BenchCase"/> as <c>input1</c>). Assess = execute all rules of the workflow, then <see cref="Bench40Scoring"/>.
/// </summary>
public sealed class Bench40RulesEngine
{
    private const string Workflow = "bench-40";
    private readonly RulesEngine.RulesEngine _engine;
    private readonly Dictionary<string, int> _index;

    public Bench40RulesEngine()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Bench40", "bench-40.rulesengine.json");
        var workflows = JsonSerializer.Deserialize<Workflow[]>(File.ReadAllText(path)) ?? throw new InvalidDataException(path);
        _engine = new RulesEngine.RulesEngine(workflows, new ReSettings());
        _index = workflows[0].Rules.Select((rule, i) => (rule.RuleName, i)).ToDictionary(r => r.RuleName, r => r.i, StringComparer.Ordinal);
    }

    /// <summary>Score and level rank of one case; <paramref name="fired"/> receives which rules fired.</summary>
    public (double Score, int Rank) Assess(BenchCase fact, bool[] fired)
    {
        Array.Clear(fired);
        var results = _engine.ExecuteAllRulesAsync(Workflow, fact).GetAwaiter().GetResult();
        foreach (var result in results)
        {
            if (result.IsSuccess)
            {
                fired[_index[result.Rule.RuleName]] = true;
            }
            else if (!string.IsNullOrEmpty(result.ExceptionMessage))
            {
                throw new InvalidOperationException($"RulesEngine rule {result.Rule.RuleName}: {result.ExceptionMessage}");
            }
        }

        return Bench40Scoring.Outcome(fired);
    }
}
