using MathNet.Numerics.Distributions;

namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// DeLong, DeLong &amp; Clarke-Pearson (1988, Biometrics 44:837–845) test of two correlated AUCs — two scores of the
/// same cases — computed by the fast midrank algorithm of Sun &amp; Xu (2014). O(n log n).
/// </summary>
public static class DeLong
{
    /// <summary>Compares the AUC of <paramref name="scoresA"/> with that of <paramref name="scoresB"/> on the same cases.</summary>
    /// <param name="scoresA">First model's score per case.</param>
    /// <param name="scoresB">Second model's score per case, same case order.</param>
    /// <param name="outcomes">Outcome per case.</param>
    /// <param name="confidenceLevel">Confidence level of the interval of the difference; default 0.95.</param>
    /// <returns>Both AUCs, the difference A − B with its standard error, z, two-sided p and confidence interval.</returns>
    /// <exception cref="ArgumentException">
    /// Lengths differ, input is empty, a score is NaN, all outcomes are equal, fewer than 2 cases have either outcome,
    /// or the confidence level is not in (0, 1).
    /// </exception>
    public static DeLongTestResult Compare(
        ReadOnlySpan<double> scoresA, ReadOnlySpan<double> scoresB, ReadOnlySpan<bool> outcomes, double confidenceLevel = 0.95)
    {
        var zCritical = InputGuard.NormalQuantile(confidenceLevel);
        var (positives, negatives) = InputGuard.BothClasses(scoresA, outcomes, 2, "DeLong test", nameof(scoresA));
        InputGuard.ScoresAndOutcomes(scoresB, outcomes, nameof(scoresB));
        var (aucs, s) = DeLongComponents.Estimate([scoresA.ToArray(), scoresB.ToArray()], outcomes, positives, negatives);

        var difference = aucs[0] - aucs[1];
        var variance = Math.Max(0.0, s[0, 0] + s[1, 1] - (2.0 * s[0, 1]));
        var se = Math.Sqrt(variance);
        double z;
        double p;
        if (se > 0.0)
        {
            z = difference / se;
            p = Math.Min(1.0, 2.0 * Normal.CDF(0.0, 1.0, -Math.Abs(z)));
        }
        else
        {
            z = difference == 0.0 ? 0.0 : Math.CopySign(double.PositiveInfinity, difference);
            p = difference == 0.0 ? 1.0 : 0.0;
        }

        var seA = Math.Sqrt(Math.Max(0.0, s[0, 0]));
        var seB = Math.Sqrt(Math.Max(0.0, s[1, 1]));
        var correlation = seA > 0.0 && seB > 0.0 ? s[0, 1] / (seA * seB) : double.NaN;
        return new DeLongTestResult(
            aucs[0],
            aucs[1],
            difference,
            se,
            z,
            p,
            Math.Clamp(difference - (zCritical * se), -1.0, 1.0),
            Math.Clamp(difference + (zCritical * se), -1.0, 1.0),
            confidenceLevel,
            seA,
            seB,
            correlation,
            positives,
            negatives);
    }
}
