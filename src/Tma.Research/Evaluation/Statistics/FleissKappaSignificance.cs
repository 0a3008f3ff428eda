using MathNet.Numerics.Distributions;

namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// The large-sample tests of Fleiss' κ under H0: no agreement beyond chance (Fleiss, Nee &amp; Landis 1979, Psychol Bull
/// 86:974–977, correcting Fleiss 1971): the overall κ and the κ of each category, as <c>irr::kappam.fleiss</c>
/// (<c>detail = TRUE</c>) reports them.
/// </summary>
internal static class FleissKappaSignificance
{
    /// <summary>
    /// With N subjects, r raters each, p_j the share of ratings in category j and q_j = 1 − p_j:
    /// Var₀(κ) = 2 / (N r (r − 1)) · [(Σ p_j q_j)² − Σ p_j q_j (q_j − p_j)] / (Σ p_j q_j)²;
    /// κ_j = 1 − Σ_i n_ij (r − n_ij) / (N r (r − 1) p_j q_j) with Var₀(κ_j) = 2 / (N r (r − 1)). O(N·k).
    /// </summary>
    public static FleissKappaResult Attach(FleissKappaResult result, int[,] counts)
    {
        var subjects = result.Subjects;
        var raters = (double)result.RatersPerSubject;
        var categories = result.CategoryProportions.Count;
        var pairs = subjects * raters * (raters - 1);
        double sumPq = 0, sumPqqp = 0;
        var kappas = new double[categories];
        var zs = new double[categories];
        var categoryStandardError = Math.Sqrt(2 / pairs);
        for (var j = 0; j < categories; j++)
        {
            var p = result.CategoryProportions[j];
            var q = 1 - p;
            sumPq += p * q;
            sumPqqp += p * q * (q - p);
            var disagreement = 0.0;
            for (var i = 0; i < subjects; i++)
            {
                disagreement += counts[i, j] * (raters - counts[i, j]);
            }

            // Undefined for a category nobody used (or everybody always used): p_j q_j = 0.
            kappas[j] = p * q > 0 ? 1 - (disagreement / (pairs * p * q)) : double.NaN;
            zs[j] = kappas[j] / categoryStandardError;
        }

        var standardError = Math.Sqrt(2 / pairs * ((sumPq * sumPq) - sumPqqp) / (sumPq * sumPq));
        var z = standardError > 0 ? result.Kappa / standardError : double.NaN;
        return result with
        {
            StandardErrorNull = standardError,
            Z = z,
            PValue = PValue(z),
            CategoryKappas = kappas,
            CategoryStandardErrorNull = categoryStandardError,
            CategoryZ = zs,
            CategoryPValues = [.. zs.Select(PValue)],
        };
    }

    /// <summary>Two-sided p-value of a standard normal z; NaN stays NaN.</summary>
    private static double PValue(double z) => double.IsNaN(z) ? double.NaN : 2 * Normal.CDF(0, 1, -Math.Abs(z));
}
