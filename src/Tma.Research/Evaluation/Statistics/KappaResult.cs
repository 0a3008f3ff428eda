namespace Tma.Research.Evaluation.Statistics;

/// <summary>Cohen's (weighted) κ for two raters.</summary>
/// <param name="Kappa">(P_o − P_e) / (1 − P_e).</param>
/// <param name="ObservedAgreement">P_o = Σ w_ij p_ij.</param>
/// <param name="ExpectedAgreement">P_e = Σ w_ij p_i· p_·j, agreement expected from the raters' marginal distributions.</param>
/// <param name="Subjects">Number of subjects rated by both raters.</param>
/// <param name="Weighting">The weights used.</param>
public sealed record KappaResult(double Kappa, double ObservedAgreement, double ExpectedAgreement, int Subjects, KappaWeighting Weighting)
{
    /// <summary>Large-sample standard error of κ (Fleiss, Cohen &amp; Everitt 1969), the one the interval uses.</summary>
    public double? StandardError { get; init; }

    /// <summary>Lower limit of the Wald interval κ − z·SE, clipped to −1 (as <c>psych::cohen.kappa</c> reports it).</summary>
    public double? Lower { get; init; }

    /// <summary>Upper limit of the Wald interval κ + z·SE, clipped to 1.</summary>
    public double? Upper { get; init; }

    /// <summary>Confidence level of <see cref="Lower"/> and <see cref="Upper"/> (0.95).</summary>
    public double? ConfidenceLevel { get; init; }

    /// <summary>Standard error of κ under H0: κ = 0 (Fleiss, Cohen &amp; Everitt 1969), the one the z test uses.</summary>
    public double? StandardErrorNull { get; init; }

    /// <summary>z = κ / SE₀, the test of H0: κ = 0 (as <c>irr::kappa2</c> reports it); NaN when SE₀ is 0.</summary>
    public double? Z { get; init; }

    /// <summary>Two-sided p-value of <see cref="Z"/> under the standard normal.</summary>
    public double? PValue { get; init; }
}
