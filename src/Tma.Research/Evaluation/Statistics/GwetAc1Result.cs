namespace Tma.Research.Evaluation.Statistics;

/// <summary>Gwet's first-order agreement coefficient AC1 with its standard error and Wald interval.</summary>
/// <param name="Ac1">(p_a − p_e) / (1 − p_e).</param>
/// <param name="ObservedAgreement">p_a, the share of agreeing rater pairs (two raters: Σ_k p_kk).</param>
/// <param name="ExpectedAgreement">p_e = Σ_k π_k (1 − π_k) / (q − 1), chance agreement under Gwet's model.</param>
/// <param name="Subjects">Subjects rated by every rater.</param>
/// <param name="Raters">Raters per subject.</param>
/// <param name="StandardError">Gwet's (2008) linearized standard error, for an infinite population of subjects (f = 0).</param>
/// <param name="Lower">AC1 − z·SE, clipped to −1.</param>
/// <param name="Upper">AC1 + z·SE, clipped to 1.</param>
/// <param name="ConfidenceLevel">0.95.</param>
public sealed record GwetAc1Result(
    double Ac1,
    double ObservedAgreement,
    double ExpectedAgreement,
    int Subjects,
    int Raters,
    double StandardError,
    double Lower,
    double Upper,
    double ConfidenceLevel);
