namespace Tma.Research.Evaluation.Statistics;

/// <summary>An area under the ROC curve with its DeLong standard error and confidence interval.</summary>
/// <param name="Auc">Mann-Whitney AUC: the probability that a random case with the outcome scores higher than a random case without it, ties counted half.</param>
/// <param name="StandardError">DeLong standard error (square root of S10/m + S01/n).</param>
/// <param name="Lower">Lower confidence limit, within [0, 1].</param>
/// <param name="Upper">Upper confidence limit, within [0, 1].</param>
/// <param name="ConfidenceLevel">Confidence level of the interval, e.g. 0.95.</param>
/// <param name="IntervalMethod">How the interval was built.</param>
/// <param name="Positives">Number of cases with the outcome (m).</param>
/// <param name="Negatives">Number of cases without the outcome (n).</param>
public sealed record AucResult(
    double Auc,
    double StandardError,
    double Lower,
    double Upper,
    double ConfidenceLevel,
    AucIntervalMethod IntervalMethod,
    int Positives,
    int Negatives);
