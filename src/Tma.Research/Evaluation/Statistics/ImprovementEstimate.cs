namespace Tma.Research.Evaluation.Statistics;

/// <summary>An improvement measure (IDI, NRI) of a new model over an old one, with its asymptotic test and Wald interval.</summary>
/// <param name="Estimate">The improvement; positive when the new model is better.</param>
/// <param name="StandardError">Its standard error (the formula depends on the measure; see docs/statistics.md).</param>
/// <param name="Z">Estimate / StandardError (0 when both are 0).</param>
/// <param name="PValue">Two-sided p = 2Φ(−|z|).</param>
/// <param name="Lower">Estimate − z_{1−α/2}·StandardError.</param>
/// <param name="Upper">Estimate + z_{1−α/2}·StandardError.</param>
/// <param name="ConfidenceLevel">Confidence level.</param>
public sealed record ImprovementEstimate(double Estimate, double StandardError, double Z, double PValue, double Lower, double Upper, double ConfidenceLevel);
