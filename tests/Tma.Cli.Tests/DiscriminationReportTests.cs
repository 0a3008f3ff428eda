using System.Text.Json;
using static Tma.Cli.Tests.EvaluationCliFiles;

namespace Tma.Cli.Tests;

/// <summary>Partial AUC, Youden cut-off, LR±/DOR/MCC, subgroup gap intervals and IDI/NRI in the evaluate and compare reports.</summary>
public sealed class DiscriminationReportTests
{
    [Fact]
    public void Evaluate_a_shipped_points_model_reports_partial_auc_youden_ratios_and_gap_intervals()
    {
        var dir = TempDirectory();
        var data = Synth(dir);
        var output = Path.Combine(dir, "report");

        var (exit, stdout, error) = Cli.Run("evaluate", "--model", Model, "--data", data, "--out", output, "--bootstrap", "100");

        Assert.True(exit == 0, error);
        Assert.Contains("partial AUC    ", stdout, StringComparison.Ordinal);
        Assert.Contains("(specificity 0.80–1.00)", stdout, StringComparison.Ordinal);
        Assert.Contains("Youden         J ", stdout, StringComparison.Ordinal);

        var json = AssertReportFolder(output, expectedPlots: 6);
        var score = json.GetProperty("score");
        var partial = score.GetProperty("partialAuc");
        Assert.Equal(["focus", "from", "to", "area", "corrected", "chanceArea", "maximumArea", "areaInterval", "correctedInterval"], Names(partial));
        Assert.Equal("specificity", partial.GetProperty("focus").GetString());
        Assert.Equal(0.02, partial.GetProperty("chanceArea").GetDouble(), 12);
        Assert.InRange(partial.GetProperty("corrected").GetDouble(), 0.5, 1.0);
        Assert.Equal(100, partial.GetProperty("areaInterval").GetProperty("validResamples").GetInt32());
        var youden = score.GetProperty("youden");
        Assert.Equal(["index", "threshold", "sensitivity", "specificity", "tiedThresholds", "indexInterval", "thresholdInterval"], Names(youden));
        Assert.InRange(youden.GetProperty("index").GetDouble(), 0.0, 1.0);

        var row = json.GetProperty("levels").GetProperty("cutoffs").GetProperty("rows")[2].GetProperty("cutoff");
        foreach (var name in new[] { "positiveLikelihoodRatio", "negativeLikelihoodRatio", "diagnosticOddsRatio", "matthewsCorrelation" })
        {
            Assert.Contains(name, Names(row));
        }

        Assert.Equal(["estimate", "lower", "upper", "logStandardError", "continuityCorrected"], Names(row.GetProperty("positiveLikelihoodRatio")));

        // The lowest band flags everyone: LR− and DOR are 0/0, written as "NaN".
        var everyone = json.GetProperty("levels").GetProperty("cutoffs").GetProperty("rows")[0].GetProperty("cutoff");
        Assert.Equal("NaN", everyone.GetProperty("diagnosticOddsRatio").GetProperty("estimate").GetString());

        var site = json.GetProperty("subgroups")[0];
        Assert.Equal(["estimate", "lower", "upper", "confidenceLevel"], Names(site.GetProperty("largestTruePositiveRateGap").GetProperty("gap").GetProperty("interval")));
        Assert.Equal(["higherGroup", "higherAuc", "lowerGroup", "lowerAuc", "difference"], Names(site.GetProperty("aucGap")));

        var markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("| McClish-corrected partial AUC [CI] |", markdown, StringComparison.Ordinal);
        Assert.Contains("| cut-off | LR+ [CI] | LR− [CI] | diagnostic odds ratio [CI] | MCC |", markdown, StringComparison.Ordinal);
        Assert.Contains("- Largest AUC gap: ", markdown, StringComparison.Ordinal);
        Assert.Contains("Newcombe's (1998) hybrid score interval", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_a_score_column_with_a_sensitivity_range_and_no_bootstrap()
    {
        var data = ScoredColumns(TempDirectory());

        var (exit, stdout, error) = Cli.Run("evaluate", "--data", data, "--score-column", "new", "--partial-auc", "0.9:1", "--partial-auc-focus", "sensitivity", "--cutoff", "0.5", "--format", "json", "--bootstrap", "0");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(stdout);
        var partial = json.RootElement.GetProperty("score").GetProperty("partialAuc");
        Assert.Equal("sensitivity", partial.GetProperty("focus").GetString());
        Assert.Equal(0.9, partial.GetProperty("from").GetDouble());

        // ∫_{0.9}^{1} (1 − t) dt = 0.005: the chance area of a sensitivity range 0.9–1.
        Assert.Equal(0.005, partial.GetProperty("chanceArea").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, partial.GetProperty("areaInterval").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("score").GetProperty("youden").GetProperty("thresholdInterval").ValueKind);
        var figures = json.RootElement.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("figure").GetString()).ToList();
        Assert.Contains("score.partialAuc.interval", figures);
        Assert.Contains("matthewsCorrelation", Names(json.RootElement.GetProperty("score").GetProperty("cutoffs").GetProperty("rows")[0].GetProperty("cutoff")));
    }

    [Theory]
    [InlineData("0.9-1", "--partial-auc must be FROM:TO with two numbers")]
    [InlineData("1:0.5", "the partial-AUC range must satisfy 0 ≤ from < to ≤ 1")]
    public void A_bad_partial_auc_range_exits_2(string range, string message)
    {
        var data = ScoredColumns(TempDirectory());

        var (exit, _, error) = Cli.Run("evaluate", "--data", data, "--score-column", "new", "--partial-auc", range);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_two_shipped_points_models_reports_idi_and_nri_on_recalibrated_probabilities()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 1_500);
        var output = Path.Combine(dir, "compare");

        var (exit, stdout, error) = Cli.Run("compare", "--model", Model, "--model", Model, "--data", data, "--out", output, "--bootstrap", "0");

        Assert.True(exit == 0, error);
        Assert.Contains("IDI B over A   0.0000 [0.0000, 0.0000], p 1.0000; NRI(>0) 0.000 [0.000, 0.000], p 1.0000 (on in-sample logistic recalibrations)", stdout, StringComparison.Ordinal);
        var json = AssertReportFolder(output, expectedPlots: 8);
        var re = json.GetProperty("reclassification");
        Assert.Equal(["probabilitiesA", "probabilitiesB", "recalibrationA", "recalibrationB", "integratedDiscrimination", "continuousNri"], Names(re));
        Assert.Equal("logisticRecalibration", re.GetProperty("probabilitiesA").GetString());
        Assert.Equal(0.0, re.GetProperty("integratedDiscrimination").GetProperty("improvement").GetProperty("estimate").GetDouble());
        Assert.Equal(0.0, re.GetProperty("continuousNri").GetProperty("improvement").GetProperty("estimate").GetDouble());
        var categorical = json.GetProperty("levelChanges").GetProperty("netReclassification");
        Assert.Equal(["events", "nonEvents", "total", "interval"], Names(categorical));
        Assert.Equal(1.0, categorical.GetProperty("interval").GetProperty("pValue").GetDouble());
        var markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("## Integrated discrimination and net reclassification improvement of B over A", markdown, StringComparison.Ordinal);
        Assert.Contains("fitted in-sample", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_two_probability_columns_uses_them_as_they_are()
    {
        var data = ScoredColumns(TempDirectory());

        var (exit, stdout, error) = Cli.Run("compare", "--data", data, "--score-column", "old", "--score-column", "new", "--probability", "--format", "json", "--bootstrap", "0");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(stdout);
        var re = json.RootElement.GetProperty("reclassification");
        Assert.Equal("score", re.GetProperty("probabilitiesB").GetString());
        Assert.Equal(JsonValueKind.Null, re.GetProperty("recalibrationB").ValueKind);

        // B separates better by construction, so both improvements are positive.
        Assert.True(re.GetProperty("integratedDiscrimination").GetProperty("improvement").GetProperty("estimate").GetDouble() > 0);
        Assert.True(re.GetProperty("continuousNri").GetProperty("improvement").GetProperty("estimate").GetDouble() > 0);
    }

    /// <summary>Two probability columns, <c>new</c> separating the outcome better than <c>old</c>.</summary>
    private static string ScoredColumns(string dir)
    {
        var random = new Random(8);
        var lines = new List<string> { "old,new,outcome" };
        for (var i = 0; i < 600; i++)
        {
            var y = random.NextDouble() < 0.3;
            lines.Add(FormattableString.Invariant($"{Math.Clamp((0.4 * random.NextDouble()) + (y ? 0.15 : 0.05), 0, 1):F4},{Math.Clamp((0.5 * random.NextDouble()) + (y ? 0.45 : 0.0), 0, 1):F4},{(y ? 1 : 0)}"));
        }

        return Write(dir, "scored.csv", string.Join('\n', lines) + "\n");
    }
}
