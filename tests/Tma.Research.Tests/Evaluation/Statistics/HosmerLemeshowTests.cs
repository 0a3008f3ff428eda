using MathNet.Numerics.Distributions;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class HosmerLemeshowTests
{
    [Fact]
    public void Statistic_and_p_value_by_hand()
    {
        // 9 cases, 3 groups of 3 by sorted risk.
        //  group 1: p .1 .2 .3, y 0 0 1: O₁ 1, E₁ .6; O₀ 2, E₀ 2.4 → .16/.6 + .16/2.4 = .26667 + .06667 = .33333
        //  group 2: p .4 .5 .6, y 0 1 1: O₁ 2, E₁ 1.5; O₀ 1, E₀ 1.5 → .25/1.5 + .25/1.5 = .33333
        //  group 3: p .7 .8 .9, y 1 1 1: O₁ 3, E₁ 2.4; O₀ 0, E₀ .6 → .36/2.4 + .36/.6 = .15 + .6 = .75
        //  χ² = 1.416667 with df = 3 − 2 = 1; for df 1, P(χ² ≥ x) = 2·(1 − Φ(√x)).
        double[] p = [0.5, 0.1, 0.9, 0.2, 0.7, 0.3, 0.4, 0.8, 0.6];
        bool[] y = [true, false, true, false, true, true, false, true, true];

        var result = HosmerLemeshow.Test(p, y, groups: 3);

        Assert.Equal(1.0 / 3 + 1.0 / 3 + 0.75, result.ChiSquare, 10);
        Assert.Equal(1, result.DegreesOfFreedom);
        Assert.Equal(2 * (1 - Normal.CDF(0, 1, Math.Sqrt(result.ChiSquare))), result.PValue, 10);
        Assert.Equal([3, 3, 3], result.Groups.Select(g => g.N));
        Assert.Equal([1, 2, 3], result.Groups.Select(g => g.ObservedEvents));
    }

    [Fact]
    public void Tied_risks_stay_in_one_group()
    {
        // Cuts after ⌈9/3⌉ = 3 and 6 cases; the 4th case ties the 3rd (0.1), so the first cut moves to 4.
        double[] p = [0.1, 0.1, 0.1, 0.1, 0.5, 0.5, 0.9, 0.9, 0.9];
        bool[] y = [false, false, true, false, true, false, true, true, false];

        var result = HosmerLemeshow.Test(p, y, groups: 3);

        Assert.Equal([4, 2, 3], result.Groups.Select(g => g.N));
    }

    [Fact]
    public void P_value_agrees_with_the_chi_squared_distribution_for_ten_groups()
    {
        var random = new Random(41);
        var p = new double[2000];
        var y = new bool[p.Length];
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = random.NextDouble();
            y[i] = random.NextDouble() < p[i];
        }

        var result = HosmerLemeshow.Test(p, y);

        Assert.Equal(8, result.DegreesOfFreedom);
        Assert.Equal(1 - ChiSquared.CDF(8, result.ChiSquare), result.PValue, 10);
        Assert.Equal(10, result.Groups.Count);
        Assert.Equal(p.Length, result.Groups.Sum(g => g.N));
    }

    [Fact]
    public void Too_few_groups_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => HosmerLemeshow.Test([0.1, 0.2, 0.3], [true, false, true], groups: 2));
        var ex = Assert.Throws<ArgumentException>(() => HosmerLemeshow.Test([0.1, 0.1, 0.1, 0.5, 0.5, 0.5], [true, false, true, false, true, false], groups: 3));
        Assert.Contains("distinct risk groups", ex.Message, StringComparison.Ordinal);
    }
}
