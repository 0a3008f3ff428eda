namespace Tma.Research.Evaluation.Statistics;

/// <summary>DeLong's test comparing the AUCs of two scores on the same cases (paired).</summary>
/// <param name="AucA">AUC of the first score.</param>
/// <param name="AucB">AUC of the second score.</param>
/// <param name="Difference">AUC of A minus AUC of B.</param>
/// <param name="StandardError">DeLong standard error of the difference, √(Var A + Var B − 2·Cov(A, B)).</param>
/// <param name="Z">Difference / StandardError. When the standard error is 0: 0 if the difference is 0, otherwise ±∞.</param>
/// <param name="PValue">Two-sided p-value from the standard normal distribution, 2·Φ(−|Z|).</param>
/// <param name="Lower">Lower limit of the Wald confidence interval of the difference, clipped to [−1, 1].</param>
/// <param name="Upper">Upper limit of the Wald confidence interval of the difference, clipped to [−1, 1].</param>
/// <param name="ConfidenceLevel">Confidence level of the interval, e.g. 0.95.</param>
/// <param name="StandardErrorA">DeLong standard error of AUC A.</param>
/// <param name="StandardErrorB">DeLong standard error of AUC B.</param>
/// <param name="Correlation">Correlation of the two AUC estimates (NaN when either variance is 0).</param>
/// <param name="Positives">Number of cases with the outcome.</param>
/// <param name="Negatives">Number of cases without the outcome.</param>
public sealed record DeLongTestResult(
    double AucA,
    double AucB,
    double Difference,
    double StandardError,
    double Z,
    double PValue,
    double Lower,
    double Upper,
    double ConfidenceLevel,
    double StandardErrorA,
    double StandardErrorB,
    double Correlation,
    int Positives,
    int Negatives);
