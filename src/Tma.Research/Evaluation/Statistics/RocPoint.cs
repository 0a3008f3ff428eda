namespace Tma.Research.Evaluation.Statistics;

/// <summary>One point of an empirical ROC curve: the operating point "positive when score ≥ <paramref name="Threshold"/>".</summary>
/// <param name="Threshold">Score threshold; +∞ for the first point, where no case is positive.</param>
/// <param name="TruePositives">Cases with the outcome scored at or above the threshold.</param>
/// <param name="FalsePositives">Cases without the outcome scored at or above the threshold.</param>
/// <param name="TruePositiveRate">Sensitivity, TP / (cases with the outcome).</param>
/// <param name="FalsePositiveRate">1 − specificity, FP / (cases without the outcome).</param>
public sealed record RocPoint(
    double Threshold,
    int TruePositives,
    int FalsePositives,
    double TruePositiveRate,
    double FalsePositiveRate);
