using System.Text.Json;
using static Tma.Cli.Tests.EvaluationCliFiles;

namespace Tma.Cli.Tests;

/// <summary><c>--validate-bootstrap B</c> of <c>tma evaluate</c> (recalibration of a points model) and <c>tma train</c> (the whole training).</summary>
public sealed class ValidateBootstrapTests
{
    private static readonly string Classifier = Repository.Path("models", "workplace-violence-classifier");

    [Fact]
    public void Evaluate_a_points_model_with_validate_bootstrap_adds_the_table_to_summary_json_and_reports()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 800);
        var output = Path.Combine(dir, "report");

        var (exit, stdout, error) = Cli.Run("evaluate", "--model", Model, "--data", data, "--out", output, "--bootstrap", "0", "--validate-bootstrap", "20");

        Assert.True(exit == 0, error);
        Assert.Contains("validation     optimism bootstrap of the recalibration logit P = a + b·score, 20 resamples", stdout, StringComparison.Ordinal);
        Assert.Contains("calibration slope", stdout, StringComparison.Ordinal);
        var json = AssertReportFolder(output, expectedPlots: 6);
        var v = json.GetProperty("internalValidation");
        Assert.Equal(["method", "predictor", "recalibrationIntercept", "recalibrationSlope", "resamples", "seed", "failedFits", "indices", "skipped", "notes"], Names(v));
        Assert.Equal("score", v.GetProperty("predictor").GetString());
        Assert.Equal(20, v.GetProperty("resamples").GetInt32());
        var indices = v.GetProperty("indices").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        Assert.Equal(["auc", "dxy", "calibrationIntercept", "calibrationSlope", "brier"], indices.Keys);
        Assert.Equal(["name", "apparent", "training", "test", "optimism", "corrected", "resamples"], Names(indices["auc"]));

        // The recalibrated model on its own rows: slope 1, intercept 0 (score equations), in every resample too.
        Assert.Equal(1, indices["calibrationSlope"].GetProperty("apparent").GetDouble(), 6);
        Assert.Equal(1, indices["calibrationSlope"].GetProperty("training").GetDouble(), 6);
        Assert.Equal(0, indices["calibrationIntercept"].GetProperty("training").GetDouble(), 6);

        // A monotone recalibration ranks as the score: its apparent and every test AUC is the score's AUC.
        var scoreAuc = json.GetProperty("score").GetProperty("auc").GetProperty("auc").GetDouble();
        Assert.Equal(scoreAuc, indices["auc"].GetProperty("apparent").GetDouble(), 12);
        Assert.Equal(scoreAuc, indices["auc"].GetProperty("test").GetDouble(), 12);

        var markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("## Internal validation (optimism bootstrap)", markdown, StringComparison.Ordinal);
        Assert.Contains("| index | apparent | training | test | optimism | corrected | n |", markdown, StringComparison.Ordinal);
        Assert.Contains("0 by construction", markdown, StringComparison.Ordinal);
        Assert.Contains("Internal validation (optimism bootstrap)", File.ReadAllText(Path.Combine(output, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_without_validate_bootstrap_writes_internal_validation_null()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 400);

        var (exit, stdout, error) = Cli.Run("evaluate", "-m", Model, "-d", data, "--format", "json", "--bootstrap", "0");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("internalValidation").ValueKind);
    }

    [Fact]
    public void The_same_seed_gives_the_same_validation_and_another_seed_another()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 500);
        string Run(string seed)
        {
            var (exit, stdout, error) = Cli.Run("evaluate", "-m", Model, "-d", data, "--format", "json", "--bootstrap", "0", "--validate-bootstrap", "15", "--seed", seed);
            Assert.True(exit == 0, error);
            return JsonDocument.Parse(stdout).RootElement.GetProperty("internalValidation").GetRawText();
        }

        var first = Run("7");
        Assert.Equal(first, Run("7"));
        Assert.NotEqual(first, Run("8"));
    }

    [Theory]
    [InlineData("evaluate", "-1", "the number of validation bootstrap resamples must be 0 (off) to 2000, not -1")]
    [InlineData("evaluate", "2001", "the number of validation bootstrap resamples must be 0 (off) to 2000, not 2001")]
    [InlineData("train", "-3", "--validate-bootstrap must be 0 (off) to 2000, not -3")]
    [InlineData("train", "5000", "--validate-bootstrap must be 0 (off) to 2000, not 5000")]
    public void A_number_of_resamples_out_of_range_exits_2_with_the_problem(string command, string resamples, string message)
    {
        var dir = TempDirectory();
        var data = Write(dir, "x.csv", "outcome\n0\n");
        string[] args = command == "evaluate"
            ? ["evaluate", "-m", Model, "-d", data, "--validate-bootstrap", resamples]
            : ["train", "--spec", Path.Combine(Classifier, "train.yaml"), "--data", data, "--out", Path.Combine(dir, "pkg"), "--validate-bootstrap", resamples];

        var (exit, _, error) = Cli.Run(args);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "pkg")));
    }

    [Fact]
    public void Train_with_validate_bootstrap_prints_the_table_and_writes_it_into_the_model_card_without_changing_the_model()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 600, model: Classifier);
        var spec = Path.Combine(Classifier, "train.yaml");
        var plain = Path.Combine(dir, "plain");
        var validated = Path.Combine(dir, "validated");

        var (exit0, _, error0) = Cli.Run("train", "--spec", spec, "--data", data, "--out", plain);
        var (exit, stdout, error) = Cli.Run("train", "--spec", spec, "--data", data, "--out", validated, "--validate-bootstrap", "3");

        Assert.True(exit0 == 0, error0);
        Assert.True(exit == 0, error);
        Assert.Contains("optimism bootstrap (3 resamples", stdout, StringComparison.Ordinal);
        Assert.Contains("AUC (C)", stdout, StringComparison.Ordinal);
        Assert.Contains("calibration slope", stdout, StringComparison.Ordinal);
        var card = File.ReadAllText(Path.Combine(validated, "MODEL_CARD.md"));
        Assert.Contains("## Internal validation (optimism bootstrap)", card, StringComparison.Ordinal);
        Assert.Contains("| index | apparent | training | test | optimism | corrected | n |", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal validation", File.ReadAllText(Path.Combine(plain, "MODEL_CARD.md")), StringComparison.Ordinal);

        // The validation refits copies; the released model is the same bytes.
        Assert.Equal(File.ReadAllBytes(Path.Combine(plain, "model.zip")), File.ReadAllBytes(Path.Combine(validated, "model.zip")));
        Assert.Equal(File.ReadAllText(Path.Combine(plain, "model.yaml")), File.ReadAllText(Path.Combine(validated, "model.yaml")));

        // Same spec, data and seed: the same validation table.
        var again = Path.Combine(dir, "again");
        var (exit2, stdout2, error2) = Cli.Run("train", "--spec", spec, "--data", data, "--out", again, "--validate-bootstrap", "3");
        Assert.True(exit2 == 0, error2);
        Assert.Equal(card, File.ReadAllText(Path.Combine(again, "MODEL_CARD.md")));
        Assert.Equal(Table(stdout), Table(stdout2));
    }

    private static string Table(string stdout) =>
        string.Join('\n', stdout.Split('\n').SkipWhile(l => !l.StartsWith("optimism bootstrap", StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("model file", StringComparison.Ordinal)));
}
