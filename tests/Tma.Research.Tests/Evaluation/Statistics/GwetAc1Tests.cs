using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Distributions;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class GwetAc1Tests
{
    [Fact]
    public void Two_raters_by_hand_on_a_two_by_two_table()
    {
        // n = 50; p11 .4, p12 .1, p21 .2, p22 .3. π_1 = (p_1· + p_·1)/2 = (.5 + .6)/2 = .55, π_2 = .45;
        // p_e = Σ π_k(1 − π_k)/(q − 1) = 2 · .55 · .45 = .495; p_a = .7; AC1 = (.7 − .495)/(1 − .495) = .205/.505.
        // Variance (Gwet 2008, two raters): p_a(1 − p_a) = .21;
        //   Σ p_kk(1 − π_k)/(q − 1) − p_a p_e = (.4 · .45 + .3 · .55) − .7 · .495 = .345 − .3465 = −.0015;
        //   Σ p_kl(1 − (π_k + π_l)/2)²/(q − 1)² − p_e² = .4 · .45² + .1 · .5² + .2 · .5² + .3 · .55² − .495²
        //     = .24675 − .245025 = .001725;
        //   v = [.21 − 4(1 − AC1)(−.0015) + 4(1 − AC1)² · .001725] / (50 · .505²).
        var result = GwetAc1.FromTable(new[,] { { 20, 5 }, { 10, 15 } });

        var ac1 = 0.205 / 0.505;
        var variance = (0.21 + (4 * (1 - ac1) * 0.0015) + (4 * (1 - ac1) * (1 - ac1) * 0.001725)) / (50 * 0.505 * 0.505);
        Assert.Equal(ac1, result.Ac1, 12);
        Assert.Equal(0.7, result.ObservedAgreement, 12);
        Assert.Equal(0.495, result.ExpectedAgreement, 12);
        Assert.Equal(Math.Sqrt(variance), result.StandardError, 12);
        var z = Normal.InvCDF(0, 1, 0.975);
        Assert.Equal(ac1 - (z * Math.Sqrt(variance)), result.Lower, 12);
        Assert.Equal(ac1 + (z * Math.Sqrt(variance)), result.Upper, 12);
        Assert.Equal((50, 2), (result.Subjects, result.Raters));
    }

    [Fact]
    public void Several_raters_by_hand_on_three_subjects()
    {
        // 3 subjects × 3 raters, 2 categories; counts (r_i0, r_i1) = (3, 0), (2, 1), (0, 3); r(r − 1) = 6.
        // p_a|i = 1, 2/6, 1 ⇒ p_a = 7/9; π_0 = (1 + 2/3 + 0)/3 = 5/9, π_1 = 4/9; p_e = 2 · 5/9 · 4/9 = 40/81;
        // AC1 = (7/9 − 40/81)/(41/81) = 23/41.
        // Linearized (Gwet 2008, r raters): AC1_i = (p_a|i − p_e)/(1 − p_e) = 1, −13/41, 1;
        // p_e|i = Σ_k (r_ik/r)(1 − π_k) = 4/9, 13/27, 5/9, so p_e|i − p_e = −4/81, −1/81, 5/81;
        // AC1*_i = AC1_i − 2(1 − AC1)(p_e|i − p_e)/(1 − p_e) = AC1_i − (2916/1681)(p_e|i − p_e)
        //        = 1825/1681, −497/1681, 1501/1681 (mean 943/1681 = AC1);
        // v = Σ (AC1*_i − AC1)² / (n(n − 1)) = (882² + 1440² + 558²)/1681² / 6 = 3162888/(2825761 · 6).
        int[,] ratings = { { 0, 0, 0 }, { 0, 0, 1 }, { 1, 1, 1 } };

        var result = GwetAc1.FromRatings(ratings, 2);

        Assert.Equal(23 / 41.0, result.Ac1, 12);
        Assert.Equal(7 / 9.0, result.ObservedAgreement, 12);
        Assert.Equal(40 / 81.0, result.ExpectedAgreement, 12);
        Assert.Equal(Math.Sqrt(3162888 / (2825761 * 6.0)), result.StandardError, 12);
        Assert.Equal(3, result.Raters);
    }

    [Fact]
    public void Perfect_agreement_gives_one_even_where_kappa_is_undefined()
    {
        // Both raters always say category 0: κ is 0/0, but π_0 = 1 ⇒ p_e = 0 and AC1 = p_a = 1, SE 0.
        var single = GwetAc1.FromTable(new[,] { { 10, 0 }, { 0, 0 } });
        Assert.Equal(1.0, single.Ac1, 12);
        Assert.Equal(0.0, single.StandardError, 12);
        Assert.Throws<ArgumentException>(() => CohenKappa.FromTable(new[,] { { 10, 0 }, { 0, 0 } }));

        var several = GwetAc1.FromRatings(new[,] { { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 } }, 3);
        Assert.Equal(1.0, several.Ac1, 12);
        Assert.Equal(0.0, several.StandardError, 12);
    }

    [Property(MaxTest = 300)]
    public Property Identical_raters_give_one_and_two_rater_forms_agree_on_the_estimate() =>
        Prop.ForAll(AgreementTestData.VariedRatings(), Gen.Choose(0, 4).ArrayOf(40).ToArbitrary(), static (a, other) =>
        {
            var b = a.Select((v, i) => i % 3 == 0 ? other[i % other.Length] : v).ToArray();
            var table = new int[5, 5];
            var ratings = new int[a.Length, 2];
            var same = new int[a.Length, 2];
            for (var i = 0; i < a.Length; i++)
            {
                table[a[i], b[i]]++;
                (ratings[i, 0], ratings[i, 1]) = (a[i], b[i]);
                (same[i, 0], same[i, 1]) = (a[i], a[i]);
            }

            // With two raters p_a|i is 1 or 0 and π_k = (p_k· + p_·k)/2, so both forms give the same AC1.
            return Math.Abs(GwetAc1.FromTable(table).Ac1 - GwetAc1.FromRatings(ratings, 5).Ac1) < 1e-12
                && Math.Abs(GwetAc1.FromRatings(same, 5).Ac1 - 1) < 1e-12;
        });

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Contains("ratings[0, 1]", Assert.Throws<ArgumentException>(() => GwetAc1.FromRatings(new[,] { { 0, 5 }, { 0, 1 } }, 2)).Message, StringComparison.Ordinal);
        Assert.Contains("square", Assert.Throws<ArgumentException>(() => GwetAc1.FromTable(new int[2, 3])).Message, StringComparison.Ordinal);
        Assert.Contains("no subjects", Assert.Throws<ArgumentException>(() => GwetAc1.FromTable(new int[2, 2])).Message, StringComparison.Ordinal);
    }
}
