using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Distributions;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class AucTests
{
    [Theory]
    [InlineData(0.5, 11)]
    [InlineData(1.0, 12)]
    [InlineData(1.5, 13)]
    public void Binormal_scores_give_the_closed_form_auc(double d, int seed)
    {
        // AUC = P(X > Y) with X − Y ~ N(d, 2), so AUC = Φ(d/√2). With 20,000 + 20,000 cases the DeLong SE is about
        // 0.003, so 0.01 is more than three standard errors.
        var (scores, outcomes) = StatisticsTestData.Binormal(20_000, 20_000, d, seed);
        var expected = Normal.CDF(0, 1, d / Math.Sqrt(2));

        var result = Auc.Compute(scores, outcomes);

        Assert.Equal(expected, result.Auc, 0.01);
        Assert.InRange(expected, result.Lower - 0.005, result.Upper + 0.005);
    }

    [Fact]
    public void Binormal_standard_error_matches_the_spread_over_replications()
    {
        // Independent check of the DeLong SE: the SD of the AUC over 200 independent replications.
        var aucs = new double[200];
        var ses = new double[200];
        for (var r = 0; r < aucs.Length; r++)
        {
            var (scores, outcomes) = StatisticsTestData.Binormal(150, 100, 1.0, 1000 + r);
            var result = Auc.Compute(scores, outcomes);
            aucs[r] = result.Auc;
            ses[r] = result.StandardError;
        }

        var empiricalSd = MathNet.Numerics.Statistics.Statistics.StandardDeviation(aucs);
        Assert.Equal(empiricalSd, ses.Average(), empiricalSd * 0.15);
    }

    [Fact]
    public void A_perfectly_separating_score_has_auc_one_and_zero_standard_error()
    {
        double[] scores = [0.1, 0.2, 0.3, 0.7, 0.8, 0.9];
        bool[] outcomes = [false, false, false, true, true, true];

        var result = Auc.Compute(scores, outcomes);

        Assert.Equal(1.0, result.Auc, 12);
        Assert.Equal(0.0, result.StandardError, 12);
        Assert.Equal(1.0, result.Upper);
        Assert.Equal(1.0, result.Lower);
    }

    [Fact]
    public void Ties_between_classes_count_half()
    {
        // Positives {2, 3, 3}, negatives {1, 2, 3}. Pairs (pos, neg), 9 in all:
        //   2 vs 1 → 1,  2 vs 2 → ½,  2 vs 3 → 0
        //   3 vs 1 → 1,  3 vs 2 → 1,  3 vs 3 → ½   (twice, for both positives scored 3)
        // Sum = 1 + ½ + 0 + 2·(1 + 1 + ½) = 6.5, so AUC = 6.5 / 9 = 0.7222…
        double[] scores = [2, 3, 3, 1, 2, 3];
        bool[] outcomes = [true, true, true, false, false, false];

        Assert.Equal(6.5 / 9.0, Auc.PointEstimate(scores, outcomes), 12);
        Assert.Equal(6.5 / 9.0, Auc.Compute(scores, outcomes).Auc, 12);
    }

    [Fact]
    public void Hanley_and_McNeil_1982_rating_data_gives_the_published_auc()
    {
        var (scores, outcomes) = StatisticsTestData.HanleyMcNeil1982();

        var result = Auc.Compute(scores, outcomes);

        // Published: AUC 0.893 and (Hanley-McNeil) SE 0.032; DeLong's SE is a different estimator of the same quantity.
        Assert.Equal(0.893, result.Auc, 0.0005);
        Assert.Equal(0.032, result.StandardError, 0.004);
        Assert.Equal(51, result.Positives);
        Assert.Equal(58, result.Negatives);
    }

    [Fact]
    public void Wald_interval_is_auc_plus_minus_z_times_se_and_logit_interval_is_asymmetric_inside_0_1()
    {
        var (scores, outcomes) = StatisticsTestData.HanleyMcNeil1982();
        var wald = Auc.Compute(scores, outcomes);
        var logit = Auc.Compute(scores, outcomes, AucIntervalMethod.Logit);
        var z = Normal.InvCDF(0, 1, 0.975);

        Assert.Equal(wald.Auc - (z * wald.StandardError), wald.Lower, 12);
        Assert.Equal(wald.Auc + (z * wald.StandardError), wald.Upper, 12);

        // logit(L) = logit(A) − z·SE/(A(1 − A)).
        static double Logit(double p) => Math.Log(p / (1 - p));
        var a = logit.Auc;
        Assert.Equal(Logit(a) - (z * logit.StandardError / (a * (1 - a))), Logit(logit.Lower), 10);
        Assert.True(logit.Upper - a < a - logit.Lower);
        Assert.True(logit.Upper < 1.0);
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_message_naming_the_problem()
    {
        var mismatch = Assert.Throws<ArgumentException>(() => Auc.Compute([1.0, 2.0], [true]));
        Assert.Contains("Length mismatch", mismatch.Message, StringComparison.Ordinal);

        var nan = Assert.Throws<ArgumentException>(() => Auc.Compute([1.0, double.NaN, 2.0, 3.0], [true, false, true, false]));
        Assert.Contains("scores[1] is NaN", nan.Message, StringComparison.Ordinal);

        var allEqual = Assert.Throws<ArgumentException>(() => Auc.PointEstimate([1.0, 2.0, 3.0], [true, true, true]));
        Assert.Contains("undefined", allEqual.Message, StringComparison.Ordinal);

        var tooFew = Assert.Throws<ArgumentException>(() => Auc.Compute([1.0, 2.0, 3.0], [true, false, false]));
        Assert.Contains("at least 2", tooFew.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => Auc.Compute([1.0, 2.0, 3.0, 4.0], [true, false, true, false], confidenceLevel: 1.5));
    }

    [Property(MaxTest = 500)]
    public Property Reversing_the_score_gives_one_minus_the_auc() =>
        Prop.ForAll(StatisticsTestData.LabelledScores(), static d =>
        {
            var reversed = d.Scores.Select(static s => -s).ToArray();
            return Math.Abs(Auc.PointEstimate(reversed, d.Outcomes) - (1.0 - Auc.PointEstimate(d.Scores, d.Outcomes))) < 1e-12;
        });

    [Property(MaxTest = 500)]
    public Property Auc_is_invariant_under_strictly_increasing_transforms() =>
        Prop.ForAll(StatisticsTestData.LabelledScores(), static d =>
        {
            var transformed = d.Scores.Select(static s => Math.Exp(s / 3.0) + (s * s * s)).ToArray();
            return Math.Abs(Auc.PointEstimate(transformed, d.Outcomes) - Auc.PointEstimate(d.Scores, d.Outcomes)) < 1e-12;
        });

    [Property(MaxTest = 500)]
    public Property Auc_equals_the_pairwise_mann_whitney_count() =>
        Prop.ForAll(StatisticsTestData.LabelledScores(), static d =>
        {
            double sum = 0;
            int pairs = 0;
            for (var i = 0; i < d.Scores.Length; i++)
            {
                for (var j = 0; j < d.Scores.Length; j++)
                {
                    if (d.Outcomes[i] && !d.Outcomes[j])
                    {
                        pairs++;
                        sum += d.Scores[i] > d.Scores[j] ? 1.0 : d.Scores[i] == d.Scores[j] ? 0.5 : 0.0;
                    }
                }
            }

            return Math.Abs(Auc.PointEstimate(d.Scores, d.Outcomes) - (sum / pairs)) < 1e-12;
        });

    [Property(MaxTest = 300)]
    public Property Interval_contains_the_auc_and_stays_in_0_1() =>
        Prop.ForAll(StatisticsTestData.LabelledScores(), static d =>
        {
            var wald = Auc.Compute(d.Scores, d.Outcomes);
            var logit = Auc.Compute(d.Scores, d.Outcomes, AucIntervalMethod.Logit);
            return wald.Lower <= wald.Auc && wald.Auc <= wald.Upper && wald.Lower >= 0 && wald.Upper <= 1
                && logit.Lower <= logit.Auc + 1e-12 && logit.Auc <= logit.Upper + 1e-12 && logit.Lower >= 0 && logit.Upper <= 1;
        });
}
