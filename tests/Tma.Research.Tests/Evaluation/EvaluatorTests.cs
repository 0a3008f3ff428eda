using System.Text.Json;
using Tma.Research.Evaluation;
using Tma.Research.Evaluation.Statistics;
using static Tma.Research.Tests.Evaluation.EvaluationTestData;

namespace Tma.Research.Tests.Evaluation;

public sealed class EvaluatorTests
{
    private static readonly EvaluationOptions Fast = new() { BootstrapResamples = 200, Seed = 3 };

    [Fact]
    public void Report_figures_equal_the_statistics_computed_directly_from_per_case_assessments()
    {
        var package = Package();
        var path = Synth(package, rows: 4_000, seed: 11, groups: 3);
        var reference = Score(package, path);

        var report = Evaluator.Evaluate(path, package, Fast).GetValueOrThrow();

        var y = reference.Outcomes;
        Assert.Equal(4_000, report.Sample.N);
        Assert.Equal(y.Count(o => o), report.Sample.Events);
        Assert.Equal(WilsonInterval.Compute(y.Count(o => o), y.Length), report.Sample.BaseRate);
        Assert.Equal(Auc.Compute(reference.Scores, y), report.Score.Auc);
        Assert.Equal(AveragePrecision.Compute(reference.Scores, y), report.Score.PrecisionRecall.AveragePrecision, 12);
        Assert.Equal(RocCurve.Compute(reference.Scores, y).Count, report.Score.RocPointsTotal);
        Assert.Equal(RocCurve.Thin(RocCurve.Compute(reference.Scores, y), 200), report.Score.Roc);
        Assert.Equal(Auc.Compute(reference.Ranks, y), report.Levels.Auc);

        var bands = CutoffTable.ForBands(reference.Levels, y, reference.LevelOrder);
        Assert.Equal(bands.BaseRate, report.Levels.Cutoffs!.BaseRate);
        Assert.Equal(bands.Rows, report.Levels.Cutoffs.Rows.Select(r => r.Cutoff));
        for (var k = 0; k < reference.LevelOrder.Length; k++)
        {
            var n = reference.Levels.Count(l => l == reference.LevelOrder[k]);
            Assert.Equal(n, report.Levels.Distribution[k].N);
        }

        var site = Assert.Single(report.Subgroups);
        Assert.Equal("site", site.Column);
        Assert.Equal(["site_a", "site_b", "site_c"], site.Groups);
        for (var k = 1; k < reference.LevelOrder.Length; k++)
        {
            var direct = Subgroups.AtBand(reference.Levels, y, reference.Groups, reference.LevelOrder, reference.LevelOrder[k]);
            var reported = site.Cutoffs[k - 1];
            Assert.Equal(direct.CutoffLabel, reported.CutoffLabel);
            Assert.Equal(direct.Groups, reported.Groups);
            Assert.Equal(direct.TruePositiveRateGap, reported.TruePositiveRateGap);
            Assert.Equal(direct.FalsePositiveRateGap, reported.FalsePositiveRateGap);
        }

        var siteC = Enumerable.Range(0, y.Length).Where(i => reference.Groups[i] == "site_c").ToArray();
        Assert.Equal(Auc.Compute(siteC.Select(i => reference.Scores[i]).ToArray(), siteC.Select(i => y[i]).ToArray()), site.Auc.Single(a => a.Group == "site_c").Auc);
    }

    [Fact]
    public void Report_states_provenance_and_the_engine_path_that_scored_the_rows()
    {
        var package = Package();
        var path = Synth(package, rows: 1_000);

        var report = Evaluator.Evaluate(path, package, Fast with { ToolVersion = "9.9.9" }).GetValueOrThrow();

        var p = report.Provenance;
        Assert.Equal("tma", p.Tool);
        Assert.Equal("9.9.9", p.ToolVersion);
        Assert.Equal(Tma.Research.Datasets.DatasetFingerprint.Compute(path), p.Dataset.Fingerprint);
        Assert.Equal("data.csv", p.Dataset.File);
        Assert.Equal(1_000, p.Dataset.Rows);
        Assert.Equal(package.ContentHash, p.Model!.ContentHash);
        Assert.Equal(package.Definition.Id, p.Model.Id);
        Assert.Equal("2.1.0", p.Model.Version);
        Assert.Equal("model", p.Source.Kind);
        Assert.Equal("compiled", p.Source.Engine);
        Assert.Equal(3, p.Seed);
        Assert.Equal(200, p.BootstrapResamples);
    }

    [Fact]
    public void The_same_dataset_and_seed_give_the_same_report()
    {
        var package = Package();
        var path = Synth(package, rows: 2_000);

        var first = JsonSerializer.Serialize(Evaluator.Evaluate(path, package, Fast).GetValueOrThrow(), Json);
        var second = JsonSerializer.Serialize(Evaluator.Evaluate(path, package, Fast).GetValueOrThrow(), Json);
        var otherSeed = JsonSerializer.Serialize(Evaluator.Evaluate(path, package, Fast with { Seed = 4 }).GetValueOrThrow(), Json);

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void Level_rows_carry_bootstrap_intervals_of_nnd_and_nsd_around_their_estimates()
    {
        var package = Package();
        var path = Synth(package, rows: 3_000);

        var report = Evaluator.Evaluate(path, package, Fast).GetValueOrThrow();

        foreach (var row in report.Levels.Cutoffs!.Rows.Skip(1))
        {
            var nnd = row.NumberNeededToDetainInterval!;
            Assert.Equal(row.Cutoff.NumberNeededToDetain, nnd.Estimate, 12);
            Assert.InRange(nnd.Estimate, nnd.Lower, nnd.Upper);
            Assert.Equal(200, nnd.Resamples);
            var nsd = row.NumberSafelyDischargedInterval!;
            Assert.InRange(nsd.Estimate, nsd.Lower, nsd.Upper);
        }

        // The lowest level flags everyone: nothing is unflagged, so NSD is undefined on every resample.
        Assert.Equal(0, report.Levels.Cutoffs.Rows[0].NumberSafelyDischargedInterval!.ValidResamples);
    }

    [Fact]
    public void A_shifted_group_shows_a_true_positive_rate_gap_that_an_unshifted_one_does_not()
    {
        var package = Package();
        var shifted = Evaluator.Evaluate(Synth(package, rows: 8_000, seed: 5, groupShift: 1.5), package, Fast).GetValueOrThrow();
        var equal = Evaluator.Evaluate(Synth(package, rows: 8_000, seed: 5, groupShift: 0.0), package, Fast).GetValueOrThrow();

        var gap = shifted.Subgroups.Single().LargestTruePositiveRateGap!;
        var noGap = equal.Subgroups.Single().LargestTruePositiveRateGap!;

        // θ is higher in site_b (the last site), so its cases score higher: more of its events are flagged.
        Assert.Equal("site_b", gap.Gap.HigherGroup);
        Assert.True(gap.Gap.Difference > 0.08, $"gap {gap.Gap.Difference}");
        Assert.True(noGap.Gap.Difference < gap.Gap.Difference / 2, $"gap without shift {noGap.Gap.Difference}");
        Assert.Equal("site_b", shifted.Subgroups.Single().LargestFalsePositiveRateGap!.Gap.HigherGroup);
    }

    [Fact]
    public void Probability_figures_are_skipped_with_the_reason_for_a_points_score()
    {
        var package = Package();
        var report = Evaluator.Evaluate(Synth(package, rows: 1_000), package, Fast).GetValueOrThrow();

        Assert.False(report.Calibration.Computed);
        Assert.False(report.Score.IsProbability);
        Assert.Null(report.Calibration.Brier);
        Assert.Contains("not a probability", report.Calibration.SkippedReason, StringComparison.Ordinal);
        Assert.Contains(report.Skipped, s => s.Figure == "calibration" && s.Reason == report.Calibration.SkippedReason);
    }

    [Fact]
    public void A_declared_probability_column_gets_calibration_figures_equal_to_the_direct_calls()
    {
        var (path, p, _, y) = ProbabilityColumns(6_000, seed: 8);

        var report = Evaluator.EvaluateScoreColumn(path, "p", Fast with { ScoreIsProbability = true, Cutoffs = [0.2, 0.5] }).GetValueOrThrow();

        var c = report.Calibration;
        Assert.True(c.Computed);
        Assert.Equal(BrierScore.Compute(p, y), c.Brier!.Estimate, 12);
        var cox = Calibration.Fit(p, y);
        Assert.Equal(cox.Slope, c.Fit!.Slope.Estimate, 12);
        Assert.Equal(cox.Intercept, c.Fit.Intercept.Estimate, 12);
        Assert.Equal(cox.CalibrationInTheLarge, c.Fit.CalibrationInTheLarge.Estimate, 12);
        Assert.Equal(HosmerLemeshow.Test(p, y).ChiSquare, c.HosmerLemeshow!.ChiSquare, 9);
        Assert.Equal(ExpectedCalibrationError.Compute(p, y).Value, c.ExpectedCalibrationError!.Value, 12);

        // The data are calibrated by construction: the slope's and the intercept's intervals cover 1 and 0.
        Assert.InRange(1.0, c.Fit.Slope.Lower, c.Fit.Slope.Upper);
        Assert.InRange(0.0, c.Fit.Intercept.Lower, c.Fit.Intercept.Upper);

        // The Brier interval is the normal-theory interval of a mean of squared errors.
        var squared = p.Select((pi, i) => (pi - (y[i] ? 1.0 : 0.0)) * (pi - (y[i] ? 1.0 : 0.0))).ToArray();
        var mean = squared.Average();
        var sd = Math.Sqrt(squared.Sum(e => (e - mean) * (e - mean)) / (squared.Length - 1));
        Assert.Equal(mean + (1.959964 * sd / Math.Sqrt(squared.Length)), c.Brier.Upper, 5);

        Assert.Equal("cutoffs", c.ObservedExpectedBands);
        Assert.Equal(["< 0.2", "0.2 – 0.5", "≥ 0.5"], c.ObservedExpected!.Select(b => b.Band));
        Assert.Equal(p.Count(v => v >= 0.5), c.ObservedExpected![2].N);

        var table = CutoffTable.AtThresholds(p, y, [0.2, 0.5]);
        Assert.Equal(table.Rows, report.Score.Cutoffs!.Rows.Select(r => r.Cutoff));
        Assert.False(report.Levels.Computed);
        Assert.Equal(2, report.Subgroups.Single().Cutoffs.Count);
    }

    [Fact]
    public void A_score_column_not_declared_a_probability_is_not_calibrated_and_the_reason_says_how_to_declare_it()
    {
        var (path, _, _, _) = ProbabilityColumns(500, seed: 9);

        var report = Evaluator.EvaluateScoreColumn(path, "p", Fast).GetValueOrThrow();

        Assert.False(report.Calibration.Computed);
        Assert.Contains("declare it", report.Calibration.SkippedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_probability_with_a_value_outside_0_1_is_not_calibrated_and_the_line_is_named()
    {
        var path = Tma.Research.Tests.Datasets.DatasetTestFiles.Write("x,outcome\n0.2,0\n0.7,1\n1.4,1\n0.1,0\n0.3,0\n0.9,1\n");

        var report = Evaluator.EvaluateScoreColumn(path, "x", Fast with { ScoreIsProbability = true }).GetValueOrThrow();

        Assert.False(report.Calibration.Computed);
        Assert.Contains("line 4", report.Calibration.SkippedReason, StringComparison.Ordinal);
        Assert.Contains("outside [0, 1]", report.Calibration.SkippedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_average_precision_interval_is_the_count_bootstrap_of_the_same_statistic()
    {
        var package = Package();
        var path = Synth(package, rows: 3_000);
        var reference = Score(package, path);

        var report = Evaluator.Evaluate(path, package, Fast).GetValueOrThrow();

        var interval = report.Score.PrecisionRecall.Interval!;
        Assert.Equal(AveragePrecision.Compute(reference.Scores, reference.Outcomes), interval.Estimate, 12);
        Assert.InRange(interval.Estimate, interval.Lower, interval.Upper);
        Assert.Equal(report.Sample.BaseRate.Estimate, report.Score.PrecisionRecall.ChanceLevel, 12);
    }

    [Fact]
    public void Scores_in_half_points_are_binned_so_that_every_bin_holds_the_same_number_of_possible_values()
    {
        // 141 possible scores 0, 0.5, …, 70: four per bin (width 2), 36 bins; a bin of 1.75 would hold 3 or 4 values
        // and draw a saw-tooth that is not in the data.
        var lines = Enumerable.Range(0, 1_410).Select(i => FormattableString.Invariant($"{(i % 141) * 0.5},{(i % 3 == 0 ? 1 : 0)}"));
        var path = Tma.Research.Tests.Datasets.DatasetTestFiles.Write("points,outcome\n" + string.Join('\n', lines) + "\n");

        var distribution = Evaluator.EvaluateScoreColumn(path, "points", Fast).GetValueOrThrow().Score.Distribution;

        Assert.Equal("equal-width", distribution.Binning);
        Assert.Equal(36, distribution.Bins.Count);
        Assert.All(distribution.Bins, b => Assert.Equal(2.0, b.Upper - b.Lower, 12));
        Assert.All(distribution.Bins.SkipLast(1), b => Assert.Equal(40, b.WithOutcome + b.WithoutOutcome));
        Assert.Equal(1_410, distribution.Bins.Sum(b => b.WithOutcome + b.WithoutOutcome));
    }

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
}
