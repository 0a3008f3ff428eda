namespace Tma.Research.Evaluation.Statistics;

/// <summary>A ratio (likelihood ratio, odds ratio) with a confidence interval formed on the log scale.</summary>
/// <param name="Estimate">The ratio; NaN when undefined (e.g. no case with the outcome).</param>
/// <param name="Lower">exp(ln Estimate − z·SE); NaN when undefined.</param>
/// <param name="Upper">exp(ln Estimate + z·SE); NaN when undefined.</param>
/// <param name="LogStandardError">SE of ln Estimate.</param>
/// <param name="ContinuityCorrected">
/// True when a cell the ratio or its SE divides by was 0, so 0.5 was added to all four cells of the 2×2 table (Haldane
/// 1956) before the ratio and its interval were computed; the ratio is then an estimate with that correction, not the raw one.
/// </param>
public sealed record RatioEstimate(double Estimate, double Lower, double Upper, double LogStandardError, bool ContinuityCorrected);
