using System.Text.Json;
using static Tma.Cli.Tests.EvaluationCliFiles;

namespace Tma.Cli.Tests;

public sealed class CompareCommandTests
{
    [Fact]
    public void Compare_two_models_on_synth_data_writes_the_three_files_with_delong_and_level_changes()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 1_500);
        var output = Path.Combine(dir, "compare");

        var (exit, stdout, error) = Cli.Run("compare", "--model", Model, "--model", Model, "--data", data, "--out", output, "--bootstrap", "100");

        Assert.True(exit == 0, error);
        Assert.Contains("A − B          0.0000 [0.0000, 0.0000], z 0.00, p 1.0000 (DeLong, paired)", stdout, StringComparison.Ordinal);
        Assert.Contains("0 up, 0 down, 1,500 unchanged", stdout, StringComparison.Ordinal);

        // ROC and precision-recall of both, observed rate by score, one distribution and one level plot each.
        var json = AssertReportFolder(output, expectedPlots: 8);
        Assert.Equal(["formatVersion", "a", "b", "scoreAuc", "levelAuc", "levelChanges", "reclassification", "skipped"], Names(json));
        Assert.Equal(
            ["aucA", "aucB", "difference", "standardError", "z", "pValue", "lower", "upper", "confidenceLevel", "standardErrorA", "standardErrorB", "correlation", "positives", "negatives"],
            Names(json.GetProperty("scoreAuc")));
        var changes = json.GetProperty("levelChanges");
        Assert.Equal(["levelsA", "levelsB", "counts", "eventCounts", "comparable", "notComparableReason", "up", "down", "unchanged", "netReclassification"], Names(changes));
        Assert.Equal(1_500, changes.GetProperty("unchanged").GetProperty("rows").GetInt32());
    }

    [Fact]
    public void Compare_two_score_columns()
    {
        var dir = TempDirectory();
        var random = new Random(8);
        var lines = new List<string> { "old,new,outcome" };
        for (var i = 0; i < 800; i++)
        {
            var y = random.NextDouble() < 0.3;
            lines.Add(FormattableString.Invariant($"{random.NextDouble() + (y ? 0.2 : 0):F4},{random.NextDouble() + (y ? 0.6 : 0):F4},{(y ? 1 : 0)}"));
        }

        var data = Write(dir, "scored.csv", string.Join('\n', lines) + "\n");

        var (exit, stdout, error) = Cli.Run("compare", "--data", data, "--score-column", "old", "--score-column", "new", "--format", "json", "--bootstrap", "0");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(stdout);
        Assert.True(json.RootElement.GetProperty("scoreAuc").GetProperty("difference").GetDouble() < 0);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("levelChanges").ValueKind);
    }

    [Fact]
    public void Compare_needs_exactly_two_models_or_two_columns()
    {
        var data = Write(TempDirectory(), "x.csv", "outcome\n0\n");
        var (exit, _, error) = Cli.Run("compare", "--model", Model, "--data", data);

        Assert.Equal(2, exit);
        Assert.Contains("exactly two --model options or exactly two --score-column options", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_with_a_missing_score_column_exits_2()
    {
        var dir = TempDirectory();
        var data = Write(dir, "scored.csv", "old,new,outcome\n0.1,0.2,0\n0.3,0.9,1\n");

        var (exit, _, error) = Cli.Run("compare", "--data", data, "--score-column", "old", "--score-column", "nwe");

        Assert.Equal(2, exit);
        Assert.Contains("error TMA0303: the header has no score column `nwe` — did you mean `new`?", error, StringComparison.Ordinal);
    }
}
