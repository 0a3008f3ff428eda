using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Distributions;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class DeLongTests
{
    [Property(MaxTest = 300)]
    public Property Fast_single_model_variance_equals_the_naive_structural_components() =>
        Prop.ForAll(StatisticsTestData.LabelledScores(30), static d =>
        {
            var (aucs, covariance) = NaiveDeLong.Estimate([d.Scores], d.Outcomes);
            var fast = Auc.Compute(d.Scores, d.Outcomes);
            return Math.Abs(fast.Auc - aucs[0]) < 1e-12
                && Math.Abs((fast.StandardError * fast.StandardError) - covariance[0, 0]) < 1e-12;
        });

    [Property(MaxTest = 300)]
    public Property Fast_paired_test_equals_the_naive_structural_components() =>
        Prop.ForAll(StatisticsTestData.PairedScores(), static d =>
        {
            var (aucs, s) = NaiveDeLong.Estimate([d.A, d.B], d.Outcomes);
            var fast = DeLong.Compare(d.A, d.B, d.Outcomes);
            var naiveVariance = s[0, 0] + s[1, 1] - (2 * s[0, 1]);
            return Math.Abs(fast.AucA - aucs[0]) < 1e-12
                && Math.Abs(fast.AucB - aucs[1]) < 1e-12
                && Math.Abs((fast.StandardError * fast.StandardError) - Math.Max(0, naiveVariance)) < 1e-12
                && Math.Abs((fast.StandardErrorA * fast.StandardErrorA) - s[0, 0]) < 1e-12
                && Math.Abs((fast.StandardErrorB * fast.StandardErrorB) - s[1, 1]) < 1e-12;
        });

    [Property(MaxTest = 300)]
    public Property Variances_are_never_negative_and_p_lies_in_0_1() =>
        Prop.ForAll(StatisticsTestData.PairedScores(), static d =>
        {
            var result = DeLong.Compare(d.A, d.B, d.Outcomes);
            return result.StandardError >= 0 && result.StandardErrorA >= 0 && result.StandardErrorB >= 0
                && result.PValue is >= 0 and <= 1
                && result.Lower <= result.Difference && result.Difference <= result.Upper;
        });

    [Fact]
    public void Z_p_and_interval_follow_from_the_difference_and_its_standard_error()
    {
        var (a, outcomes) = StatisticsTestData.Binormal(300, 200, 1.0, 7);
        var random = new Random(8);
        var b = a.Select(s => s + StatisticsTestData.StandardNormal(random)).ToArray();

        var result = DeLong.Compare(a, b, outcomes);

        Assert.Equal(result.AucA - result.AucB, result.Difference, 15);
        Assert.Equal(result.Difference / result.StandardError, result.Z, 12);
        Assert.Equal(2 * (1 - Normal.CDF(0, 1, Math.Abs(result.Z))), result.PValue, 10);
        var z = Normal.InvCDF(0, 1, 0.975);
        Assert.Equal(result.Difference - (z * result.StandardError), result.Lower, 12);
        Assert.Equal(result.Difference + (z * result.StandardError), result.Upper, 12);
        Assert.True(result.AucA > result.AucB, "adding noise must lower the AUC");
        Assert.True(result.Correlation is > 0 and < 1);
    }

    [Fact]
    public void Identical_scores_give_zero_difference_and_p_one()
    {
        var (a, outcomes) = StatisticsTestData.Binormal(50, 50, 1.0, 3);

        var result = DeLong.Compare(a, a, outcomes);

        Assert.Equal(0.0, result.Difference);
        Assert.Equal(0.0, result.StandardError, 12);
        Assert.Equal(1.0, result.PValue, 12);
    }

    [Fact]
    public void Under_the_null_p_values_are_roughly_uniform()
    {
        // Two independent noisy copies of the same signal have equal true AUCs: about 5% of tests should reject at 0.05.
        var rejections = 0;
        const int replications = 400;
        for (var r = 0; r < replications; r++)
        {
            var random = new Random(500 + r);
            var n = 200;
            var outcomes = new bool[n];
            var a = new double[n];
            var b = new double[n];
            for (var i = 0; i < n; i++)
            {
                outcomes[i] = i % 2 == 0;
                var signal = (outcomes[i] ? 0.8 : 0.0) + StandardNormal(random);
                a[i] = signal + StandardNormal(random);
                b[i] = signal + StandardNormal(random);
            }

            if (DeLong.Compare(a, b, outcomes).PValue < 0.05)
            {
                rejections++;
            }
        }

        // Binomial(400, 0.05): mean 20, SD 4.4.
        Assert.InRange(rejections, 7, 35);

        static double StandardNormal(Random random) => StatisticsTestData.StandardNormal(random);
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => DeLong.Compare([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0], [true, false, true, false]));
        Assert.Contains("scoresB", ex.Message, StringComparison.Ordinal);
    }
}
