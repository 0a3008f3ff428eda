using System.Text.Json;

namespace Tma.Cli.Tests;

/// <summary>
/// <c>-</c> as the dataset of <c>tma dataset check</c> and <c>tma agreement --data</c>: the same result as the file,
/// and problems located in <c>&lt;stdin&gt;</c>, never in the temporary copy the reader opens.
/// </summary>
public sealed class StandardInputDataTests : IDisposable
{
    private static readonly string Triage = Repository.Model("warning-behaviours-triage");
    private readonly string _temp = Directory.CreateTempSubdirectory("tma-cli-stdin-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Dataset_check_of_standard_input_gives_the_figures_of_the_same_file()
    {
        const string data = "leakage,fixation,outcome\npresent,absent,1\n,absent,1\n,present,1\nabsent,absent,0\n";
        var file = Path.Combine(_temp, "data.csv");
        File.WriteAllText(file, data);

        var fromFile = Cli.Run("dataset", "check", file, "--model", Triage, "--format", "json");
        var fromStdin = Cli.RunWithInput(data, "dataset", "check", "-", "--model", Triage, "--format", "json");

        Assert.Equal(0, fromStdin.Exit);
        using var a = JsonDocument.Parse(fromFile.Out);
        using var b = JsonDocument.Parse(fromStdin.Out);
        Assert.Equal("<stdin>", b.RootElement.GetProperty("dataset").GetString());
        foreach (var field in new[] { "fingerprint", "rows", "positives", "baseRate", "missingPerInput" })
        {
            Assert.Equal(a.RootElement.GetProperty(field).GetRawText(), b.RootElement.GetProperty(field).GetRawText());
        }

        // Warnings (inputs without a column) name the input as <stdin>.
        Assert.All(b.RootElement.GetProperty("diagnostics").EnumerateArray(), d => Assert.Equal("<stdin>", d.GetProperty("file").GetString()));
    }

    [Fact]
    public void A_bad_row_on_standard_input_is_located_in_stdin_by_line_and_column()
    {
        var run = Cli.RunWithInput("leakage,outcome\npresent,1\nmaybe,0\n", "dataset", "check", "-", "--model", Triage);

        Assert.Equal(2, run.Exit);
        Assert.Contains("<stdin>:3:1: error TMA0205", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Agreement_reads_its_ratings_from_standard_input()
    {
        // Without a model, ratings are numeric codes.
        const string ratings = "case,rater,threat\nK1,R1,0\nK1,R2,0\nK2,R1,2\nK2,R2,1\nK3,R1,1\nK3,R2,1\nK4,R1,2\nK4,R2,2\n";
        var file = Path.Combine(_temp, "ratings.csv");
        File.WriteAllText(file, ratings);

        var fromFile = Cli.Run("agreement", "--data", file, "--format", "json");
        var fromStdin = Cli.RunWithInput(ratings, "agreement", "--data", "-", "--format", "json");

        Assert.True(fromStdin.Exit == 0, fromStdin.Err);
        using var a = JsonDocument.Parse(fromFile.Out);
        using var b = JsonDocument.Parse(fromStdin.Out);
        Assert.Equal(a.RootElement.GetProperty("items").GetRawText(), b.RootElement.GetProperty("items").GetRawText());
    }

    [Fact]
    public void Agreement_problems_on_standard_input_are_located_in_stdin()
    {
        var run = Cli.RunWithInput("case,threat\nK1,none\n", "agreement", "--data", "-");

        Assert.Equal(2, run.Exit);
        Assert.Contains("<stdin>", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), run.Err, StringComparison.Ordinal);
        Assert.EndsWith("tma agreement: cannot compute agreement from <stdin>", run.Err.TrimEnd(), StringComparison.Ordinal);
    }
}
