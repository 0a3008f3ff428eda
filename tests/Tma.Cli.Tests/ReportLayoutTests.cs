using System.Text.Json;
using System.Text.Json.Nodes;
using Tma.Cli.Reports;
using Tma.Research.Evaluation;
using Tma.Research.Evaluation.Statistics;
using static Tma.Cli.Tests.EvaluationCliFiles;

namespace Tma.Cli.Tests;

/// <summary>Shared axes, readable numbers and the TRIPOD checklist of the evaluation report.</summary>
public sealed class ReportLayoutTests
{
    private static readonly Lazy<(EvaluationReport Points, EvaluationReport Probability)> Reports = new(Load);

    [Fact]
    public void Side_by_side_level_plots_share_the_top_of_their_y_axis()
    {
        var a = WithLevelUppers(Reports.Value.Points, 0.30, 0.40);
        var b = WithLevelUppers(Reports.Value.Points, 0.10, 0.60);

        // Highest Wilson upper limit of either: 0.60; top = 0.60·1.15 + 0.02 = 0.71 for both plots.
        Assert.Equal(0.71, SharedAxes.LevelRateTop([a, b]), 12);
        Assert.Equal(SharedAxes.LevelRateTop([b, a]), SharedAxes.LevelRateTop([a, b]));

        // Alone, A would get 0.40·1.15 + 0.02 = 0.48 (its base rate is below 0.40).
        Assert.True(a.Sample.BaseRate.Estimate < 0.40);
        Assert.Equal(0.48, SharedAxes.LevelRateTop([a]), 12);
    }

    [Fact]
    public void Side_by_side_distribution_plots_share_both_axes()
    {
        var report = Reports.Value.Points;
        var a = report with { Score = report.Score with { Distribution = new ScoreDistribution { Binning = "distinct", Bins = [new(0, 0, 1, 3), new(1, 1, 3, 1)] } } };
        var b = report with { Score = report.Score with { Distribution = new ScoreDistribution { Binning = "distinct", Bins = [new(0, 0, 0, 1), new(2, 2, 1, 0), new(4, 4, 1, 0)] } } };

        var limits = SharedAxes.Distribution([a, b]);

        // Bar widths: A's gap 1, B's gap 2. x from min(0 − ½, 0 − 1) = −1 to max(1 + ½, 4 + 1) = 5.
        // Shares: A 3/4 (outcome 0 at score 0; outcome 1 at score 1); B 1 (outcome 0 at score 0): top 1·1.15.
        Assert.Equal(new AxisLimits(-1, 5, 0, 1.15), limits);
    }

    [Theory]
    [InlineData(-0.00001, 4, "0.0000")]
    [InlineData(-0.00006, 4, "-0.0001")]
    [InlineData(-10.0, 3, "-10.000")]
    [InlineData(0.12345, 3, "0.123")]
    public void Numbers_that_round_to_zero_lose_their_sign(double value, int decimals, string expected) =>
        Assert.Equal(expected, Fmt.N(value, decimals));

    [Theory]
    [InlineData(new[] { 0.0, 1, 2, 9 }, 0)]
    [InlineData(new[] { 0.5, 1, 1.5 }, 1)]
    [InlineData(new[] { 0.1, 0.25, 0.7 }, 2)]
    public void Distinct_scores_show_exactly_with_the_fewest_decimals(double[] values, int decimals) =>
        Assert.Equal(decimals, Fmt.ExactDecimals(values));

    [Fact]
    public void Bin_edges_of_a_continuous_score_get_the_fewest_decimals_that_tell_them_apart()
    {
        // Width 0.0238: at 1 decimal 0.0271 and 0.0509 both round to 0.0 … at 2 decimals 0.00, 0.03, 0.05, 0.07, 0.10
        // are all different.
        double[] edges = [0.0033, 0.0271, 0.0509, 0.0747, 0.0985];
        Assert.Equal(2, Fmt.DistinguishingDecimals(edges));
        var distribution = new ScoreDistribution
        {
            Binning = "equal-width",
            Bins = [new(1.0 / 3, 2.0 / 3, 1, 1), new(2.0 / 3, 1, 1, 1)],
        };

        // Thirds have no short exact form: one decimal tells 0.3, 0.7 and 1.0 apart.
        Assert.Equal(["0.3 – 0.7", "0.7 – 1.0"], Fmt.BinLabels(distribution));
    }

    [Theory]
    [InlineData(9.0, "9")]
    [InlineData(0.0033, "0.0033")]
    [InlineData(0.953, "0.953")]
    [InlineData(0.123456789, "0.1235")]
    [InlineData(0.0000123456, "1.23E-05")]
    [InlineData(-2.5, "-2.5")]
    public void Scores_print_as_integers_or_with_up_to_four_decimals(double value, string text) =>
        Assert.Equal(text, Fmt.Score(value));

    [Fact]
    public void The_points_report_prints_its_half_point_scores_exactly_with_one_decimal()
    {
        // workplace-violence-screening sums points in steps of ½: one decimal shows each distinct score exactly.
        var distribution = Reports.Value.Points.Score.Distribution;
        var labels = Fmt.BinLabels(distribution);
        Assert.Equal("distinct", distribution.Binning);
        for (var k = 0; k < labels.Count; k++)
        {
            Assert.Equal(distribution.Bins[k].Lower, double.Parse(labels[k], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(1, labels[k].Length - labels[k].IndexOf('.', StringComparison.Ordinal) - 1);
        }
    }

    [Fact]
    public void Tripod_items_flip_from_missing_to_done_when_the_report_carries_the_figure()
    {
        var points = Reports.Value.Points;
        var probability = Reports.Value.Probability;

        // A points score is not a probability: no calibration; the probability column has it.
        Assert.False(Item(points, "Calibration").Done);
        Assert.True(Item(probability, "Calibration").Done);

        // A model is identified by id, version and hash; a score column is not.
        Assert.True(Item(points, "Model specification").Done);
        Assert.False(Item(probability, "Model specification").Done);

        // Subgroups: the synthetic data has group:site; without subgroups the item is missing.
        Assert.True(Item(points, "Performance in subgroups").Done);
        Assert.False(Item(points with { Subgroups = [] }, "Performance in subgroups").Done);

        // Internal validation and the decision curve are found by field name in report.json (the points report carries
        // a decision curve from its recalibration; without it the item is missing).
        Assert.True(Item(points, "Decision curve").Done);
        var json = JsonSerializer.SerializeToNode(points with { DecisionCurve = null }, ReportJson.Options)!;
        Assert.False(Item(points, "Internal validation", json).Done);
        Assert.False(Item(points, "Decision curve", json).Done);
        json["internalValidation"] = null;
        Assert.False(Item(points, "Internal validation", json).Done);
        json["internalValidation"] = new JsonObject { ["optimism"] = 0.02 };
        json["decisionCurve"] = new JsonObject();
        Assert.True(Item(points, "Internal validation", json).Done);
        Assert.True(Item(points, "Decision curve", json).Done);
        Assert.False(Item(points, "Limitations").Done);
    }

    [Fact]
    public void The_checklist_is_the_last_section_of_the_evaluation_report()
    {
        var markdown = MarkdownRenderer.Render(EvaluationDocument.Build(Reports.Value.Points, withPlots: false));
        var heading = markdown.LastIndexOf("\n## ", StringComparison.Ordinal);
        Assert.StartsWith("\n## Reporting checklist (TRIPOD)", markdown[heading..], StringComparison.Ordinal);
        Assert.Contains("Ann Intern Med 162:55", markdown, StringComparison.Ordinal);
        Assert.Contains("| Calibration (plot, slope and intercept) | missing |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_precision_recall_plot_draws_steps_as_the_average_precision_reads_them()
    {
        // Points (recall, precision) (1/3, 1), (2/3, 2/3), (1, 3/5): precision 1 on [0, 1/3], 2/3 on (1/3, 2/3], 3/5 on (2/3, 1].
        PrecisionRecallPoint[] curve = [new(3, 1, 0, 1.0 / 3, 1), new(2, 2, 1, 2.0 / 3, 2.0 / 3), new(1, 3, 2, 1, 0.6)];

        var (recall, precision) = CurvePlots.Steps(curve);

        Assert.Equal([0, 1.0 / 3, 1.0 / 3, 2.0 / 3, 2.0 / 3, 1], recall);
        Assert.Equal([1, 1, 2.0 / 3, 2.0 / 3, 0.6, 0.6], precision);
    }

    [Fact]
    public void Outcome_rate_markers_have_area_proportional_to_rows()
    {
        // Area ∝ n: a quarter of the rows gives half the diameter (22 → 11 pixels).
        Assert.Equal(22f, OutcomeRatePlot.MarkerSize(400, 400), 4);
        Assert.Equal(11f, OutcomeRatePlot.MarkerSize(100, 400), 4);
        Assert.Equal(3f, OutcomeRatePlot.MarkerSize(1, 1_000_000), 4);
    }

    private static TripodItem Item(EvaluationReport report, string prefix, JsonNode? json = null) =>
        TripodChecklist.Items(report, json).Single(i => i.Item.StartsWith(prefix, StringComparison.Ordinal));

    private static EvaluationReport WithLevelUppers(EvaluationReport report, params double[] uppers) =>
        report with
        {
            Levels = report.Levels with
            {
                Distribution = [.. uppers.Select((u, k) => new LevelCount($"l{k}", $"l{k}", k, 10, 1, new ProportionEstimate(u / 2, 0, u, 1, 10)))],
            },
        };

    private static (EvaluationReport, EvaluationReport) Load()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 600);
        var (exit, stdout, error) = Cli.Run("evaluate", "-m", Model, "-d", data, "--format", "json", "--bootstrap", "20");
        Assert.True(exit == 0, error);
        var points = JsonSerializer.Deserialize<EvaluationReport>(stdout, ReportJson.Options)!;

        var random = new Random(3);
        var lines = new List<string> { "risk,outcome" };
        for (var i = 0; i < 400; i++)
        {
            var p = random.NextDouble();
            lines.Add(FormattableString.Invariant($"{p:F3},{(random.NextDouble() < p ? 1 : 0)}"));
        }

        var scored = Write(dir, "scored.csv", string.Join('\n', lines) + "\n");
        (exit, stdout, error) = Cli.Run("evaluate", "-d", scored, "--score-column", "risk", "--probability", "--format", "json", "--bootstrap", "20");
        Assert.True(exit == 0, error);
        return (points, JsonSerializer.Deserialize<EvaluationReport>(stdout, ReportJson.Options)!);
    }
}
