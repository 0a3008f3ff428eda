using MathNet.Numerics;

namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Hosmer-Lemeshow χ² test over groups of predicted risk ("deciles of risk"; Hosmer &amp; Lemeshow 1980, Commun Stat
/// Theory Methods A9:1043–1069; Hosmer, Lemeshow &amp; Sturdivant 2013, Applied Logistic Regression, 3rd ed., §5.2.2).
/// </summary>
public static class HosmerLemeshow
{
    /// <summary>The default number of groups (deciles of risk).</summary>
    public const int DefaultGroups = 10;

    /// <summary>
    /// Sorts cases by predicted risk and cuts them into <paramref name="groups"/> groups of (nearly) equal size: the k-th
    /// cut falls after ⌈k·N/g⌉ cases and moves up past cases tied with the one before it, so tied risks share a group;
    /// groups left empty by that are dropped and df = (non-empty groups) − 2. Probabilities are clamped to
    /// [1e-12, 1 − 1e-12] so no expected count is 0. O(n log n).
    /// </summary>
    /// <param name="probabilities">Predicted probability per case, in [0, 1].</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="groups">Number of groups; default <see cref="DefaultGroups"/>; at least 3.</param>
    /// <returns>The statistic, its degrees of freedom, p-value and the groups.</returns>
    /// <exception cref="ArgumentException">
    /// Lengths differ, input is empty, a probability is NaN or outside [0, 1], <paramref name="groups"/> is below 3,
    /// or ties leave fewer than 3 non-empty groups.
    /// </exception>
    public static HosmerLemeshowResult Test(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes, int groups = DefaultGroups)
    {
        if (groups < 3)
        {
            throw new ArgumentException($"The Hosmer-Lemeshow test needs at least 3 groups (df = groups − 2); got {groups}.", nameof(groups));
        }

        InputGuard.ProbabilitiesAndOutcomes(probabilities, outcomes);
        var n = probabilities.Length;
        var p = probabilities.ToArray();
        var y = outcomes.ToArray();
        Array.Sort(p, y);

        var result = new List<HosmerLemeshowGroup>(groups);
        var chiSquare = 0.0;
        var start = 0;
        for (var k = 1; k <= groups && start < n; k++)
        {
            var end = k == groups ? n : (int)Math.Ceiling((double)k * n / groups);
            end = Math.Max(end, start);
            while (end < n && end > 0 && p[end] == p[end - 1])
            {
                end++;
            }

            if (end == start)
            {
                continue;
            }

            var observed = 0;
            var expected = 0.0;
            for (var i = start; i < end; i++)
            {
                observed += y[i] ? 1 : 0;
                expected += Math.Clamp(p[i], Calibration.ProbabilityClamp, 1.0 - Calibration.ProbabilityClamp);
            }

            var size = end - start;
            var expectedNon = size - expected;
            var observedNon = size - observed;
            chiSquare += ((observed - expected) * (observed - expected) / expected)
                + ((observedNon - expectedNon) * (observedNon - expectedNon) / expectedNon);
            result.Add(new HosmerLemeshowGroup(size, observed, expected, p[start], p[end - 1]));
            start = end;
        }

        if (result.Count < 3)
        {
            throw new ArgumentException(
                $"Only {result.Count} distinct risk groups could be formed (too many tied predictions); the Hosmer-Lemeshow test needs at least 3.",
                nameof(probabilities));
        }

        var df = result.Count - 2;

        // Upper tail of χ²_df, i.e. 1 − ChiSquared.CDF(df, x), evaluated without cancellation.
        var pValue = SpecialFunctions.GammaUpperRegularized(df / 2.0, chiSquare / 2.0);
        return new HosmerLemeshowResult(chiSquare, df, pValue, result);
    }
}
