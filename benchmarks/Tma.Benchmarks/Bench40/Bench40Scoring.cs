namespace Tma.Benchmarks.Bench40;

/// <summary>
/// The bench-40 aggregation written out by hand for the peers that only report which rules fired (NRules fluent,
/// RulesEngine): weighted points in declaration order, bands low &lt; 6 ≤ moderate &lt; 12 ≤ high &lt; 20 ≤ urgent, then
/// critical-item minimum levels.
/// </summary>
public static class Bench40Scoring
{
    /// <summary>points × weight per rule, in declaration order.</summary>
    private static readonly double[] Contribution =
    [
        2, 2, 3, 4.5, 4.5, 2, 1, 1, 1, 1, 1, 1, 2, 2, 2, 1.5, 1, 1, 2, 1,
        4.5, 6, 1, 2, 2, 1, 1.5, 2, 1, 0.5, 3, 2, 1, 1, 1, -1, 4, 2, 1, 0.5,
    ];

    /// <summary>Minimum level rank per rule (-1 = none).</summary>
    private static readonly int[] Minimum =
    [
        -1, -1, 1, -1, 2, -1, -1, -1, -1, -1, -1, -1, -1, 2, -1, -1, -1, -1, -1, -1,
        1, 3, -1, 2, 1, -1, -1, -1, -1, -1, 2, -1, -1, -1, -1, -1, 3, -1, -1, -1,
    ];

    /// <summary>Score and level rank from the fired flags.</summary>
    public static (double Score, int Rank) Outcome(bool[] fired)
    {
        var score = 0.0;
        var minimum = 0;
        for (var i = 0; i < fired.Length; i++)
        {
            if (fired[i])
            {
                score += Contribution[i];
                minimum = Math.Max(minimum, Minimum[i]);
            }
        }

        return (score, Math.Max(Band(score), minimum));
    }

    /// <summary>The band's level rank.</summary>
    public static int Band(double score) => score < 6 ? 0 : score < 12 ? 1 : score < 20 ? 2 : 3;
}
