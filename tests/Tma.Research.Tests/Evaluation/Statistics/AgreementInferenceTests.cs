using MathNet.Numerics.Distributions;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

/// <summary>Standard errors, tests and intervals of κ, Fleiss' κ and the ICC against published or hand-computed values.</summary>
public sealed class AgreementInferenceTests
{
    /// <summary>SAS PROC FREQ AGREE example (as printed in statsmodels' test_inter_rater.py, table10): 19 subjects, 3 categories.</summary>
    private static readonly int[,] SasTable = { { 0, 4, 1 }, { 0, 8, 0 }, { 0, 1, 5 } };

    /// <summary>
    /// irr's <c>anxiety</c> data, raters 2 and 3 (20 subjects, ratings 1–6); the values they use are 1, 2, 3, 4, 6, so
    /// irr (and tma, numeric codes) has 5 ordered categories.
    /// </summary>
    private static readonly int[] AnxietyRater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];

    private static readonly int[] AnxietyRater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];

    [Fact]
    public void Cohen_kappa_standard_errors_match_the_SAS_printout()
    {
        // SAS "Simple Kappa Coefficient": κ 0.4842, ASE 0.1380, 95% limits 0.2137–0.7547; ASE under H0 0.1484,
        // Z 3.2626, two-sided p 0.0011. SAS prints 4 decimals.
        var k = CohenKappa.FromTable(SasTable);

        Assert.Equal(0.4842, k.Kappa, 0.00005);
        Assert.Equal(0.1380, k.StandardError!.Value, 0.00005);
        Assert.Equal(0.2137, k.Lower!.Value, 0.00006);
        Assert.Equal(0.7547, k.Upper!.Value, 0.00006);
        Assert.Equal(0.1484, k.StandardErrorNull!.Value, 0.00005);
        Assert.Equal(3.2626, k.Z!.Value, 0.0005);
        Assert.Equal(0.0011, k.PValue!.Value, 0.00005);
        Assert.Equal(0.95, k.ConfidenceLevel);
    }

    [Fact]
    public void Linear_weighted_kappa_standard_errors_match_the_SAS_printout()
    {
        // SAS "Weighted Kappa Coefficient" (Cicchetti-Allison weights = linear): κ 0.4701, ASE 0.1457, 95% limits
        // 0.1845–0.7558; ASE under H0 0.1426, Z 3.2971, two-sided p 0.0010.
        var k = CohenKappa.FromTable(SasTable, KappaWeighting.Linear);

        Assert.Equal(0.4701, k.Kappa, 0.00005);
        Assert.Equal(0.1457, k.StandardError!.Value, 0.00005);
        Assert.Equal(0.1845, k.Lower!.Value, 0.00006);
        Assert.Equal(0.7558, k.Upper!.Value, 0.00006);
        Assert.Equal(0.1426, k.StandardErrorNull!.Value, 0.00005);
        Assert.Equal(3.2971, k.Z!.Value, 0.0005);
        Assert.Equal(0.0010, k.PValue!.Value, 0.00005);
    }

    [Theory]
    // R: library(irr); data(anxiety); kappa2(anxiety[, 2:3]); kappa2(anxiety[, 2:3], "equal"); kappa2(anxiety[, 2:3], "squared")
    // (outputs as recorded in statsmodels' test_cohens_kappa_irr).
    [InlineData(KappaWeighting.None, -0.006289308, -0.0604067, 0.9518317)]
    [InlineData(KappaWeighting.Linear, 0.1459075, 1.282472, 0.1996772)]
    [InlineData(KappaWeighting.Quadratic, 0.2520325, 1.437451, 0.1505898)]
    public void Kappa_z_test_matches_irr_kappa2(KappaWeighting weighting, double kappa, double z, double p)
    {
        int[] levels = [1, 2, 3, 4, 6];
        var a = AnxietyRater2.Select(v => Array.IndexOf(levels, v)).ToArray();
        var b = AnxietyRater3.Select(v => Array.IndexOf(levels, v)).ToArray();

        var k = CohenKappa.Compute(a, b, 5, weighting);

        Assert.Equal(kappa, k.Kappa, 0.0000005);
        Assert.Equal(z, k.Z!.Value, 0.000005);
        Assert.Equal(p, k.PValue!.Value, 0.0000005);
    }

    [Fact]
    public void Kappa_standard_errors_by_hand_on_a_two_by_two_table()
    {
        // n = 50; p11 .4, p12 .1, p21 .2, p22 .3; rows .5/.5, columns .6/.4; P_o = .7, P_e = .5, κ = .4.
        // Unweighted: w̄_1· = p_·1 = .6, w̄_2· = .4, w̄_·1 = p_1· = .5, w̄_·2 = .5.
        // Σ p_ij (w_ij(1 − P_e) − (w̄_i· + w̄_·j)(1 − P_o))²
        //   = .4(.5 − 1.1·.3)² + .1(1.1·.3)² + .2(.9·.3)² + .3(.5 − .9·.3)² = .01156 + .01089 + .01458 + .01587 = .0529;
        // (P_o P_e − 2P_e + P_o)² = (.35 − 1 + .7)² = .0025; Var = (.0529 − .0025)/(50 · .5⁴) = .0504/3.125 = .016128.
        // H0: Σ p_i· p_·j (w_ij − w̄_i· − w̄_·j)² − P_e² = .3·.01 + .2·1.21 + .3·.81 + .2·.01 − .25 = .24;
        // Var₀ = .24/(50 · .25) = .0192 (the classic [P_e + P_e² − Σ p_i· p_·i (p_i· + p_·i)]/(n(1 − P_e)²) gives the same).
        var k = CohenKappa.FromTable(new[,] { { 20, 5 }, { 10, 15 } });

        Assert.Equal(Math.Sqrt(0.016128), k.StandardError!.Value, 12);
        Assert.Equal(Math.Sqrt(0.0192), k.StandardErrorNull!.Value, 12);
        Assert.Equal(0.4 / Math.Sqrt(0.0192), k.Z!.Value, 10);
        var z = Normal.InvCDF(0, 1, 0.975);
        Assert.Equal(0.4 - (z * Math.Sqrt(0.016128)), k.Lower!.Value, 12);
        Assert.Equal(0.4 + (z * Math.Sqrt(0.016128)), k.Upper!.Value, 12);
    }

    [Fact]
    public void Perfect_agreement_has_zero_standard_error_and_an_interval_clipped_at_one()
    {
        var k = CohenKappa.FromTable(new[,] { { 7, 0 }, { 0, 3 } });

        Assert.Equal(1.0, k.Kappa, 12);
        Assert.Equal(0.0, k.StandardError!.Value, 12);
        Assert.Equal(1.0, k.Upper!.Value, 12);
    }

    [Fact]
    public void Fleiss_kappa_z_matches_irr_kappam_fleiss_on_the_1971_diagnoses()
    {
        // R: library(irr); data(diagnoses); kappam.fleiss(diagnoses) → Kappa = 0.43, z = 17.65183 (recorded in
        // statsmodels' test_fleiss_kappa_irr).
        var result = FleissKappa.FromRatings(Diagnoses(), 5);

        Assert.Equal(17.65183, result.Z!.Value, 0.000005);
        Assert.True(result.PValue < 1e-60);
    }

    [Fact]
    public void Fleiss_per_category_kappas_by_hand_on_the_1971_diagnoses()
    {
        // N = 30 subjects, r = 6: N r (r − 1) = 900. Category totals 26, 26, 30, 55, 43 of 180 ratings; the
        // disagreements Σ_i n_ij (6 − n_ij), counted from the table, are 84, 84, 60, 101, 71. κ_j = 1 − D_j/(900 p_j q_j):
        //   depression   1 − 84/(900 · 26/180 · 154/180) = 1 − 84/111.2    = 0.24476
        //   schizophrenia 1 − 60/(900 · 30/180 · 150/180) = 1 − 60/125     = 0.52
        //   neurosis     1 − 101/(900 · 55/180 · 125/180) = 1 − 101/190.97 = 0.47113
        //   other        1 − 71/(900 · 43/180 · 137/180) = 1 − 71/163.64  = 0.56612
        // SE₀ = √(2/900) = 0.047140; z_j = κ_j / SE₀ (schizophrenia: 0.52/0.047140 = 11.0309).
        var result = FleissKappa.FromRatings(Diagnoses(), 5);

        double[] expected =
        [
            1 - (84 / (900 * 26 / 180.0 * 154 / 180.0)),
            1 - (84 / (900 * 26 / 180.0 * 154 / 180.0)),
            1 - (60 / (900 * 30 / 180.0 * 150 / 180.0)),
            1 - (101 / (900 * 55 / 180.0 * 125 / 180.0)),
            1 - (71 / (900 * 43 / 180.0 * 137 / 180.0)),
        ];
        for (var j = 0; j < 5; j++)
        {
            Assert.Equal(expected[j], result.CategoryKappas![j], 12);
            Assert.Equal(expected[j] / Math.Sqrt(2 / 900.0), result.CategoryZ![j], 10);
        }

        Assert.Equal(0.52, result.CategoryKappas![2], 12);
        Assert.Equal(Math.Sqrt(2 / 900.0), result.CategoryStandardErrorNull!.Value, 12);
    }

    [Fact]
    public void Average_measure_iccs_give_Shrout_and_Fleiss_published_values()
    {
        // Shrout & Fleiss (1979), Table 4: ICC(1,k) .44, ICC(2,k) .62, ICC(3,k) .91 (and single .17, .29, .71).
        var forms = IntraclassCorrelation.Compute(AgreementTestData.ShroutFleiss).Forms!;

        Assert.Equal(["ICC(1,1)", "ICC(2,1)", "ICC(3,1)", "ICC(1,k)", "ICC(2,k)", "ICC(3,k)"], forms.Select(f => f.Form));
        double[] published = [0.17, 0.29, 0.71, 0.44, 0.62, 0.91];
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(published[i], forms[i].Value, 0.005);
        }
    }

    [Fact]
    public void Icc_F_tests_and_intervals_by_hand_on_Shrout_and_Fleiss_data()
    {
        // Exact mean squares of the 6 × 4 table (n = 6, k = 4), by hand from the sums of squares (grand mean 127/24):
        // SS_subjects = 1349/24, SS_judges = 2339/24, SS_error = 367/24 ⇒ MSR = 1349/120, MSC = 2339/72,
        // MSE = 367/360, MSW = (SSC + SSE)/18 = 451/72 (Table 3 rounds them: 11.24, 32.49, 1.02, 6.26).
        double n = 6, k = 4, msr = 1349 / 120.0, msc = 2339 / 72.0, mse = 367 / 360.0, msw = 451 / 72.0;
        var forms = IntraclassCorrelation.Compute(AgreementTestData.ShroutFleiss).Forms!;
        double Q(double d1, double d2) => FisherSnedecor.InvCDF(d1, d2, 0.975);

        // ICC(1,·) (Shrout & Fleiss eq. 5–6; McGraw & Wong Table 7 case 1): F = MSR/MSW on (n − 1, n(k − 1)) = (5, 18);
        // F_L = F / F_.975(5, 18), F_U = F · F_.975(18, 5); ICC(1,1) limits (F − 1)/(F + k − 1), ICC(1,k) limits 1 − 1/F.
        var f1 = msr / msw;
        double fl = f1 / Q(5, 18), fu = f1 * Q(18, 5);
        AssertForm(forms[0], f1, 5, 18, 1 - FisherSnedecor.CDF(5, 18, f1), (fl - 1) / (fl + k - 1), (fu - 1) / (fu + k - 1));
        AssertForm(forms[3], f1, 5, 18, 1 - FisherSnedecor.CDF(5, 18, f1), 1 - (1 / fl), 1 - (1 / fu));

        // ICC(3,·): F = MSR/MSE on (5, 15); the same limits with F_.975(5, 15) and F_.975(15, 5).
        var f3 = msr / mse;
        fl = f3 / Q(5, 15);
        fu = f3 * Q(15, 5);
        var p3 = 1 - FisherSnedecor.CDF(5, 15, f3);
        AssertForm(forms[2], f3, 5, 15, p3, (fl - 1) / (fl + k - 1), (fu - 1) / (fu + k - 1));
        AssertForm(forms[5], f3, 5, 15, p3, 1 - (1 / fl), 1 - (1 / fu));

        // ICC(2,·) (McGraw & Wong Table 7 case 2A; Shrout & Fleiss eq. 12): ρ = ICC(2,1), F_J = MSC/MSE,
        // a = n(1 + (k − 1)ρ) − kρ, v = (k − 1)(n − 1)(kρF_J + a)² / ((n − 1)k²ρ²F_J² + a²);
        // L = n(MSR − F*·MSE)/(F*(k·MSC + (kn − k − n)MSE) + n·MSR) with F* = F_.975(n − 1, v),
        // U = n(F**·MSR − MSE)/(k·MSC + (kn − k − n)MSE + n·F**·MSR) with F** = F_.975(v, n − 1);
        // ICC(2,k) limits are the Spearman–Brown step-ups kL/(1 + (k − 1)L).
        var rho = (msr - mse) / (msr + ((k - 1) * mse) + (k * (msc - mse) / n));
        var fj = msc / mse;
        var a = (n * (1 + ((k - 1) * rho))) - (k * rho);
        var v = (k - 1) * (n - 1) * Math.Pow((k * rho * fj) + a, 2) / (((n - 1) * k * k * rho * rho * fj * fj) + (a * a));
        double fStar = Q(n - 1, v), fStarStar = Q(v, n - 1);
        var lower = n * (msr - (fStar * mse)) / ((fStar * ((k * msc) + (((k * n) - k - n) * mse))) + (n * msr));
        var upper = n * ((fStarStar * msr) - mse) / ((k * msc) + (((k * n) - k - n) * mse) + (n * fStarStar * msr));
        AssertForm(forms[1], f3, 5, 15, p3, lower, upper);
        AssertForm(forms[4], f3, 5, 15, p3, k * lower / (1 + ((k - 1) * lower)), k * upper / (1 + ((k - 1) * upper)));

        // Sanity of the hand arithmetic: F = MSR/MSE = (1349/120)/(367/360) = 4047/367 ≈ 11.03.
        Assert.Equal(4047 / 367.0, f3, 12);
        Assert.All(forms, f => Assert.InRange(f.Value, f.Lower, f.Upper));
    }

    [Fact]
    public void A_constant_rater_offset_does_not_fail_the_intervals()
    {
        // Rater 2 = rater 1 + 3: MSE is 0 up to rounding, so Satterthwaite's v for ICC(2,·) degenerates and MathNet's
        // F quantile search did not converge (found by the offset property); the forms must still be computed.
        int[] r = [4, 3, 2, 4, 4, 2, 4, 1, 0, 4, 0, 0, 4, 1, 2, 3, 0, 4, 4, 2, 0, 1, 4, 1, 0, 3, 2, 3, 0, 2, 0, 4, 1, 4, 1, 2, 0];
        var ratings = new double[r.Length, 2];
        for (var i = 0; i < r.Length; i++)
        {
            (ratings[i, 0], ratings[i, 1]) = (r[i], r[i] + 3);
        }

        var forms = IntraclassCorrelation.Compute(ratings).Forms!;

        Assert.Equal(1.0, forms[2].Value, 9);
        Assert.Equal(6, forms.Count);
    }

    private static void AssertForm(IntraclassCorrelationForm form, double f, double df1, double df2, double p, double lower, double upper)
    {
        Assert.Equal(f, form.F, 10);
        Assert.Equal(df1, form.DegreesOfFreedom1);
        Assert.Equal(df2, form.DegreesOfFreedom2);
        Assert.Equal(p, form.PValue, 10);
        Assert.Equal(lower, form.Lower, 8);
        Assert.Equal(upper, form.Upper, 8);
        Assert.Equal(0.95, form.ConfidenceLevel);
    }

    private static int[,] Diagnoses()
    {
        var data = AgreementTestData.FleissDiagnoses;
        var ratings = new int[30, 6];
        for (var i = 0; i < 30; i++)
        {
            for (var r = 0; r < 6; r++)
            {
                ratings[i, r] = data[i, r] - 1;
            }
        }

        return ratings;
    }
}
