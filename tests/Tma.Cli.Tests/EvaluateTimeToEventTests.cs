using System.Text.Json;
using static Tma.Cli.Tests.EvaluationCliFiles;

namespace Tma.Cli.Tests;

/// <summary><c>tma evaluate --time</c>: the timeToEvent section, its values on a hand-computed example, and bad input.</summary>
public sealed class EvaluateTimeToEventTests
{
    // Six rows (score risk, event indicator outcome, follow-up days):
    //   A 2 1 .90 · B 3 0 .95 · C 4 1 .70 · D 4 0 .20 · E 5 1 .70 · F 6 0 .10
    // Harrell's C: comparable pairs A–B (discordant), A–C, A–D, A–E, A–F, C–D, C–F, E–F (concordant), C–E (tied):
    //   (7 + ½)/9 = .83333; IJ standard error √40/54 = .11712 (Tma.Research.Tests ConcordanceTests has the arithmetic).
    // Censoring KM Ĝ: 1 until 3, .8 on [3, 4), .6 on [4, 6), 0 from 6; Ĝ(2−) = 1, Ĝ(4−) = .8.
    // τ = 4.5: Uno's C uses the events A and C (weights 1/Ĝ(T−)² = 1 and 25/16):
    //   (4 + 25/16·2.5)/(5 + 25/16·3) = 7.90625/9.6875 = .81613.
    //   AUC(τ): cases A (weight 1) and C (1.25), controls E .70 and F .10: (1·1 + 1.25·.75)/2.25 = .86111.
    private const string SixRows = "risk,outcome,days\n0.90,1,2\n0.95,0,3\n0.70,1,4\n0.20,0,4\n0.70,1,5\n0.10,0,6\n";

    [Fact]
    public void The_time_to_event_section_has_the_hand_computed_values()
    {
        var dir = TempDirectory();
        var data = Write(dir, "data.csv", SixRows);
        var output = Path.Combine(dir, "report");

        var (exit, stdout, error) = Cli.Run("evaluate", "--data", data, "--score-column", "risk", "--time", "days", "--horizon", "4.5", "--out", output, "--bootstrap", "0");

        Assert.True(exit == 0, error);
        Assert.Contains("time to event  days: 3 events, 3 censored; Harrell's C 0.833", stdout, StringComparison.Ordinal);
        var json = AssertReportFolder(output, expectedPlots: 6); // ROC, precision-recall, observed by score, decision curve, distribution, Kaplan–Meier
        var t = json.GetProperty("timeToEvent");
        Assert.Equal(
            ["timeColumn", "horizon", "horizonSource", "n", "events", "censored", "maximumTime", "medianFollowUp", "harrellC", "unoC", "timeDependentAuc", "curvesBy", "curves", "atRiskTimes", "logRank"],
            Names(t));
        Assert.Equal("days", t.GetProperty("timeColumn").GetString());
        Assert.Equal(4.5, t.GetProperty("horizon").GetDouble());
        Assert.Equal("option", t.GetProperty("horizonSource").GetString());
        Assert.Equal((3, 3), (t.GetProperty("events").GetInt32(), t.GetProperty("censored").GetInt32()));
        var harrell = t.GetProperty("harrellC");
        Assert.Equal(7.5 / 9, harrell.GetProperty("c").GetDouble(), 12);
        Assert.Equal(Math.Sqrt(40) / 54, harrell.GetProperty("standardError").GetDouble(), 12);
        Assert.Equal(9, harrell.GetProperty("comparablePairs").GetInt64());
        Assert.Equal(7.90625 / 9.6875, t.GetProperty("unoC").GetDouble(), 12);
        var auc = t.GetProperty("timeDependentAuc");
        Assert.Equal(1.9375 / 2.25, auc.GetProperty("auc").GetDouble(), 12);
        Assert.Equal((2, 2, 2), (auc.GetProperty("cases").GetInt32(), auc.GetProperty("controls").GetInt32(), auc.GetProperty("censoredBeforeHorizon").GetInt32()));

        // Reverse Kaplan–Meier (censoring as the event): .8 at 3, .6 at 4, 0 at 6; first time ≤ .5 is 6 = median follow-up.
        Assert.Equal(6, t.GetProperty("medianFollowUp").GetDouble());
        Assert.Equal("none", t.GetProperty("curvesBy").GetString());
        var all = t.GetProperty("curves")[0];
        Assert.Equal("all rows", all.GetProperty("label").GetString());
        // S: 1 → 5/6 at 2 → 5/6·3/4 = .625 at 4 (4 at risk: C, D, E, F) → .625·1/2 = .3125 at 5.
        var survival = all.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("survival").GetDouble()).ToArray();
        Assert.Equal(4, survival.Length);
        foreach (var (expected, actual) in new[] { 1, 5.0 / 6, 0.625, 0.3125 }.Zip(survival))
        {
            Assert.Equal(expected, actual, 12);
        }

        Assert.Equal([0, 2, 4, 6], t.GetProperty("atRiskTimes").EnumerateArray().Select(x => x.GetDouble()).ToArray());
        // At risk at t = rows with follow-up ≥ t: t = 0 and 2 → all 6; t = 4 → C, D, E, F; t = 6 → F.
        Assert.Equal([6, 6, 4, 1], all.GetProperty("numberAtRisk").EnumerateArray().Select(x => x.GetInt32()).ToArray());
        Assert.Equal(JsonValueKind.Null, t.GetProperty("logRank").ValueKind);
        Assert.Contains(json.GetProperty("skipped").EnumerateArray(), s => s.GetProperty("figure").GetString() == "timeToEvent.logRank");

        var markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("## Time to event", markdown, StringComparison.Ordinal);
        Assert.Contains("Number at risk", markdown, StringComparison.Ordinal);
        Assert.Contains("Kaplan–Meier curve of all rows", File.ReadAllText(Path.Combine(output, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_horizon_is_the_75th_percentile_of_the_event_times()
    {
        // Event times 2 4 5: the smallest with ≥ 75 % of the events (2.25 of 3 → 3) at or before it is 5.
        var dir = TempDirectory();
        var data = Write(dir, "data.csv", SixRows);

        var (exit, stdout, error) = Cli.Run("evaluate", "--data", data, "--score-column", "risk", "--time", "days", "--format", "json", "--bootstrap", "0");

        Assert.True(exit == 0, error);
        var t = JsonDocument.Parse(stdout).RootElement.GetProperty("timeToEvent");
        Assert.Equal(5, t.GetProperty("horizon").GetDouble());
        Assert.Equal("75th percentile of event times", t.GetProperty("horizonSource").GetString());
    }

    [Fact]
    public void A_model_with_synthetic_follow_up_gets_curves_per_level_and_the_log_rank_test()
    {
        var dir = TempDirectory();
        var data = Path.Combine(dir, "data.csv");
        var (synthExit, _, synthError) = Cli.Run("synth", "--model", Model, "--rows", "1500", "--seed", "4", "--out", data, "--follow-up", "730");
        Assert.True(synthExit == 0, synthError);
        var output = Path.Combine(dir, "report");

        var (exit, stdout, error) = Cli.Run("evaluate", "--model", Model, "--data", data, "--time", "time", "--out", output, "--bootstrap", "0");

        Assert.True(exit == 0, error);
        Assert.Contains("log-rank χ²", stdout, StringComparison.Ordinal);
        var json = AssertReportFolder(output, expectedPlots: 7); // ROC, precision-recall, observed by score, decision curve, distribution, rate per level, Kaplan–Meier
        var t = json.GetProperty("timeToEvent");
        Assert.Equal("level", t.GetProperty("curvesBy").GetString());
        var curves = t.GetProperty("curves");
        Assert.Equal(1 + 4, curves.GetArrayLength()); // all rows, then the model's four bands
        Assert.Equal(curves[0].GetProperty("n").GetInt32(), curves.EnumerateArray().Skip(1).Sum(c => c.GetProperty("n").GetInt32()));
        var logRank = t.GetProperty("logRank");
        Assert.Equal(3, logRank.GetProperty("degreesOfFreedom").GetInt32());
        Assert.True(logRank.GetProperty("pValue").GetDouble() < 0.001);
        Assert.InRange(t.GetProperty("harrellC").GetProperty("c").GetDouble(), 0.6, 0.9);
        // Every row without the event is censored at the end of the window (administrative censoring).
        Assert.Equal(730, t.GetProperty("maximumTime").GetDouble());
    }

    [Theory]
    [InlineData("0.1,0,-3", "TMA0213")]
    [InlineData("0.1,0,abc", "TMA0213")]
    [InlineData("0.1,0,", "TMA0213")]
    public void A_bad_time_cell_exits_2_with_its_line_and_column_and_writes_nothing(string badRow, string code)
    {
        var dir = TempDirectory();
        var data = Write(dir, "data.csv", SixRows + badRow + "\n");
        var output = Path.Combine(dir, "report");

        var (exit, _, error) = Cli.Run("evaluate", "--data", data, "--score-column", "risk", "--time", "days", "--out", output);

        Assert.Equal(2, exit);
        Assert.Contains($"data.csv:8:7: error {code}: the follow-up time in column `days` must be a finite number ≥ 0", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_bad_time_cell_is_located_for_a_model_too()
    {
        var dir = TempDirectory();
        var data = Path.Combine(dir, "data.csv");
        Assert.Equal(0, Cli.Run("synth", "--model", Model, "--rows", "50", "--seed", "4", "--out", data, "--follow-up", "30").Exit);
        var lines = File.ReadAllLines(data);
        lines[3] = lines[3][..lines[3].LastIndexOf(',')] + ",-1";
        File.WriteAllLines(data, lines);
        var column = lines[3].LastIndexOf(',') + 2;

        var (exit, _, error) = Cli.Run("evaluate", "--model", Model, "--data", data, "--time", "time");

        Assert.Equal(2, exit);
        Assert.Contains(FormattableString.Invariant($"data.csv:4:{column}: error TMA0213"), error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_time_column_exits_2()
    {
        var dir = TempDirectory();
        var data = Write(dir, "data.csv", SixRows);

        var (exit, _, error) = Cli.Run("evaluate", "--data", data, "--score-column", "risk", "--time", "weeks");

        Assert.Equal(2, exit);
        Assert.Contains("error TMA0212: the header has no follow-up time column `weeks`", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_horizon_without_a_time_column_is_refused()
    {
        var dir = TempDirectory();
        var data = Write(dir, "data.csv", SixRows);

        var (exit, _, error) = Cli.Run("evaluate", "--data", data, "--score-column", "risk", "--horizon", "3");

        Assert.Equal(2, exit);
        Assert.Contains("a horizon needs a time column", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_with_a_time_column_gives_each_side_its_time_to_event_figures()
    {
        // Column risk as above (Harrell's C 7.5/9); column flat gives every row the same score, so every comparable pair
        // is tied: C = ½ by definition.
        var dir = TempDirectory();
        var data = Write(dir, "data.csv", "risk,flat,outcome,days\n0.90,1,1,2\n0.95,1,0,3\n0.70,1,1,4\n0.20,1,0,4\n0.70,1,1,5\n0.10,1,0,6\n");

        var (exit, stdout, error) = Cli.Run("compare", "--data", data, "--score-column", "risk", "--score-column", "flat", "--time", "days", "--horizon", "4.5", "--format", "json", "--bootstrap", "0");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(stdout);
        var a = json.RootElement.GetProperty("a").GetProperty("timeToEvent");
        var b = json.RootElement.GetProperty("b").GetProperty("timeToEvent");
        Assert.Equal(7.5 / 9, a.GetProperty("harrellC").GetProperty("c").GetDouble(), 12);
        Assert.Equal(0.5, b.GetProperty("harrellC").GetProperty("c").GetDouble(), 12);
        Assert.Equal(9, b.GetProperty("harrellC").GetProperty("comparablePairs").GetInt64());
        Assert.Equal(4.5, b.GetProperty("horizon").GetDouble());
    }
}
