namespace Tma.Research.Evaluation.Statistics;

/// <summary>Hosmer-Lemeshow goodness-of-fit test.</summary>
/// <param name="ChiSquare">Σ_g (O_g − E_g)² / E_g + (N_g − O_g − (N_g − E_g))² / (N_g − E_g).</param>
/// <param name="DegreesOfFreedom">Number of non-empty groups − 2.</param>
/// <param name="PValue">P(χ²_df ≥ ChiSquare).</param>
/// <param name="Groups">The risk groups, lowest risk first.</param>
public sealed record HosmerLemeshowResult(double ChiSquare, int DegreesOfFreedom, double PValue, IReadOnlyList<HosmerLemeshowGroup> Groups);
