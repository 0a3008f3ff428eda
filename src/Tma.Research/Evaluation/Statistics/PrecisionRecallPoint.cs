namespace Tma.Research.Evaluation.Statistics;

/// <summary>One point of the precision-recall curve: the operating point "positive when score ≥ <paramref name="Threshold"/>".</summary>
/// <param name="Threshold">Score threshold.</param>
/// <param name="TruePositives">Cases with the outcome scored at or above the threshold.</param>
/// <param name="FalsePositives">Cases without the outcome scored at or above the threshold.</param>
/// <param name="Recall">TP / (cases with the outcome), the sensitivity.</param>
/// <param name="Precision">TP / (TP + FP), the PPV; it holds on the recall interval from the previous point's recall to this one's.</param>
public sealed record PrecisionRecallPoint(double Threshold, int TruePositives, int FalsePositives, double Recall, double Precision);
