using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class RocBandTests
{
    // Cases 0.9, 0.8, 0.5, 0.4; controls 0.7, 0.5, 0.3, 0.1 (4 of each; 0.5 is a tie of a case and a control).
    // Vertices (FPR, TPR), thresholds descending: (0, 0); ≥0.9 (0, .25); ≥0.8 (0, .5); ≥0.7 (.25, .5);
    // ≥0.5 (.5, .75) — the tie moves diagonally; ≥0.4 (.5, 1); ≥0.3 (.75, 1); ≥0.1 (1, 1).
    private static readonly double[] SmallScores = [0.9, 0.8, 0.5, 0.4, 0.7, 0.5, 0.3, 0.1];
    private static readonly bool[] SmallOutcomes = [true, true, true, true, false, false, false, false];

    [Theory]
    // sp 1 → FPR 0: vertices (0, 0), (0, .25), (0, .5) lie there; the highest sensitivity, .5, is taken.
    [InlineData(1.0, 0.5)]
    // sp .9 → FPR .1: between (0, .5) and (.25, .5): .5.
    [InlineData(0.9, 0.5)]
    // sp .65 → FPR .35: between (.25, .5) and (.5, .75), fraction (.35 − .25)/.25 = .4 → .5 + .4·.25 = .6.
    [InlineData(0.65, 0.6)]
    // sp .6 → FPR .4: fraction .6 → .5 + .6·.25 = .65.
    [InlineData(0.6, 0.65)]
    // sp .5 → FPR .5: vertices (.5, .75) and (.5, 1): the highest, 1.
    [InlineData(0.5, 1.0)]
    // sp 0 → FPR 1: (1, 1).
    [InlineData(0.0, 1.0)]
    public void Sensitivity_at_a_specificity_interpolates_linearly_and_takes_the_top_of_a_vertical_segment(double specificity, double expected)
    {
        var band = RocBand.Compute(SmallScores, SmallOutcomes, [specificity], new BootstrapOptions(1, 50));

        Assert.Equal(expected, band.Sensitivity[0], 12);
    }

    [Fact]
    public void Every_case_above_every_control_gives_a_band_degenerate_at_sensitivity_one()
    {
        // A stratified resample keeps 3 cases and 4 controls, all cases still above all controls: the curve goes
        // (0, 0) → (0, 1) → (1, 1) in every resample, so its sensitivity is 1 at every specificity.
        double[] scores = [10, 9, 8, 3, 2, 1, 0];
        bool[] outcomes = [true, true, true, false, false, false, false];

        var band = RocBand.Compute(scores, outcomes, RocBand.DefaultSpecificities, new BootstrapOptions(7, 500));

        Assert.All(band.Sensitivity, s => Assert.Equal(1.0, s));
        Assert.All(band.Lower, s => Assert.Equal(1.0, s));
        Assert.All(band.Upper, s => Assert.Equal(1.0, s));
        Assert.Equal(51, band.Specificities.Count);
        Assert.Null(band.ScoreGroups);
    }

    [Fact]
    public void The_resampling_is_stratified_so_the_single_case_is_always_there()
    {
        // One case at 0.5, controls at 0.3 and 0.7. The case is in every stratified resample; the 2 controls are drawn
        // with replacement, so both are 0.3 with probability (1/2)² = 1/4 — then the case is above every control and the
        // sensitivity at specificity 1 is 1; otherwise it is 0. The resampled sensitivities are 0 with probability 3/4:
        // their 0.70 quantile is 0 and their 0.80 quantile is 1 (4000 resamples: the share of zeros is 0.75 ± 0.007).
        // An unstratified bootstrap would also draw resamples without the case (probability (2/3)³ = 8/27), where the
        // sensitivity is undefined.
        double[] scores = [0.5, 0.3, 0.7];
        bool[] outcomes = [true, false, false];

        var at40 = RocBand.Compute(scores, outcomes, [1.0], new BootstrapOptions(3, 4000, 0.4));
        var at60 = RocBand.Compute(scores, outcomes, [1.0], new BootstrapOptions(3, 4000, 0.6));

        Assert.Equal(0.0, at40.Upper[0]);
        Assert.Equal(1.0, at60.Upper[0]);
        Assert.Equal(0.0, at60.Lower[0]);
    }

    [Fact]
    public void The_band_contains_the_curve_and_a_seed_reproduces_it()
    {
        var (scores, outcomes) = Overlapping(300, 11);

        var band = RocBand.Compute(scores, outcomes, RocBand.DefaultSpecificities, new BootstrapOptions(5, 400));
        var again = RocBand.Compute(scores, outcomes, RocBand.DefaultSpecificities, new BootstrapOptions(5, 400));
        var other = RocBand.Compute(scores, outcomes, RocBand.DefaultSpecificities, new BootstrapOptions(6, 400));

        for (var g = 0; g < band.Specificities.Count; g++)
        {
            Assert.InRange(band.Sensitivity[g], band.Lower[g], band.Upper[g]);
        }

        Assert.Equal(band.Lower, again.Lower);
        Assert.Equal(band.Upper, again.Upper);
        Assert.NotEqual(band.Lower, other.Lower);
    }

    [Fact]
    public void The_curve_on_the_grid_matches_the_empirical_roc_vertices()
    {
        var (scores, outcomes) = Overlapping(120, 2);
        var curve = RocCurve.Compute(scores, outcomes);
        var band = RocBand.Compute(scores, outcomes, RocBand.DefaultSpecificities, new BootstrapOptions(1, 20));

        // At each grid FPR x the sensitivity lies between the highest TPR of vertices with FPR ≤ x and the lowest TPR of
        // vertices with FPR ≥ x (the curve is monotone).
        for (var g = 0; g < band.Specificities.Count; g++)
        {
            var x = 1.0 - band.Specificities[g];
            var below = curve.Where(p => p.FalsePositiveRate <= x + 1e-12).Max(p => p.TruePositiveRate);
            var above = curve.Where(p => p.FalsePositiveRate >= x - 1e-12).Min(p => p.TruePositiveRate);
            Assert.InRange(band.Sensitivity[g], below - 1e-12, Math.Max(below, above) + 1e-12);
        }
    }

    [Fact]
    public void Grouping_keeps_totals_never_splits_a_score_and_bounds_the_cells()
    {
        var with = Enumerable.Range(0, 1000).Select(k => k % 3).ToArray();
        var without = Enumerable.Range(0, 1000).Select(k => (k + 1) % 2).ToArray();

        var (gw, gwo) = RocBand.Group(with, without, 100);

        Assert.InRange(gw.Length, 2, 100);
        Assert.Equal(with.Sum(), gw.Sum());
        Assert.Equal(without.Sum(), gwo.Sum());
        var (same, _) = RocBand.Group(with, without, 5000);
        Assert.Equal(with, same);
    }

    [Fact]
    public void Bad_grid_and_one_class_only_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => RocBand.Compute([1, 2], [true, true], [0.5], new BootstrapOptions(1, 10)));
        Assert.Throws<ArgumentException>(() => RocBand.Compute([1, 2], [true, false], [0.5, 0.2], new BootstrapOptions(1, 10)));
        Assert.Throws<ArgumentException>(() => RocBand.Compute([1, 2], [true, false], [1.5], new BootstrapOptions(1, 10)));
    }

    private static (double[] Scores, bool[] Outcomes) Overlapping(int n, int seed)
    {
        var random = new Random(seed);
        var scores = new double[n];
        var outcomes = new bool[n];
        for (var i = 0; i < n; i++)
        {
            outcomes[i] = i % 3 == 0;
            scores[i] = Math.Round(random.NextDouble() + (outcomes[i] ? 0.6 : 0.0), 2);
        }

        return (scores, outcomes);
    }
}
