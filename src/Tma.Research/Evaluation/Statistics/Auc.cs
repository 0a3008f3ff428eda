namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Area under the ROC curve by the Mann-Whitney statistic (ties counted half, via midranks) with the DeLong
/// standard error (DeLong, DeLong &amp; Clarke-Pearson 1988) computed by the O(n log n) algorithm of Sun &amp; Xu (2014).
/// A case is "positive" when its outcome is <see langword="true"/>; higher scores are meant to indicate the outcome.
/// </summary>
public static class Auc
{
    /// <summary>The AUC alone. O(n log n).</summary>
    /// <param name="scores">One score per case; NaN is rejected, ±∞ is allowed.</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <returns>The AUC in [0, 1].</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, a score is NaN, or all outcomes are equal.</exception>
    public static double PointEstimate(ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes)
    {
        var (positives, negatives) = InputGuard.BothClasses(scores, outcomes, 1, "AUC");
        var ranks = Ranking.Midranks(scores);
        var positiveRankSum = 0.0;
        for (var i = 0; i < ranks.Length; i++)
        {
            if (outcomes[i])
            {
                positiveRankSum += ranks[i];
            }
        }

        return (positiveRankSum - (positives * (positives + 1.0) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>The AUC with its DeLong standard error and confidence interval. O(n log n).</summary>
    /// <param name="scores">One score per case; NaN is rejected, ±∞ is allowed.</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="intervalMethod">Interval construction; default <see cref="AucIntervalMethod.Wald"/>.</param>
    /// <param name="confidenceLevel">Confidence level; default 0.95.</param>
    /// <returns>The AUC, standard error and interval.</returns>
    /// <exception cref="ArgumentException">
    /// Lengths differ, input is empty, a score is NaN, all outcomes are equal, fewer than 2 cases have either outcome
    /// (the DeLong variance needs two of each), or the confidence level is not in (0, 1).
    /// </exception>
    public static AucResult Compute(
        ReadOnlySpan<double> scores,
        ReadOnlySpan<bool> outcomes,
        AucIntervalMethod intervalMethod = AucIntervalMethod.Wald,
        double confidenceLevel = 0.95)
    {
        var z = InputGuard.NormalQuantile(confidenceLevel);
        var (positives, negatives) = InputGuard.BothClasses(scores, outcomes, 2, "DeLong standard error of the AUC");
        var (aucs, covariance) = DeLongComponents.Estimate([scores.ToArray()], outcomes, positives, negatives);
        var auc = aucs[0];
        var se = Math.Sqrt(Math.Max(0.0, covariance[0, 0]));
        var (lower, upper) = Interval(auc, se, z, intervalMethod);
        return new AucResult(auc, se, lower, upper, confidenceLevel, intervalMethod, positives, negatives);
    }

    internal static (double Lower, double Upper) Interval(double auc, double se, double z, AucIntervalMethod method)
    {
        if (method == AucIntervalMethod.Logit && auc > 0.0 && auc < 1.0)
        {
            var logit = Math.Log(auc / (1.0 - auc));
            var half = z * se / (auc * (1.0 - auc));
            return (Logistic(logit - half), Logistic(logit + half));
        }

        // Wald, and the logit method at AUC 0 or 1 (where the DeLong SE is 0 anyway).
        return (Math.Clamp(auc - (z * se), 0.0, 1.0), Math.Clamp(auc + (z * se), 0.0, 1.0));
    }

    private static double Logistic(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
