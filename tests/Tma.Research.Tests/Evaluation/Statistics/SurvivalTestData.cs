namespace Tma.Research.Tests.Evaluation.Statistics;

/// <summary>Shared time-to-event examples.</summary>
internal static class SurvivalTestData
{
    /// <summary>
    /// Freireich et al. (1963, Blood 21:699–716) remission times in weeks of 42 leukaemia patients, as printed in
    /// Kleinbaum &amp; Klein, Survival Analysis (3rd ed., 2012), ch. 1 and 2 (and R's MASS::gehan): group 1 = 6-MP
    /// (9 relapses, 12 censored), group 2 = placebo (21 relapses, none censored).
    /// </summary>
    public static (double[] Times, bool[] Events, int[] Groups) Freireich()
    {
        (double Time, bool Event)[] mp =
        [
            (6, true), (6, true), (6, true), (6, false), (7, true), (9, false), (10, true), (10, false), (11, false), (13, true), (16, true),
            (17, false), (19, false), (20, false), (22, true), (23, true), (25, false), (32, false), (32, false), (34, false), (35, false),
        ];
        double[] placebo = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23];
        return (
            [.. mp.Select(r => r.Time), .. placebo],
            [.. mp.Select(r => r.Event), .. placebo.Select(_ => true)],
            [.. mp.Select(_ => 0), .. placebo.Select(_ => 1)]);
    }

    /// <summary>
    /// Six rows for hand computation (row: time, event, score):
    /// A 2 1 .90 · B 3 0 .95 · C 4 1 .70 · D 4 0 .20 · E 5 1 .70 · F 6 0 .10.
    /// </summary>
    public static (double[] Times, bool[] Events, double[] Scores) SixRows() =>
        ([2, 3, 4, 4, 5, 6], [true, false, true, false, true, false], [0.90, 0.95, 0.70, 0.20, 0.70, 0.10]);
}
