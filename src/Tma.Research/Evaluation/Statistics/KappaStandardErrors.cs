using MathNet.Numerics.Distributions;

namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Large-sample standard errors of Cohen's (weighted) κ after Fleiss, Cohen &amp; Everitt (1969), Psychol Bull
/// 72:323–327 — the formulas SAS PROC FREQ (AGREE), <c>psych::cohen.kappa</c> and <c>irr::kappa2</c> use: one for the
/// confidence interval (κ as estimated) and one under H0: κ = 0 for the z test.
/// </summary>
internal static class KappaStandardErrors
{
    /// <summary>The confidence level of the interval attached to every κ.</summary>
    public const double ConfidenceLevel = 0.95;

    /// <summary>
    /// With p_ij = n_ij/n, marginals p_i·, p_·j, w̄_i· = Σ_j p_·j w_ij and w̄_·j = Σ_i p_i· w_ij:
    /// Var(κ) = [Σ_ij p_ij (w_ij(1 − P_e) − (w̄_i· + w̄_·j)(1 − P_o))² − (P_o P_e − 2P_e + P_o)²] / (n (1 − P_e)⁴) and
    /// Var₀(κ) = [Σ_ij p_i· p_·j (w_ij − (w̄_i· + w̄_·j))² − P_e²] / (n (1 − P_e)²). O(k²).
    /// </summary>
    public static (double StandardError, double StandardErrorNull) Compute(
        int[,] table, double[] rows, double[] cols, double total, double observed, double expected, Func<int, int, double> weight)
    {
        var k = rows.Length;
        var rowWeight = new double[k];
        var colWeight = new double[k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                rowWeight[i] += cols[j] / total * weight(i, j);
                colWeight[j] += rows[i] / total * weight(i, j);
            }
        }

        double sum = 0, sumNull = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var w = weight(i, j);
                var d = (w * (1 - expected)) - ((rowWeight[i] + colWeight[j]) * (1 - observed));
                sum += table[i, j] / total * d * d;
                var d0 = w - (rowWeight[i] + colWeight[j]);
                sumNull += rows[i] / total * (cols[j] / total) * d0 * d0;
            }
        }

        var correction = (observed * expected) - (2 * expected) + observed;
        var variance = (sum - (correction * correction)) / (total * Math.Pow(1 - expected, 4));
        var varianceNull = (sumNull - (expected * expected)) / (total * (1 - expected) * (1 - expected));
        return (Math.Sqrt(Math.Max(0, variance)), Math.Sqrt(Math.Max(0, varianceNull)));
    }

    /// <summary>Adds the standard errors, the Wald interval (clipped to [−1, 1]) and the z test of H0: κ = 0.</summary>
    public static KappaResult Attach(KappaResult result, double standardError, double standardErrorNull)
    {
        var z = Normal.InvCDF(0, 1, 0.5 + (ConfidenceLevel / 2));
        var test = standardErrorNull > 0 ? result.Kappa / standardErrorNull : double.NaN;
        return result with
        {
            StandardError = standardError,
            Lower = Math.Max(-1, result.Kappa - (z * standardError)),
            Upper = Math.Min(1, result.Kappa + (z * standardError)),
            ConfidenceLevel = ConfidenceLevel,
            StandardErrorNull = standardErrorNull,
            Z = test,
            PValue = double.IsNaN(test) ? double.NaN : 2 * Normal.CDF(0, 1, -Math.Abs(test)),
        };
    }
}
