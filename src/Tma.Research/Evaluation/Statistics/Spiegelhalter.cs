namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Spiegelhalter's z-test of calibration (Spiegelhalter 1986, Stat Med 5:421–433), as <c>rms::val.prob</c> reports it
/// ("S:z", "S:p"): z = Σ (yᵢ − pᵢ)(1 − 2pᵢ) / √(Σ (1 − 2pᵢ)² pᵢ(1 − pᵢ)), standard normal when the predictions are the
/// true probabilities; two-sided p = 2·Φ(−|z|). Unlike Hosmer-Lemeshow it needs no grouping. With a million rows it
/// rejects for miscalibration far too small to matter, so read it with the smooth curve and the ICI.
/// </summary>
public static class Spiegelhalter
{
    /// <summary>Computes z and its two-sided p-value. O(n).</summary>
    /// <param name="probabilities">Predicted probability per case, in [0, 1].</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <returns>z and p; both NaN when every prediction is 0, ½ or 1 (the variance Σ (1 − 2p)² p(1 − p) is 0).</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, or a probability is NaN or outside [0, 1].</exception>
    public static SpiegelhalterResult Test(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes)
    {
        InputGuard.ProbabilitiesAndOutcomes(probabilities, outcomes);
        double numerator = 0, variance = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = probabilities[i];
            var a = 1.0 - (2.0 * p);
            numerator += ((outcomes[i] ? 1.0 : 0.0) - p) * a;
            variance += a * a * p * (1.0 - p);
        }

        if (!(variance > 0.0))
        {
            return new SpiegelhalterResult(double.NaN, double.NaN);
        }

        var z = numerator / Math.Sqrt(variance);
        return new SpiegelhalterResult(z, 2.0 * MathNet.Numerics.Distributions.Normal.CDF(0.0, 1.0, -Math.Abs(z)));
    }
}

/// <summary>Spiegelhalter's z-test of calibration.</summary>
/// <param name="Z">The standardised statistic; positive when outcomes are more frequent than predicted where p &lt; ½ (or rarer where p &gt; ½).</param>
/// <param name="PValue">Two-sided p-value 2·Φ(−|z|).</param>
public sealed record SpiegelhalterResult(double Z, double PValue);
