using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class IntraclassCorrelationTests
{
    [Fact]
    public void Shrout_and_Fleiss_1979_example_gives_the_published_values()
    {
        // Published (Table 4): ICC(1,1) = .17, ICC(2,1) = .29, ICC(3,1) = .71; ANOVA (Table 3): BMS 11.24, JMS 32.49, EMS 1.02, WMS 6.26.
        var result = IntraclassCorrelation.Compute(AgreementTestData.ShroutFleiss);

        Assert.Equal(0.17, result.Icc11, 0.005);
        Assert.Equal(0.29, result.Icc21, 0.005);
        Assert.Equal(0.71, result.Icc31, 0.005);
        Assert.Equal(11.24, result.MeanSquareSubjects, 0.005);
        Assert.Equal(32.49, result.MeanSquareRaters, 0.005);
        Assert.Equal(1.02, result.MeanSquareError, 0.005);
        Assert.Equal(6.26, result.MeanSquareWithin, 0.005);
    }

    [Property(MaxTest = 300)]
    public Property Identical_raters_with_variance_give_one() =>
        Prop.ForAll(AgreementTestData.VariedRatings(), Gen.Choose(2, 5).ToArbitrary(), static (r, raters) =>
        {
            var ratings = new double[r.Length, raters];
            for (var i = 0; i < r.Length; i++)
            {
                for (var j = 0; j < raters; j++)
                {
                    ratings[i, j] = r[i];
                }
            }

            var result = IntraclassCorrelation.Compute(ratings);
            return Math.Abs(result.Icc11 - 1) < 1e-12 && Math.Abs(result.Icc21 - 1) < 1e-12 && Math.Abs(result.Icc31 - 1) < 1e-12;
        });

    [Property(MaxTest = 300)]
    public Property A_constant_rater_offset_lowers_absolute_agreement_but_not_consistency() =>
        Prop.ForAll(AgreementTestData.VariedRatings(), static r =>
        {
            var ratings = new double[r.Length, 2];
            for (var i = 0; i < r.Length; i++)
            {
                ratings[i, 0] = r[i];
                ratings[i, 1] = r[i] + 3;
            }

            var result = IntraclassCorrelation.Compute(ratings);
            return Math.Abs(result.Icc31 - 1) < 1e-12 && result.Icc21 < 1;
        });

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Contains("at least 2 raters", Assert.Throws<ArgumentException>(() => IntraclassCorrelation.Compute(new double[4, 1])).Message, StringComparison.Ordinal);
        Assert.Contains("ratings[1, 0]", Assert.Throws<ArgumentException>(() => IntraclassCorrelation.Compute(new[,] { { 1.0, 2 }, { double.NaN, 2 } })).Message, StringComparison.Ordinal);
        Assert.Contains("All ratings are equal", Assert.Throws<ArgumentException>(() => IntraclassCorrelation.Compute(new[,] { { 1.0, 1 }, { 1, 1 } })).Message, StringComparison.Ordinal);
    }
}
