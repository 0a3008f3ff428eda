using MathNet.Numerics.Distributions;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class CountBootstrapTests
{
    public static TheoryData<int, double> BinomialCases() => new()
    {
        { 30, 0.1 },          // inversion (n·p = 3)
        { 200, 0.03 },        // inversion
        { 1_000, 0.4 },       // BTRS
        { 1_000_000, 0.2 },   // BTRS, the size of a million-row bootstrap
        { 50, 0.85 },         // mirrored (p > ½)
        { 1_000_000, 0.999 }, // mirrored, rare side by inversion
    };

    [Theory]
    [MemberData(nameof(BinomialCases))]
    public void Binomial_draws_have_the_binomial_mean_and_variance(int n, double p)
    {
        const int draws = 40_000;
        var random = new Random(17);
        double sum = 0, sumSquares = 0;
        for (var i = 0; i < draws; i++)
        {
            double x = BinomialSampler.Binomial(random, n, p);
            Assert.InRange(x, 0, n);
            sum += x;
            sumSquares += x * x;
        }

        var mean = sum / draws;
        var variance = (sumSquares - (draws * mean * mean)) / (draws - 1);
        var trueVariance = n * p * (1 - p);

        // Mean within 5 standard errors; sample variance within 5 % (its relative SE is about √(2/draws) ≈ 0.7 %).
        Assert.InRange(mean, (n * p) - (5 * Math.Sqrt(trueVariance / draws)), (n * p) + (5 * Math.Sqrt(trueVariance / draws)));
        Assert.InRange(variance / trueVariance, 0.95, 1.05);
    }

    [Theory]
    [InlineData(40, 0.3)]    // inversion
    [InlineData(400, 0.45)]  // BTRS
    public void Binomial_draws_follow_the_binomial_probability_mass_function(int n, double p)
    {
        // Pearson χ² goodness of fit against MathNet's Binomial PMF, over cells with an expected count of at least 10.
        const int draws = 100_000;
        var random = new Random(23);
        var counts = new int[n + 1];
        for (var i = 0; i < draws; i++)
        {
            counts[BinomialSampler.Binomial(random, n, p)]++;
        }

        double chi2 = 0;
        var cells = 0;
        for (var k = 0; k <= n; k++)
        {
            var expected = draws * Binomial.PMF(p, n, k);
            if (expected >= 10)
            {
                chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
                cells++;
            }
        }

        // P(χ² > critical) = 1e-4: a correct sampler fails this once in ten thousand seeds; the seed is fixed.
        var critical = ChiSquared.InvCDF(cells - 1, 1 - 1e-4);
        Assert.True(chi2 < critical, $"χ² = {chi2:F1} over {cells} cells, critical {critical:F1}");
    }

    [Fact]
    public void A_multinomial_draw_puts_every_trial_in_a_cell_with_the_expected_shares()
    {
        var random = new Random(5);
        int[] weights = [500_000, 0, 300_000, 200_000];
        var draw = new int[4];
        var totals = new long[4];
        const int draws = 2_000;
        for (var d = 0; d < draws; d++)
        {
            BinomialSampler.Multinomial(random, 1_000_000, weights, draw);
            Assert.Equal(1_000_000, draw.Sum());
            Assert.Equal(0, draw[1]);
            for (var k = 0; k < 4; k++)
            {
                totals[k] += draw[k];
            }
        }

        Assert.Equal(0.5, totals[0] / (draws * 1e6), 3);
        Assert.Equal(0.3, totals[2] / (draws * 1e6), 3);
        Assert.Equal(0.2, totals[3] / (draws * 1e6), 3);
    }

    [Fact]
    public void Number_needed_intervals_agree_with_the_case_resampling_bootstrap()
    {
        // 600 cases: TP 60, FP 90, TN 400, FN 50. Both bootstraps resample all cases; their intervals estimate the same
        // quantiles, so they agree up to Monte Carlo error.
        var flagged = new List<bool>();
        var outcomes = new List<bool>();
        void Add(int count, bool flag, bool outcome)
        {
            for (var i = 0; i < count; i++)
            {
                flagged.Add(flag);
                outcomes.Add(outcome);
            }
        }

        Add(60, true, true);
        Add(90, true, false);
        Add(400, false, false);
        Add(50, false, true);
        var options = new BootstrapOptions(Seed: 3, Resamples: 4000);

        var counts = CountBootstrap.NumberNeeded(60, 90, 400, 50, options);
        var nnd = Bootstrap.NumberNeededToDetain([.. flagged], [.. outcomes], options);
        var nsd = Bootstrap.NumberSafelyDischarged([.. flagged], [.. outcomes], options);

        Assert.Equal(150.0 / 60.0, counts.NumberNeededToDetain.Estimate, 12);
        Assert.Equal(400.0 / 50.0, counts.NumberSafelyDischarged.Estimate, 12);
        Assert.Equal(nnd.Lower, counts.NumberNeededToDetain.Lower, 0.08);
        Assert.Equal(nnd.Upper, counts.NumberNeededToDetain.Upper, 0.1);
        Assert.Equal(nsd.Lower, counts.NumberSafelyDischarged.Lower, 0.4);
        Assert.Equal(nsd.Upper, counts.NumberSafelyDischarged.Upper, 0.6);
    }

    [Fact]
    public void The_same_seed_gives_the_same_intervals()
    {
        var options = new BootstrapOptions(Seed: 9, Resamples: 500);

        var first = CountBootstrap.NumberNeeded(1_000, 3_000, 500_000, 20_000, options);
        var second = CountBootstrap.NumberNeeded(1_000, 3_000, 500_000, 20_000, options);
        var other = CountBootstrap.NumberNeeded(1_000, 3_000, 500_000, 20_000, options with { Seed = 10 });

        Assert.Equal(first, second);
        Assert.NotEqual(first.NumberNeededToDetain.Lower, other.NumberNeededToDetain.Lower);
    }

    [Fact]
    public void Undefined_resamples_are_dropped_and_counted()
    {
        // One flagged case in 1000: most resamples flag nothing, so NND is undefined there.
        var result = CountBootstrap.NumberNeeded(1, 0, 998, 1, new BootstrapOptions(Seed: 1, Resamples: 1000));

        Assert.InRange(result.NumberNeededToDetain.ValidResamples, 500, 750); // P(flagged case drawn) = 1 − (999/1000)^1000 ≈ 0.632
        Assert.Equal(1000, result.NumberNeededToDetain.Resamples);
    }

    [Fact]
    public void Bad_counts_are_refused()
    {
        var options = new BootstrapOptions(Seed: 1, Resamples: 100);

        Assert.Throws<ArgumentException>(() => CountBootstrap.NumberNeeded(-1, 2, 3, 4, options));
        Assert.Throws<ArgumentException>(() => CountBootstrap.NumberNeeded(0, 0, 0, 0, options));
        Assert.Throws<ArgumentException>(() => CountBootstrap.Percentile([1, 2], 0, static (_, _) => { }, options));
    }
}
