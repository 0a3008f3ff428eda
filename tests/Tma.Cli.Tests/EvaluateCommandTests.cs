using System.Text.Json;
using static Tma.Cli.Tests.EvaluationCliFiles;

namespace Tma.Cli.Tests;

public sealed class EvaluateCommandTests
{
    private static readonly string[] TopLevel = ["formatVersion", "provenance", "sample", "score", "calibration", "levels", "subgroups", "decisionCurve", "skipped", "internalValidation", "warnings"];

    [Fact]
    public void Evaluate_on_synth_data_prints_a_summary_and_writes_the_three_report_files_with_the_documented_names()
    {
        var dir = TempDirectory();
        var data = Synth(dir);
        var output = Path.Combine(dir, "report");

        var (exit, stdout, error) = Cli.Run("evaluate", "--model", Model, "--data", data, "--out", output, "--bootstrap", "200");

        Assert.True(exit == 0, error);
        Assert.Contains("AUC (score)", stdout, StringComparison.Ordinal);
        Assert.Contains("band ≥ urgent", stdout, StringComparison.Ordinal);
        Assert.Contains("calibration    skipped: ", stdout, StringComparison.Ordinal);
        Assert.Contains("scored by the compiled path", stdout, StringComparison.Ordinal);

        // ROC, precision-recall, observed rate by score, decision curve, distribution, rate per level.
        var json = AssertReportFolder(output, expectedPlots: 6);
        Assert.Equal(TopLevel, Names(json));
        Assert.Equal(1, json.GetProperty("formatVersion").GetInt32());
        var provenance = json.GetProperty("provenance");
        Assert.Equal(["tool", "toolVersion", "engineVersion", "dataset", "model", "source", "seed", "bootstrapResamples", "confidenceLevel"], Names(provenance));
        Assert.StartsWith("sha256:", provenance.GetProperty("dataset").GetProperty("fingerprint").GetString(), StringComparison.Ordinal);
        Assert.Equal(2_000, provenance.GetProperty("dataset").GetProperty("rows").GetInt32());
        Assert.Equal("workplace-violence-screening", provenance.GetProperty("model").GetProperty("id").GetString());
        Assert.StartsWith("sha256:", provenance.GetProperty("model").GetProperty("contentHash").GetString(), StringComparison.Ordinal);
        Assert.Equal("compiled", provenance.GetProperty("source").GetProperty("engine").GetString());
        Assert.Equal(1, provenance.GetProperty("seed").GetInt32());

        var auc = json.GetProperty("score").GetProperty("auc");
        Assert.Equal(["auc", "standardError", "lower", "upper", "confidenceLevel", "intervalMethod", "positives", "negatives"], Names(auc));
        Assert.Equal("wald", auc.GetProperty("intervalMethod").GetString());
        Assert.InRange(auc.GetProperty("auc").GetDouble(), 0.6, 0.9);
        Assert.False(json.GetProperty("calibration").GetProperty("computed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("calibration").GetProperty("brier").ValueKind);

        var firstBand = json.GetProperty("levels").GetProperty("cutoffs").GetProperty("rows")[1];
        Assert.Equal(["cutoff", "numberNeededToDetainInterval", "numberSafelyDischargedInterval"], Names(firstBand));
        Assert.Contains("positivePredictiveValue", Names(firstBand.GetProperty("cutoff")));
        Assert.Contains("numberSafelyDischarged", Names(firstBand.GetProperty("cutoff")));
        Assert.Equal(200, firstBand.GetProperty("numberNeededToDetainInterval").GetProperty("resamples").GetInt32());

        // The lowest band flags everyone, so its NSD is undefined: written as the documented string "NaN".
        Assert.Equal("NaN", json.GetProperty("levels").GetProperty("cutoffs").GetProperty("rows")[0].GetProperty("cutoff").GetProperty("numberSafelyDischarged").GetString());

        var site = json.GetProperty("subgroups")[0];
        Assert.Equal("site", site.GetProperty("column").GetString());
        Assert.Contains("largestTruePositiveRateGap", Names(site));
    }

    [Fact]
    public void A_classifier_package_is_calibrated_and_its_report_has_the_calibration_plot()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 1_500, model: Repository.Path("models", "workplace-violence-classifier"));
        var output = Path.Combine(dir, "report");

        var (exit, stdout, error) = Cli.Run("evaluate", "--model", Repository.Path("models", "workplace-violence-classifier"), "--data", data, "--out", output, "--bootstrap", "100");

        Assert.True(exit == 0, error);
        Assert.Contains("scored by the mlnet path", stdout, StringComparison.Ordinal);
        Assert.Contains("calibration    Brier", stdout, StringComparison.Ordinal);
        var json = AssertReportFolder(output, expectedPlots: 6);
        Assert.True(json.GetProperty("calibration").GetProperty("computed").GetBoolean());
        Assert.Contains("Calibration: lowess curve (rms::val.prob) with its pointwise bootstrap band", File.ReadAllText(Path.Combine(output, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_format_prints_the_same_report_on_stdout()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 600);

        var (exit, stdout, error) = Cli.Run("evaluate", "-m", Model, "-d", data, "--format", "json", "--bootstrap", "0");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(TopLevel, Names(json.RootElement));
        Assert.Equal(0, json.RootElement.GetProperty("provenance").GetProperty("bootstrapResamples").GetInt32());
    }

    [Fact]
    public void A_score_column_with_cutoffs_declared_a_probability_gets_calibration_and_its_plot()
    {
        var dir = TempDirectory();
        var random = new Random(3);
        var lines = new List<string> { "risk,group:site,outcome" };
        for (var i = 0; i < 1_500; i++)
        {
            var p = random.NextDouble();
            lines.Add(FormattableString.Invariant($"{p:F4},{(i % 2 == 0 ? "a" : "b")},{(random.NextDouble() < p ? 1 : 0)}"));
        }

        var data = Write(dir, "scored.csv", string.Join('\n', lines) + "\n");
        var output = Path.Combine(dir, "report");

        var (exit, stdout, error) = Cli.Run("evaluate", "--data", data, "--score-column", "risk", "--cutoff", "0.3", "0.6", "--probability", "--out", output, "--bootstrap", "100");

        Assert.True(exit == 0, error);
        Assert.Contains("score ≥ 0.3", stdout, StringComparison.Ordinal);
        Assert.Contains("calibration    Brier", stdout, StringComparison.Ordinal);
        var json = AssertReportFolder(output, expectedPlots: 5);
        var calibration = json.GetProperty("calibration");
        Assert.True(calibration.GetProperty("computed").GetBoolean());
        Assert.Equal(["intercept", "slope", "calibrationInTheLarge", "iterations"], Names(calibration.GetProperty("fit")));
        Assert.Equal("cutoffs", calibration.GetProperty("observedExpectedBands").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("provenance").GetProperty("model").ValueKind);
        Assert.Equal("column", json.GetProperty("provenance").GetProperty("source").GetProperty("kind").GetString());
        Assert.False(json.GetProperty("levels").GetProperty("computed").GetBoolean());
    }

    [Fact]
    public void A_missing_outcome_column_exits_2_with_a_located_message_and_writes_no_report()
    {
        var dir = TempDirectory();
        var data = Write(dir, "data.csv", "threat,weapons_access\ndirect,yes\n");
        var output = Path.Combine(dir, "report");

        var (exit, _, error) = Cli.Run("evaluate", "--model", Model, "--data", data, "--out", output);

        Assert.Equal(2, exit);
        Assert.Contains("data.csv:1:1: error TMA0203: the header has no outcome column `outcome`", error, StringComparison.Ordinal);
        Assert.Contains("tma evaluate: cannot evaluate", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void All_outcomes_equal_exits_2_and_says_the_auc_is_undefined()
    {
        var dir = TempDirectory();
        var data = Write(dir, "data.csv", "risk,outcome\n" + string.Concat(Enumerable.Range(0, 30).Select(i => FormattableString.Invariant($"{i},1\n"))));

        var (exit, _, error) = Cli.Run("evaluate", "--data", data, "--score-column", "risk");

        Assert.Equal(2, exit);
        Assert.Contains("error TMA0300: all 30 rows have outcome 1, so the AUC", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nan_score_exits_2_naming_line_and_column()
    {
        var dir = TempDirectory();
        var data = Write(dir, "data.csv", "risk,outcome\n0.1,0\n0.8,1\nNaN,1\n");

        var (exit, _, error) = Cli.Run("evaluate", "--data", data, "--score-column", "risk");

        Assert.Equal(2, exit);
        Assert.Contains("data.csv:4:1: error TMA0304: the score in column `risk` is NaN", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_for_another_model_exits_2()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 50);

        var (exit, _, error) = Cli.Run("evaluate", "--model", Repository.Path("models", "bullying-naqr"), "--data", data);

        Assert.Equal(2, exit);
        Assert.Contains("error TMA0201", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "evaluate", "--data", "x.csv" }, "give either --model <package> or --score-column <name>")]
    [InlineData(new[] { "evaluate", "--data", "x.csv", "--score-column", "r", "--bootstrap", "3" }, "bootstrap resamples must be 0 (off) or at least 10")]
    [InlineData(new[] { "evaluate", "--data", "x.csv", "-m", "models/x", "--probability" }, "--probability applies to --score-column")]
    public void Contradictory_or_invalid_options_exit_2_with_the_problem(string[] args, string message)
    {
        // The files exist (a missing one is a parse error of its own); the options are what is wrong.
        var data = Write(TempDirectory(), "x.csv", "outcome\n0\n");
        var (exit, _, error) = Cli.Run([.. args.Select(a => a switch { "x.csv" => data, "models/x" => Model, _ => a })]);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
