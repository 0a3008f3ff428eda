using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class CohenKappaTests
{
    [Fact]
    public void Textbook_two_by_two_example()
    {
        // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
        // P_o = 35/50 = 0.7; rater A says yes 25/50, rater B 30/50: P_e = .5·.6 + .5·.4 = 0.5; κ = (.7 − .5)/(1 − .5) = 0.4.
        var result = CohenKappa.FromTable(new[,] { { 20, 5 }, { 10, 15 } });

        Assert.Equal(0.7, result.ObservedAgreement, 12);
        Assert.Equal(0.5, result.ExpectedAgreement, 12);
        Assert.Equal(0.4, result.Kappa, 12);
    }

    [Fact]
    public void SAS_example_unweighted_and_linear_weighted()
    {
        // SAS PROC FREQ AGREE example (as reproduced in statsmodels' tests): κ = 0.4842, weighted κ
        // (Cicchetti-Allison, i.e. linear weights) = 0.4701.
        int[,] table = { { 0, 4, 1 }, { 0, 8, 0 }, { 0, 1, 5 } };

        Assert.Equal(0.4842, CohenKappa.FromTable(table).Kappa, 0.00005);
        Assert.Equal(0.4701, CohenKappa.FromTable(table, KappaWeighting.Linear).Kappa, 0.00005);
    }

    [Fact]
    public void Quadratic_weights_by_hand()
    {
        // Same table, 19 subjects; rows 5, 8, 6; columns 0, 13, 6. Weights 1 − (d/2)²: d 0 → 1, d 1 → .75, d 2 → 0.
        // 19·P_o = 13·1 + (4 + 1)·.75 = 16.75;  361·P_e = (8·13 + 6·6)·1 + (5·13 + 8·6 + 6·13)·.75 = 140 + 143.25 = 283.25.
        // κ = (361·P_o − 361·P_e)/(361 − 361·P_e) = (318.25 − 283.25)/(361 − 283.25) = 35/77.75.
        int[,] table = { { 0, 4, 1 }, { 0, 8, 0 }, { 0, 1, 5 } };

        Assert.Equal(35 / 77.75, CohenKappa.FromTable(table, KappaWeighting.Quadratic).Kappa, 12);
    }

    [Fact]
    public void First_two_raters_of_Fleiss_diagnoses_match_irr_kappa2()
    {
        // irr::kappa2(diagnoses[, c("rater1", "rater2")]) reports κ = 0.651.
        var data = AgreementTestData.FleissDiagnoses;
        var a = Enumerable.Range(0, 30).Select(i => data[i, 0] - 1).ToArray();
        var b = Enumerable.Range(0, 30).Select(i => data[i, 1] - 1).ToArray();

        Assert.Equal(0.651, CohenKappa.Compute(a, b, 5).Kappa, 0.0005);
    }

    [Property(MaxTest = 500)]
    public Property Identical_raters_have_kappa_one_for_every_weighting() =>
        Prop.ForAll(AgreementTestData.VariedRatings(), static r =>
            Math.Abs(CohenKappa.Compute(r, r, 5).Kappa - 1) < 1e-12
            && Math.Abs(CohenKappa.Compute(r, r, 5, KappaWeighting.Linear).Kappa - 1) < 1e-12
            && Math.Abs(CohenKappa.Compute(r, r, 5, KappaWeighting.Quadratic).Kappa - 1) < 1e-12);

    [Property(MaxTest = 300)]
    public Property With_two_categories_all_weightings_agree() =>
        Prop.ForAll(
            (from n in Gen.Choose(3, 30) from a in Gen.Choose(0, 1).ArrayOf(n) from b in Gen.Choose(0, 1).ArrayOf(n) select (a, b))
                .Where(static d => d.a.Concat(d.b).Distinct().Count() == 2).ToArbitrary(),
            static d =>
            {
                var plain = CohenKappa.Compute(d.a, d.b, 2).Kappa;
                return Math.Abs(CohenKappa.Compute(d.a, d.b, 2, KappaWeighting.Linear).Kappa - plain) < 1e-12
                    && Math.Abs(CohenKappa.Compute(d.a, d.b, 2, KappaWeighting.Quadratic).Kappa - plain) < 1e-12;
            });

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Contains("raterB[1]", Assert.Throws<ArgumentException>(() => CohenKappa.Compute([0, 1], [0, 7], 3)).Message, StringComparison.Ordinal);
        Assert.Contains("Length mismatch", Assert.Throws<ArgumentException>(() => CohenKappa.Compute([0, 1], [0], 3)).Message, StringComparison.Ordinal);
        Assert.Contains("undefined", Assert.Throws<ArgumentException>(() => CohenKappa.Compute([1, 1], [1, 1], 3)).Message, StringComparison.Ordinal);
    }
}
