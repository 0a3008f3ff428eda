namespace Tma.Research.Evaluation.Statistics;

/// <summary>Harrell's concordance index with its infinitesimal-jackknife standard error.</summary>
/// <param name="C">(concordant + tied/2) / comparable pairs.</param>
/// <param name="StandardError">Infinitesimal-jackknife standard error, √Σ_k (∂C/∂w_k)².</param>
/// <param name="Lower">Lower bound of the Wald interval C − z·SE, clipped to [0, 1].</param>
/// <param name="Upper">Upper bound, clipped to [0, 1].</param>
/// <param name="ComparablePairs">Comparable pairs.</param>
/// <param name="Concordant">Of which concordant (the earlier event has the higher score).</param>
/// <param name="Tied">Of which tied in score (counted half).</param>
/// <param name="Discordant">Of which discordant.</param>
public sealed record ConcordanceResult(double C, double StandardError, double Lower, double Upper, long ComparablePairs, long Concordant, long Tied, long Discordant);
