using MathNet.Numerics.Distributions;

namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// The difference of two AUCs estimated on independent samples (e.g. two subgroups): D = AUC₁ − AUC₂ with
/// SE(D) = √(SE₁² + SE₂²) from the two DeLong standard errors (no covariance term: the samples share no case), Wald
/// interval D ± z·SE(D) clipped to [−1, 1] and two-sided p = 2Φ(−|D|/SE(D)) (Hanley &amp; McNeil 1983, Radiology 148:839,
/// with r = 0; DeLong et al. 1988 for the SEs).
/// </summary>
public static class IndependentAucDifference
{
    /// <summary>Compares two AUCs from independent samples.</summary>
    /// <param name="first">The first AUC with its DeLong SE.</param>
    /// <param name="second">The second.</param>
    /// <param name="confidenceLevel">Confidence level; default 0.95.</param>
    /// <returns>D = first − second, its SE, z, two-sided p and interval.</returns>
    /// <exception cref="ArgumentException">The confidence level is not in (0, 1).</exception>
    public static AucDifference Compute(AucResult first, AucResult second, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var zCritical = InputGuard.NormalQuantile(confidenceLevel);
        var d = first.Auc - second.Auc;
        var se = Math.Sqrt((first.StandardError * first.StandardError) + (second.StandardError * second.StandardError));
        double z, p;
        if (se > 0.0)
        {
            z = d / se;
            p = Math.Min(1.0, 2.0 * Normal.CDF(0.0, 1.0, -Math.Abs(z)));
        }
        else
        {
            z = d == 0.0 ? 0.0 : Math.CopySign(double.PositiveInfinity, d);
            p = d == 0.0 ? 1.0 : 0.0;
        }

        return new AucDifference(d, se, z, p, Math.Max(-1.0, d - (zCritical * se)), Math.Min(1.0, d + (zCritical * se)), confidenceLevel);
    }
}

/// <summary>The difference of two independent AUCs.</summary>
/// <param name="Difference">AUC₁ − AUC₂.</param>
/// <param name="StandardError">√(SE₁² + SE₂²).</param>
/// <param name="Z">Difference / StandardError.</param>
/// <param name="PValue">Two-sided p of the Wald test.</param>
/// <param name="Lower">Lower limit, ≥ −1.</param>
/// <param name="Upper">Upper limit, ≤ 1.</param>
/// <param name="ConfidenceLevel">Confidence level.</param>
public sealed record AucDifference(double Difference, double StandardError, double Z, double PValue, double Lower, double Upper, double ConfidenceLevel);
