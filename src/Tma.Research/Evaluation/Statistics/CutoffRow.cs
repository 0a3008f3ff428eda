namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// The 2×2 table and derived figures at one cut-off. "Flagged" (test positive) means score ≥ threshold, or band at or
/// above the row's band. All proportions carry Wilson score intervals.
/// </summary>
/// <param name="Label">What counts as flagged, e.g. "score ≥ 0.5" or "band ≥ high".</param>
/// <param name="Threshold">The score threshold, or <see langword="null"/> for a band row.</param>
/// <param name="N">Number of cases.</param>
/// <param name="Events">Number of cases with the outcome.</param>
/// <param name="BaseRate">Events / N: the prevalence against which PPV and NPV must be read.</param>
/// <param name="TruePositives">Flagged cases with the outcome.</param>
/// <param name="FalsePositives">Flagged cases without the outcome.</param>
/// <param name="TrueNegatives">Unflagged cases without the outcome.</param>
/// <param name="FalseNegatives">Unflagged cases with the outcome.</param>
/// <param name="Sensitivity">TP / (TP + FN).</param>
/// <param name="Specificity">TN / (TN + FP).</param>
/// <param name="PositivePredictiveValue">TP / (TP + FP).</param>
/// <param name="NegativePredictiveValue">TN / (TN + FN).</param>
/// <param name="NumberNeededToDetain">1 / PPV: flagged cases per flagged case with the outcome; +∞ when PPV is 0, NaN when nothing is flagged.</param>
/// <param name="NumberSafelyDischarged">
/// TN / FN = NPV / (1 − NPV) = 1/(1 − NPV) − 1: unflagged cases without the outcome per unflagged case with it
/// (Fazel et al. 2012); +∞ when FN is 0 and TN &gt; 0, NaN when nothing is unflagged.
/// </param>
public sealed record CutoffRow(
    string Label,
    double? Threshold,
    int N,
    int Events,
    ProportionEstimate BaseRate,
    int TruePositives,
    int FalsePositives,
    int TrueNegatives,
    int FalseNegatives,
    ProportionEstimate Sensitivity,
    ProportionEstimate Specificity,
    ProportionEstimate PositivePredictiveValue,
    ProportionEstimate NegativePredictiveValue,
    double NumberNeededToDetain,
    double NumberSafelyDischarged)
{
    /// <summary>LR+ = sensitivity / (1 − specificity) with the log-method interval of Simel et al. (1991); see <see cref="DiagnosticRatios"/>.</summary>
    public RatioEstimate? PositiveLikelihoodRatio { get; init; }

    /// <summary>LR− = (1 − sensitivity) / specificity with the log-method interval of Simel et al. (1991).</summary>
    public RatioEstimate? NegativeLikelihoodRatio { get; init; }

    /// <summary>Diagnostic odds ratio (TP·TN)/(FP·FN) with Woolf's log interval (Haldane +0.5 on all cells when one is 0).</summary>
    public RatioEstimate? DiagnosticOddsRatio { get; init; }

    /// <summary>Matthews correlation coefficient of flag and outcome, in [−1, 1]; NaN when a margin of the table is 0.</summary>
    public double? MatthewsCorrelation { get; init; }

    /// <summary>Builds a row from the four cells of the 2×2 table.</summary>
    internal static CutoffRow FromCounts(string label, double? threshold, int tp, int fp, int tn, int fn, double confidenceLevel)
    {
        var n = tp + fp + tn + fn;
        var events = tp + fn;
        return new CutoffRow(
            label,
            threshold,
            n,
            events,
            WilsonInterval.Compute(events, n, confidenceLevel),
            tp,
            fp,
            tn,
            fn,
            WilsonInterval.Compute(tp, tp + fn, confidenceLevel),
            WilsonInterval.Compute(tn, tn + fp, confidenceLevel),
            WilsonInterval.Compute(tp, tp + fp, confidenceLevel),
            WilsonInterval.Compute(tn, tn + fn, confidenceLevel),
            NumberNeeded.ToDetain(tp, fp),
            NumberNeeded.SafelyDischarged(tn, fn))
        {
            PositiveLikelihoodRatio = DiagnosticRatios.PositiveLikelihoodRatio(tp, fp, tn, fn, confidenceLevel),
            NegativeLikelihoodRatio = DiagnosticRatios.NegativeLikelihoodRatio(tp, fp, tn, fn, confidenceLevel),
            DiagnosticOddsRatio = DiagnosticRatios.DiagnosticOddsRatio(tp, fp, tn, fn, confidenceLevel),
            MatthewsCorrelation = DiagnosticRatios.MatthewsCorrelation(tp, fp, tn, fn),
        };
    }
}
