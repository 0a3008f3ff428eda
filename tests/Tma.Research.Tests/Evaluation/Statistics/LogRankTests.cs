using MathNet.Numerics.Distributions;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class LogRankTests
{
    [Fact]
    public void Freireich_6MP_against_placebo_gives_the_textbook_chi_square()
    {
        // Kleinbaum & Klein (2012), ch. 2: O₁ = 9, E₁ = 19.25 (6-MP); O₂ = 21, E₂ = 10.75 (placebo);
        // Var(O₂ − E₂) = 6.2570; log-rank χ² = (21 − 10.75)² / 6.2570 = 16.79 on 1 df.
        // R: survdiff(Surv(time, cens) ~ treat, data = MASS::gehan) prints "Chisq= 16.8 on 1 degrees of freedom, p= 4e-05".
        var (times, events, groups) = SurvivalTestData.Freireich();

        var result = LogRank.Test(times, events, groups, 2);

        Assert.Equal(9, result.Groups[0].Observed);
        Assert.Equal(21, result.Groups[1].Observed);
        Assert.Equal(19.25, result.Groups[0].Expected, 2);
        Assert.Equal(10.75, result.Groups[1].Expected, 2);
        Assert.Equal(16.79, result.ChiSquare, 2);
        Assert.Equal(1, result.DegreesOfFreedom);
        Assert.Equal(1 - ChiSquared.CDF(1, result.ChiSquare), result.PValue, 10);
        Assert.Equal(30, result.Groups.Sum(g => g.Observed));
        Assert.Equal(30, result.Groups.Sum(g => g.Expected), 10); // Σ E = Σ O always
    }

    [Fact]
    public void Three_groups_by_hand()
    {
        // Groups a: 1, 3 · b: 2, 4* · c: 5 (all events but 4*).
        // t=1: n 5 (a2 b2 c1), d 1 → E a .4, b .4, c .2; factor d(n−d)/(n−1) = 1
        //      V_aa = .4·.6 = .24, V_ab = −.4·.4 = −.16, V_bb = .24
        // t=2: n 4 (a1 b2 c1), d 1 → E a .25, b .5, c .25; V_aa += .25·.75 = .1875, V_ab += −.25·.5 = −.125, V_bb += .5·.5 = .25
        // t=3: n 3 (a1 b1 c1), d 1 → E ⅓ each; V_aa += 2/9, V_ab += −1/9, V_bb += 2/9
        // t=4: censoring only. t=5: n 1, d 1 → E c 1; factor 0.
        // O − E: a 2 − (.4 + .25 + ⅓) = 1.01667; b 1 − (.4 + .5 + ⅓) = −.23333
        // V = [[.65, −.39444], [−.39444, .71222]]; χ² = xᵀV⁻¹x with 2 df.
        var result = LogRank.Test([1, 3, 2, 4, 5], [true, true, true, false, true], [0, 0, 1, 1, 2], 3);

        double vaa = 0.24 + 0.1875 + (2.0 / 9), vab = -0.16 - 0.125 - (1.0 / 9), vbb = 0.24 + 0.25 + (2.0 / 9);
        double xa = 2 - (0.4 + 0.25 + (1.0 / 3)), xb = 1 - (0.4 + 0.5 + (1.0 / 3));
        var det = (vaa * vbb) - (vab * vab);
        var chi = ((xa * xa * vbb) - (2 * xa * xb * vab) + (xb * xb * vaa)) / det;
        Assert.Equal(chi, result.ChiSquare, 10);
        Assert.Equal(2, result.DegreesOfFreedom);
        Assert.Equal(0.2 + 0.25 + (1.0 / 3) + 1, result.Groups[2].Expected, 10);
    }

    [Fact]
    public void A_group_with_no_rows_lowers_the_degrees_of_freedom()
    {
        var (times, events, groups) = SurvivalTestData.Freireich();
        var result = LogRank.Test(times, events, [.. groups.Select(g => g == 1 ? 2 : 0)], 3);
        Assert.Equal(1, result.DegreesOfFreedom);
        Assert.Equal(16.79, result.ChiSquare, 2);
    }
}
