namespace Tma.Research.Evaluation.Statistics;

/// <summary>Cohen's (weighted) κ for two raters.</summary>
/// <param name="Kappa">(P_o − P_e) / (1 − P_e).</param>
/// <param name="ObservedAgreement">P_o = Σ w_ij p_ij.</param>
/// <param name="ExpectedAgreement">P_e = Σ w_ij p_i· p_·j, agreement expected from the raters' marginal distributions.</param>
/// <param name="Subjects">Number of subjects rated by both raters.</param>
/// <param name="Weighting">The weights used.</param>
public sealed record KappaResult(double Kappa, double ObservedAgreement, double ExpectedAgreement, int Subjects, KappaWeighting Weighting);
