using System.Text.Json;
using static Tma.Cli.Tests.EvaluationCliFiles;

namespace Tma.Cli.Tests;

/// <summary>The smooth calibration curve and the decision curve in the reports of <c>tma evaluate</c> and <c>tma compare</c>.</summary>
public sealed class FlexibleCalibrationCliTests
{
    private static readonly string Classifier = Repository.Path("models", "workplace-violence-classifier");

    [Fact]
    public void A_probability_model_reports_the_smooth_curve_its_band_ici_spiegelhalter_and_a_decision_curve_on_its_predictions()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 1_500, model: Classifier);
        var output = Path.Combine(dir, "report");

        var (exit, _, error) = Cli.Run("evaluate", "--model", Classifier, "--data", data, "--out", output, "--bootstrap", "50");

        Assert.True(exit == 0, error);
        var json = AssertReportFolder(output, expectedPlots: 6);
        var calibration = json.GetProperty("calibration");
        var smooth = calibration.GetProperty("smooth");
        Assert.Equal(["span", "grid", "curve", "lower", "upper", "bandResamples", "bandGroups", "ici", "e50", "e90", "emax"], Names(smooth));
        Assert.Equal(100, smooth.GetProperty("grid").GetArrayLength());
        Assert.Equal(100, smooth.GetProperty("upper").GetArrayLength());
        Assert.Equal(50, smooth.GetProperty("bandResamples").GetInt32());
        Assert.InRange(smooth.GetProperty("ici").GetDouble(), 0.0, 0.2);
        Assert.True(smooth.GetProperty("e90").GetDouble() <= smooth.GetProperty("emax").GetDouble());
        Assert.Equal(["z", "pValue"], Names(calibration.GetProperty("spiegelhalter")));

        var curve = json.GetProperty("decisionCurve");
        Assert.Equal(["probabilities", "recalibration", "note", "baseRate", "points", "table", "beneficialRanges"], Names(curve));
        Assert.Equal("predictions", curve.GetProperty("probabilities").GetString());
        Assert.Equal(JsonValueKind.Null, curve.GetProperty("recalibration").ValueKind);
        Assert.Equal(99, curve.GetProperty("points").GetArrayLength());
        Assert.Equal(["threshold", "truePositives", "falsePositives", "netBenefit", "treatAll"], Names(curve.GetProperty("points")[0]));
        var table = curve.GetProperty("table");
        Assert.Equal(4, table.GetArrayLength());
        Assert.Equal(50, table[1].GetProperty("interval").GetProperty("resamples").GetInt32());

        var page = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("Decision curve: net benefit against threshold probability", page, StringComparison.Ordinal);
        Assert.Contains("Clinical utility: decision curve", page, StringComparison.Ordinal);
        Assert.Contains("Spiegelhalter z-test", page, StringComparison.Ordinal);
        Assert.Contains("ICI / E50 / E90 / Emax", page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_points_model_gets_a_decision_curve_from_the_in_sample_recalibration_with_the_note()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 1_500);
        var output = Path.Combine(dir, "report");

        var (exit, _, error) = Cli.Run("evaluate", "--model", Model, "--data", data, "--out", output, "--bootstrap", "0");

        Assert.True(exit == 0, error);
        var json = AssertReportFolder(output, expectedPlots: 6);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("calibration").GetProperty("smooth").ValueKind);
        var curve = json.GetProperty("decisionCurve");
        Assert.Equal("recalibration", curve.GetProperty("probabilities").GetString());
        Assert.Equal(["intercept", "slope", "iterations"], Names(curve.GetProperty("recalibration")));
        Assert.True(curve.GetProperty("recalibration").GetProperty("slope").GetDouble() > 0);
        Assert.Contains("in-sample and optimistic", curve.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, curve.GetProperty("table")[0].GetProperty("interval").ValueKind);
        Assert.Contains(json.GetProperty("skipped").EnumerateArray(), s => s.GetProperty("figure").GetString() == "decisionCurve.table.intervals");

        Assert.Contains("in-sample and optimistic", File.ReadAllText(Path.Combine(output, "report.md")), StringComparison.Ordinal);
        Assert.Contains("recalibration fitted on these rows (in-sample, optimistic)", File.ReadAllText(Path.Combine(output, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_probability_model_without_bootstrap_has_no_band_and_says_so()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 800, model: Classifier);

        var (exit, stdout, error) = Cli.Run("evaluate", "--model", Classifier, "--data", data, "--format", "json", "--bootstrap", "0");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(stdout);
        var smooth = json.RootElement.GetProperty("calibration").GetProperty("smooth");
        Assert.Equal(JsonValueKind.Null, smooth.GetProperty("lower").ValueKind);
        Assert.Equal(0, smooth.GetProperty("bandResamples").GetInt32());
        Assert.Contains(json.RootElement.GetProperty("skipped").EnumerateArray(), s => s.GetProperty("figure").GetString() == "calibration.smooth.band");
    }

    [Fact]
    public void Compare_of_a_probability_and_a_points_model_draws_both_on_one_decision_curve_plot()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 1_000, model: Classifier);
        var output = Path.Combine(dir, "compare");

        var (exit, _, error) = Cli.Run("compare", "--model", Classifier, "--model", Model, "--data", data, "--out", output, "--bootstrap", "20");

        Assert.True(exit == 0, error);

        // ROC, calibration (A), observed rate by score (B), decision curve (both), two distributions, two level plots.
        var json = AssertReportFolder(output, expectedPlots: 9);
        Assert.Equal("predictions", json.GetProperty("a").GetProperty("decisionCurve").GetProperty("probabilities").GetString());
        Assert.Equal("recalibration", json.GetProperty("b").GetProperty("decisionCurve").GetProperty("probabilities").GetString());
        // Eight plots, not nine: one decision curve with both models.
        Assert.Contains("Decision curve: net benefit against threshold probability", File.ReadAllText(Path.Combine(output, "report.html")), StringComparison.Ordinal);
    }
}
