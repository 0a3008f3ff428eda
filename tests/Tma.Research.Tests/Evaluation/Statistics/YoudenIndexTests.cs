using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class YoudenIndexTests
{
    [Fact]
    public void Youden_index_and_threshold_by_hand()
    {
        // With the outcome 0.9, 0.8, 0.4 (P = 3); without 0.8, 0.6, 0.3, 0.2 (N = 4). J = TP/3 − FP/4 at t:
        //   0.9: 1/3 − 0 = 0.333 · 0.8: 2/3 − 1/4 = 0.417 · 0.6: 2/3 − 2/4 = 0.167 · 0.4: 1 − 2/4 = 0.5 · 0.3: 0.25 · 0.2: 0
        double[] scores = [0.9, 0.8, 0.4, 0.8, 0.6, 0.3, 0.2];
        bool[] outcomes = [true, true, true, false, false, false, false];

        var result = YoudenIndex.Compute(scores, outcomes);

        Assert.Equal(0.5, result.Index, 12);
        Assert.Equal(0.4, result.Threshold);
        Assert.Equal(1.0, result.Sensitivity, 12);
        Assert.Equal(0.5, result.Specificity, 12);
        Assert.Equal([0.4], result.TiedThresholds);
    }

    [Fact]
    public void Ties_are_all_listed_and_the_highest_threshold_is_reported()
    {
        // With the outcome 0.9, 0.5; without 0.7, 0.3. J at 0.9: 1/2 − 0 = 0.5; 0.7: 1/2 − 1/2 = 0; 0.5: 1 − 1/2 = 0.5; 0.3: 0.
        double[] scores = [0.9, 0.5, 0.7, 0.3];
        bool[] outcomes = [true, true, false, false];

        var result = YoudenIndex.Compute(scores, outcomes);

        Assert.Equal(0.5, result.Index, 12);
        Assert.Equal(0.9, result.Threshold);
        Assert.Equal((0.5, 1.0), (result.Sensitivity, result.Specificity));
        Assert.Equal([0.9, 0.5], result.TiedThresholds);
    }

    [Fact]
    public void A_score_without_information_has_index_zero()
    {
        // Everyone scores the same: the only threshold flags everyone, sensitivity 1, specificity 0.
        var result = YoudenIndex.Compute([2.0, 2.0, 2.0], [true, false, false]);

        Assert.Equal(0.0, result.Index, 12);
        Assert.Equal(2.0, result.Threshold);
    }

    [Fact]
    public void Bootstrap_is_seeded_and_brackets_the_estimates()
    {
        var random = new Random(3);
        var scores = new double[400];
        var outcomes = new bool[400];
        for (var i = 0; i < scores.Length; i++)
        {
            outcomes[i] = random.NextDouble() < 0.3;
            scores[i] = Math.Round(random.NextDouble() + (outcomes[i] ? 0.5 : 0.0), 2);
        }

        var options = new BootstrapOptions(Seed: 11, Resamples: 300);
        var first = RocBootstrap.Compute(scores, outcomes, 0.8, 1.0, PartialAucFocus.Specificity, options);
        var second = RocBootstrap.Compute(scores, outcomes, 0.8, 1.0, PartialAucFocus.Specificity, options);

        Assert.Equal(first, second);
        Assert.Equal(PartialAuc.Compute(scores, outcomes).Area, first.PartialAuc.Estimate, 12);
        Assert.Equal(YoudenIndex.Compute(scores, outcomes).Index, first.YoudenIndex.Estimate, 12);
        Assert.Equal(YoudenIndex.Compute(scores, outcomes).Threshold, first.YoudenThreshold.Estimate);
        foreach (var interval in new[] { first.PartialAuc, first.CorrectedPartialAuc, first.YoudenIndex, first.YoudenThreshold })
        {
            // Stratified: every resample has both outcomes, so every statistic is defined on every resample.
            Assert.Equal(300, interval.ValidResamples);
            Assert.InRange(interval.Estimate, interval.Lower, interval.Upper);
        }

        // The corrected interval is the McClish transform of the raw one (a fixed increasing linear map).
        Assert.Equal(PartialAuc.Standardise(first.PartialAuc.Lower, 0.02, 0.2), first.CorrectedPartialAuc.Lower, 12);
    }

    [Fact]
    public void Bootstrap_of_a_perfect_score_is_degenerate_at_the_closed_form()
    {
        // Every stratified resample still separates perfectly: pAUC 0.2, corrected 1 and J 1 on each.
        double[] scores = [5, 6, 7, 1, 2, 3, 4];
        bool[] outcomes = [true, true, true, false, false, false, false];

        var result = RocBootstrap.Compute(scores, outcomes, 0.8, 1.0, PartialAucFocus.Specificity, new BootstrapOptions(1, 50));

        Assert.Equal((0.2, 0.2), (result.PartialAuc.Lower, result.PartialAuc.Upper), new ToleranceComparer(1e-12));
        Assert.Equal((1.0, 1.0), (result.YoudenIndex.Lower, result.YoudenIndex.Upper), new ToleranceComparer(1e-12));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) <= tolerance && Math.Abs(x.Item2 - y.Item2) <= tolerance;

        public int GetHashCode((double, double) obj) => 0;
    }
}
