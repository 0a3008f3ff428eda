using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class FleissKappaTests
{
    [Fact]
    public void Fleiss_1971_diagnoses_give_the_published_kappa()
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

        var result = FleissKappa.FromRatings(ratings, 5);

        // Transcription check: category totals 26, 26, 30, 55, 43 of 180 ratings.
        Assert.Equal(new[] { 26, 26, 30, 55, 43 }.Select(c => c / 180.0), result.CategoryProportions);
        Assert.Equal(0.4302445, result.Kappa, 0.0000005);
        Assert.Equal((30, 6), (result.Subjects, result.RatersPerSubject));
    }

    [Fact]
    public void Wikipedia_counts_example()
    {
        // 10 subjects × 5 categories, 14 raters each; κ = 0.210 (Wikipedia "Fleiss' kappa", worked example).
        int[,] counts =
        {
            { 0, 0, 0, 0, 14 }, { 0, 2, 6, 4, 2 }, { 0, 0, 3, 5, 6 }, { 0, 3, 9, 2, 0 }, { 2, 2, 8, 1, 1 },
            { 7, 7, 0, 0, 0 }, { 3, 2, 6, 3, 0 }, { 2, 5, 3, 2, 2 }, { 6, 5, 2, 1, 0 }, { 0, 2, 2, 3, 7 },
        };

        Assert.Equal(0.210, FleissKappa.FromCounts(counts).Kappa, 0.0005);
    }

    [Property(MaxTest = 300)]
    public Property Identical_raters_have_kappa_one() =>
        Prop.ForAll(AgreementTestData.VariedRatings(), Gen.Choose(2, 6).ToArbitrary(), static (r, raters) =>
        {
            var ratings = new int[r.Length, raters];
            for (var i = 0; i < r.Length; i++)
            {
                for (var j = 0; j < raters; j++)
                {
                    ratings[i, j] = r[i];
                }
            }

            return Math.Abs(FleissKappa.FromRatings(ratings, 5).Kappa - 1) < 1e-12;
        });

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Contains("at least 2 raters", Assert.Throws<ArgumentException>(() => FleissKappa.FromRatings(new int[3, 1], 2)).Message, StringComparison.Ordinal);
        Assert.Contains("Subject 1", Assert.Throws<ArgumentException>(() => FleissKappa.FromCounts(new[,] { { 1, 2 }, { 2, 2 } })).Message, StringComparison.Ordinal);
        Assert.Contains("undefined", Assert.Throws<ArgumentException>(() => FleissKappa.FromCounts(new[,] { { 3, 0 }, { 3, 0 } })).Message, StringComparison.Ordinal);
    }
}
