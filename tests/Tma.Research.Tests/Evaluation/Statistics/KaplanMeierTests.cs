using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class KaplanMeierTests
{
    [Fact]
    public void Placebo_group_of_Freireich_without_censoring_is_the_share_still_in_remission()
    {
        // No censoring: S(t) = (rows with time > t) / 21. Kleinbaum & Klein (2012), Table 2.1 (group 2):
        //   S(1) = 19/21 = .905, S(2) = 17/21 = .810, S(3) = 16/21 = .762, S(4) = 14/21 = .667, S(5) = 12/21 = .571,
        //   S(8) = 8/21 = .381, S(11) = 6/21 = .286, S(12) = 4/21 = .190, S(15) = 3/21 = .143, S(17) = 2/21 = .095,
        //   S(22) = 1/21 = .048, S(23) = 0.
        var (times, events, groups) = SurvivalTestData.Freireich();
        var placebo = Enumerable.Range(0, times.Length).Where(i => groups[i] == 1).ToArray();

        var curve = KaplanMeier.Estimate([.. placebo.Select(i => times[i])], [.. placebo.Select(i => events[i])]);

        double[] at = [1, 2, 3, 4, 5, 8, 11, 12, 15, 17, 22, 23];
        int[] left = [19, 17, 16, 14, 12, 8, 6, 4, 3, 2, 1, 0];
        for (var k = 0; k < at.Length; k++)
        {
            Assert.Equal(left[k] / 21.0, curve.SurvivalAt(at[k]), 12);
        }

        Assert.Equal(8 / 21.0, curve.SurvivalAt(10), 12); // flat between steps
        Assert.Equal(1.0, curve.SurvivalAt(0.5));
        Assert.Equal(8.0, curve.Median); // S(5) = .571 > .5, S(8) = .381 ≤ .5
        Assert.Equal(21, curve.Events);
    }

    [Fact]
    public void Six_MP_group_product_limit_and_Greenwood_error_by_hand()
    {
        // 6-MP group (Kleinbaum & Klein 2012, Table 2.1 group 1):
        //   t = 6:  n 21, d 3 → S = 18/21 = .8571
        //   t = 7:  n 17, d 1 → S = .8571 · 16/17 = .8067
        //   t = 10: n 15, d 1 → S = .8067 · 14/15 = .7529
        //   t = 13: n 12, d 1 → S = .7529 · 11/12 = .6902
        //   t = 16: n 11, d 1 → S = .6902 · 10/11 = .6275
        //   t = 22: n 7,  d 1 → S = .6275 · 6/7 = .5378
        //   t = 23: n 6,  d 1 → S = .5378 · 5/6 = .4482
        // Greenwood at t = 6: Var S = S² · 3/(21·18) = .73469 · .0079365 = .0058309, SE = .0764.
        // Log-log 95% interval at t = 6: σ = √(3/378) = .089087; log S = −.15415; e^(1.959964·.089087/.15415) = e^1.13270 = 3.1040;
        //   lower = .8571^3.1040 = .6197, upper = .8571^(1/3.1040) = .9516.
        var (times, events, groups) = SurvivalTestData.Freireich();
        var mp = Enumerable.Range(0, times.Length).Where(i => groups[i] == 0).ToArray();

        var curve = KaplanMeier.Estimate([.. mp.Select(i => times[i])], [.. mp.Select(i => events[i])]);

        var expected = 18.0 / 21;
        Assert.Equal(expected, curve.SurvivalAt(6), 12);
        foreach (var (t, n) in new (double, int)[] { (7, 17), (10, 15), (13, 12), (16, 11), (22, 7), (23, 6) })
        {
            expected *= (n - 1.0) / n;
            Assert.Equal(expected, curve.SurvivalAt(t), 12);
            Assert.Equal(n, curve.AtRisk(t));
        }

        Assert.Equal(0.4482, curve.SurvivalAt(35), 4);
        Assert.Equal(23.0, curve.Median);
        var six = curve.Steps.Single(s => s.Time == 6);
        Assert.Equal((21, 3, 1), (six.AtRisk, six.Events, six.Censored));
        Assert.Equal(Math.Sqrt(Math.Pow(18.0 / 21, 2) * 3 / (21.0 * 18)), six.StandardError, 12);
        Assert.Equal(0.0764, six.StandardError, 4);
        Assert.Equal(0.6197, six.Lower, 4);
        Assert.Equal(0.9516, six.Upper, 4);
    }

    [Fact]
    public void Censoring_at_an_event_time_counts_the_censored_row_as_at_risk()
    {
        // Times 1, 1*, 2: at t = 1 three rows at risk, one event → 2/3; at t = 2 one at risk, one event → 0.
        var curve = KaplanMeier.Estimate([1, 1, 2], [true, false, true]);
        Assert.Equal(2.0 / 3, curve.SurvivalAt(1), 12);
        Assert.Equal(0.0, curve.SurvivalAt(2));
        var last = curve.Steps[^1];
        Assert.Equal((0.0, 0.0), (last.Lower, last.Upper));
        Assert.Equal(1.0, curve.SurvivalBefore(1));
    }

    [Fact]
    public void Bad_times_are_refused()
    {
        Assert.Throws<ArgumentException>(() => KaplanMeier.Estimate([1, -1], [true, true]));
        Assert.Throws<ArgumentException>(() => KaplanMeier.Estimate([1, double.NaN], [true, true]));
        Assert.Throws<ArgumentException>(() => KaplanMeier.Estimate([1], [true, true]));
    }
}
