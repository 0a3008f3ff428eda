using Tma.Models.Cases;

namespace Tma.Benchmarks.Bench40;

/// <summary>
/// One case of the bench-40 package as a plain object, the natural input of the peers (NRules fluent rules and
/// RulesEngine expressions). Values are level positions: presence absent 0 / possible 1 / present 2; frequency never 0 …
/// daily 4; relevance low 0 … high 2; o1 none 0 … max 4; o2 none 0 … high 3. Every input is known.
/// </summary>
public sealed class BenchCase
{
    /// <summary>Categories of <c>rel</c>, in model order.</summary>
    public static readonly string[] Relations = ["colleague", "supervisor", "former", "partner", "stranger"];

    public int P01 { get; init; }
    public int P02 { get; init; }
    public int P03 { get; init; }
    public int P04 { get; init; }
    public int P05 { get; init; }
    public int P05Relevance { get; init; }
    public int P06 { get; init; }
    public int P07 { get; init; }
    public int P08 { get; init; }
    public int P09 { get; init; }
    public int P10 { get; init; }
    public int P11 { get; init; }
    public int P12 { get; init; }
    public int F01 { get; init; }
    public int F02 { get; init; }
    public int F03 { get; init; }
    public int F04 { get; init; }
    public int O1 { get; init; }
    public int O2 { get; init; }
    public bool B1 { get; init; }
    public bool B2 { get; init; }
    public bool B3 { get; init; }
    public string Rel { get; init; } = "colleague";
    public double Days { get; init; }

    /// <summary>Which of the 40 rules fired; written by the NRules fluent rules' actions.</summary>
    public bool[] Fired { get; } = new bool[40];

    /// <summary>Called by a fluent rule's action.</summary>
    public void Fire(int rule) => Fired[rule] = true;

    /// <summary>The values in the model's input order (the engine's dense row).</summary>
    public double?[] Values() =>
    [
        P01, P02, P03, P04, P05, P06, P07, P08, P09, P10, P11, P12, F01, F02, F03, F04, O1, O2,
        B1 ? 1 : 0, B2 ? 1 : 0, B3 ? 1 : 0, Array.IndexOf(Relations, Rel), Days,
    ];

    /// <summary>The relevance axis in the model's input order.</summary>
    public double?[] Relevance()
    {
        var relevance = new double?[23];
        relevance[4] = P05Relevance;
        return relevance;
    }

    /// <summary>The case resolved for the engine.</summary>
    public ResolvedCase Resolved() => new(Values(), Relevance(), [], asOf: null, norm: null);

    /// <summary>Random cases with a plausible spread: most items absent, some possible, few present.</summary>
    public static BenchCase[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        int Presence() => random.NextDouble() switch { < 0.55 => 0, < 0.83 => 1, _ => 2 };
        int Frequency() => random.NextDouble() switch { < 0.4 => 0, < 0.65 => 1, < 0.8 => 2, < 0.92 => 3, _ => 4 };
        return [.. Enumerable.Range(0, count).Select(_ => new BenchCase
        {
            P01 = Presence(), P02 = Presence(), P03 = Presence(), P04 = Presence(), P05 = Presence(), P05Relevance = random.Next(3),
            P06 = Presence(), P07 = Presence(), P08 = Presence(), P09 = Presence(), P10 = Presence(), P11 = Presence(), P12 = Presence(),
            F01 = Frequency(), F02 = Frequency(), F03 = Frequency(), F04 = Frequency(),
            O1 = random.Next(5), O2 = random.Next(4),
            B1 = random.NextDouble() < 0.15, B2 = random.NextDouble() < 0.2, B3 = random.NextDouble() < 0.2,
            Rel = Relations[random.Next(Relations.Length)],
            Days = random.Next(0, 366),
        })];
    }
}
