namespace Tma.Research.Evaluation.Statistics;

/// <summary>The Youden-optimal cut-off of a score: where sensitivity + specificity − 1 is largest.</summary>
/// <param name="Index">Youden's J = max over thresholds of (sensitivity + specificity − 1), in [0, 1] (flagging everyone gives 0).</param>
/// <param name="Threshold">
/// The threshold t (flagged when score ≥ t) that attains J; when several do (ties), the highest of them, i.e. the one
/// that flags fewest cases. All ties are in <paramref name="TiedThresholds"/>.
/// </param>
/// <param name="Sensitivity">Sensitivity at <paramref name="Threshold"/>.</param>
/// <param name="Specificity">Specificity at <paramref name="Threshold"/>.</param>
/// <param name="TiedThresholds">Every threshold that attains J exactly, highest first (pROC's <c>coords(best.method = "youden")</c> also returns all).</param>
public sealed record YoudenResult(double Index, double Threshold, double Sensitivity, double Specificity, IReadOnlyList<double> TiedThresholds);
