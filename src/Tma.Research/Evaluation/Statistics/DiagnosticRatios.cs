namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Likelihood ratios, diagnostic odds ratio and Matthews correlation of one 2×2 table. Ratios carry log-scale intervals:
/// the likelihood ratios by the log method of Simel, Samsa &amp; Matchar (1991, J Clin Epidemiol 44:763–770), the odds
/// ratio by Woolf's (1955) method. When a cell the ratio or its SE divides by is 0, 0.5 is added to all four cells
/// (Haldane 1956) and the result says so (<see cref="RatioEstimate.ContinuityCorrected"/>). A ratio that is 0/0 — LR+ when
/// nothing is flagged, LR− and DOR when everyone is — is undefined (NaN), not corrected.
/// </summary>
public static class DiagnosticRatios
{
    /// <summary>LR+ = sensitivity / (1 − specificity), SE(ln LR+) = √(1/TP − 1/(TP + FN) + 1/FP − 1/(FP + TN)).</summary>
    /// <param name="truePositives">Flagged cases with the outcome.</param>
    /// <param name="falsePositives">Flagged cases without the outcome.</param>
    /// <param name="trueNegatives">Unflagged cases without the outcome.</param>
    /// <param name="falseNegatives">Unflagged cases with the outcome.</param>
    /// <param name="confidenceLevel">Confidence level; default 0.95.</param>
    /// <returns>LR+ with its interval; NaN when there is no case with or without the outcome.</returns>
    /// <exception cref="ArgumentException">A count is negative, or the confidence level is not in (0, 1).</exception>
    public static RatioEstimate PositiveLikelihoodRatio(int truePositives, int falsePositives, int trueNegatives, int falseNegatives, double confidenceLevel = 0.95)
        => LikelihoodRatio(truePositives, falseNegatives, falsePositives, trueNegatives, confidenceLevel);

    /// <summary>LR− = (1 − sensitivity) / specificity, SE(ln LR−) = √(1/FN − 1/(TP + FN) + 1/TN − 1/(FP + TN)).</summary>
    /// <param name="truePositives">Flagged cases with the outcome.</param>
    /// <param name="falsePositives">Flagged cases without the outcome.</param>
    /// <param name="trueNegatives">Unflagged cases without the outcome.</param>
    /// <param name="falseNegatives">Unflagged cases with the outcome.</param>
    /// <param name="confidenceLevel">Confidence level; default 0.95.</param>
    /// <returns>LR− with its interval; NaN when there is no case with or without the outcome.</returns>
    /// <exception cref="ArgumentException">A count is negative, or the confidence level is not in (0, 1).</exception>
    public static RatioEstimate NegativeLikelihoodRatio(int truePositives, int falsePositives, int trueNegatives, int falseNegatives, double confidenceLevel = 0.95)
        => LikelihoodRatio(falseNegatives, truePositives, trueNegatives, falsePositives, confidenceLevel);

    /// <summary>DOR = (TP·TN)/(FP·FN) = LR+ / LR−, Woolf's SE(ln DOR) = √(1/TP + 1/FP + 1/TN + 1/FN).</summary>
    /// <param name="truePositives">Flagged cases with the outcome.</param>
    /// <param name="falsePositives">Flagged cases without the outcome.</param>
    /// <param name="trueNegatives">Unflagged cases without the outcome.</param>
    /// <param name="falseNegatives">Unflagged cases with the outcome.</param>
    /// <param name="confidenceLevel">Confidence level; default 0.95.</param>
    /// <returns>DOR with its interval (Haldane-corrected when any cell is 0); NaN when there is no case with or without the outcome.</returns>
    /// <exception cref="ArgumentException">A count is negative, or the confidence level is not in (0, 1).</exception>
    public static RatioEstimate DiagnosticOddsRatio(int truePositives, int falsePositives, int trueNegatives, int falseNegatives, double confidenceLevel = 0.95)
    {
        var z = Check(truePositives, falsePositives, trueNegatives, falseNegatives, confidenceLevel);
        // 0/0 (nothing or everyone flagged) is undefined, not a candidate for the correction.
        if (truePositives + falseNegatives == 0 || falsePositives + trueNegatives == 0
            || ((long)truePositives * trueNegatives == 0 && (long)falsePositives * falseNegatives == 0))
        {
            return Undefined;
        }

        var corrected = truePositives == 0 || falsePositives == 0 || trueNegatives == 0 || falseNegatives == 0;
        var h = corrected ? 0.5 : 0.0;
        double tp = truePositives + h, fp = falsePositives + h, tn = trueNegatives + h, fn = falseNegatives + h;
        var log = Math.Log(tp) + Math.Log(tn) - Math.Log(fp) - Math.Log(fn);
        var se = Math.Sqrt((1.0 / tp) + (1.0 / fp) + (1.0 / tn) + (1.0 / fn));
        return new RatioEstimate(Math.Exp(log), Math.Exp(log - (z * se)), Math.Exp(log + (z * se)), se, corrected);
    }

    /// <summary>
    /// Matthews correlation coefficient (Matthews 1975) MCC = (TP·TN − FP·FN) / √((TP + FP)(TP + FN)(TN + FP)(TN + FN)):
    /// the Pearson correlation of flag and outcome, in [−1, 1]. NaN when a margin is 0 (nothing or everything flagged, or
    /// one outcome only), where the correlation is undefined.
    /// </summary>
    /// <param name="truePositives">Flagged cases with the outcome.</param>
    /// <param name="falsePositives">Flagged cases without the outcome.</param>
    /// <param name="trueNegatives">Unflagged cases without the outcome.</param>
    /// <param name="falseNegatives">Unflagged cases with the outcome.</param>
    /// <returns>MCC, or NaN.</returns>
    /// <exception cref="ArgumentException">A count is negative.</exception>
    public static double MatthewsCorrelation(int truePositives, int falsePositives, int trueNegatives, int falseNegatives)
    {
        Check(truePositives, falsePositives, trueNegatives, falseNegatives, 0.95);
        double tp = truePositives, fp = falsePositives, tn = trueNegatives, fn = falseNegatives;
        var denominator = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn);
        return denominator == 0.0 ? double.NaN : ((tp * tn) - (fp * fn)) / Math.Sqrt(denominator);
    }

    private static readonly RatioEstimate Undefined = new(double.NaN, double.NaN, double.NaN, double.NaN, false);

    /// <summary>
    /// (a/(a + b)) / (c/(c + d)) with SE √(1/a − 1/(a + b) + 1/c − 1/(c + d)): LR+ with a = TP, b = FN, c = FP, d = TN;
    /// LR− with a = FN, b = TP, c = TN, d = FP.
    /// </summary>
    private static RatioEstimate LikelihoodRatio(int a, int b, int c, int d, double confidenceLevel)
    {
        var z = Check(a, b, c, d, confidenceLevel);
        // 0/0 (a = c = 0: sensitivity-side and specificity-side rates both 0) is undefined, not a candidate for the correction.
        if (a + b == 0 || c + d == 0 || (a == 0 && c == 0))
        {
            return Undefined;
        }

        var corrected = a == 0 || c == 0;
        var h = corrected ? 0.5 : 0.0;
        double a1 = a + h, b1 = b + h, c1 = c + h, d1 = d + h;
        var log = Math.Log(a1 / (a1 + b1)) - Math.Log(c1 / (c1 + d1));
        var se = Math.Sqrt((1.0 / a1) - (1.0 / (a1 + b1)) + (1.0 / c1) - (1.0 / (c1 + d1)));
        return new RatioEstimate(Math.Exp(log), Math.Exp(log - (z * se)), Math.Exp(log + (z * se)), se, corrected);
    }

    private static double Check(int a, int b, int c, int d, double confidenceLevel)
    {
        if (a < 0 || b < 0 || c < 0 || d < 0)
        {
            throw new ArgumentException(FormattableString.Invariant($"The cells of a 2×2 table must not be negative; got {a}, {b}, {c}, {d}."), nameof(a));
        }

        return InputGuard.NormalQuantile(confidenceLevel);
    }
}
