namespace Tma.Research.Evaluation.Statistics;

/// <summary>A difference (of proportions, of AUCs) with its confidence interval.</summary>
/// <param name="Estimate">The difference, first minus second.</param>
/// <param name="Lower">Lower confidence limit.</param>
/// <param name="Upper">Upper confidence limit.</param>
/// <param name="ConfidenceLevel">Confidence level, e.g. 0.95.</param>
public sealed record DifferenceEstimate(double Estimate, double Lower, double Upper, double ConfidenceLevel);
