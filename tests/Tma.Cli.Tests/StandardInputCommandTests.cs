using System.Text.Json;

namespace Tma.Cli.Tests;

/// <summary>
/// <c>-</c> for <c>tma gate --data</c>, <c>tma train --data</c> and <c>tma score --case</c>: the same result as the
/// file, problems located in <c>&lt;stdin&gt;</c>; and options that cannot read a stream refuse <c>-</c> when the command
/// line is parsed instead of looking for a file named "-".
/// </summary>
public sealed class StandardInputCommandTests : IDisposable
{
    private static readonly string Triage = Repository.Model("warning-behaviours-triage");
    private readonly string _temp = Directory.CreateTempSubdirectory("tma-cli-stdin-cmd-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Gate_reads_its_benchmark_from_standard_input_with_the_outcome_of_the_same_file()
    {
        var data = Scores(rows: 400);
        var file = Path.Combine(_temp, "bench.csv");
        File.WriteAllText(file, data);
        var policy = Path.Combine(_temp, "gate.yaml");
        File.WriteAllText(policy, "minimum_auc: 0.6\nnon_inferiority_margin: 0.05\n");

        var fromFile = Cli.Run("gate", "--candidate-score-column", "a", "--baseline-score-column", "b", "--data", file, "--policy", policy, "--format", "json");
        var fromStdin = Cli.RunWithInput(data, "gate", "--candidate-score-column", "a", "--baseline-score-column", "b", "--data", "-", "--policy", policy, "--format", "json");

        Assert.True(fromStdin.Exit == fromFile.Exit, fromStdin.Err);
        using var a = JsonDocument.Parse(fromFile.Out);
        using var b = JsonDocument.Parse(fromStdin.Out);
        Assert.Equal(a.RootElement.GetProperty("outcome").GetRawText(), b.RootElement.GetProperty("outcome").GetRawText());
        Assert.Equal(Checks(a), Checks(b));
    }

    [Fact]
    public void Gate_problems_on_standard_input_are_located_in_stdin()
    {
        var policy = Path.Combine(_temp, "gate.yaml");
        File.WriteAllText(policy, "minimum_auc: 0.6\n");

        var run = Cli.RunWithInput("a,b,outcome\n0.2,0.3,1\nhigh,0.1,0\n", "gate", "--candidate-score-column", "a", "--baseline-score-column", "b", "--data", "-", "--policy", policy);

        Assert.Equal(2, run.Exit);
        Assert.Contains("<stdin>:3:1", run.Err, StringComparison.Ordinal);
        Assert.Contains("cannot gate on <stdin>", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("tma-stdin-", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_reads_its_dataset_from_standard_input()
    {
        var spec = Repository.Path("models", "workplace-violence-classifier", "train.yaml");
        var synth = Cli.Run("synth", "--model", Repository.Model("workplace-violence-classifier"), "--rows", "600", "--seed", "7", "--out", "-");
        Assert.True(synth.Exit == 0, synth.Err);

        var run = Cli.RunWithInput(synth.Out, "train", "--spec", spec, "--data", "-", "--out", Path.Combine(_temp, "package"));

        Assert.True(run.Exit == 0, run.Err);
        Assert.True(File.Exists(Path.Combine(_temp, "package", "model.zip")));
        Assert.Contains("rows:             600", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("tma-stdin-", run.Out + run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_problems_on_standard_input_are_located_in_stdin()
    {
        var spec = Repository.Path("models", "workplace-violence-classifier", "train.yaml");

        var run = Cli.RunWithInput("outcome\n1\nmaybe\n", "train", "--spec", spec, "--data", "-", "--out", Path.Combine(_temp, "package"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("<stdin>", run.Err, StringComparison.Ordinal);
        Assert.EndsWith("tma train: cannot train on <stdin>", run.Err.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("tma-stdin-", run.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp, "package")));
    }

    [Fact]
    public void Score_reads_its_case_from_standard_input_with_the_assessment_of_the_same_file()
    {
        var example = Path.Combine(Triage, "examples", "proximal-leakage.yaml");

        var fromFile = Cli.Run("score", "--model", Triage, "--case", example, "--format", "json");
        var fromStdin = Cli.RunWithInput(File.ReadAllText(example), "score", "--model", Triage, "--case", "-", "--format", "json");

        Assert.True(fromStdin.Exit == 0, fromStdin.Err);
        using var a = JsonDocument.Parse(fromFile.Out);
        using var b = JsonDocument.Parse(fromStdin.Out);
        foreach (var field in new[] { "score", "level", "indicators" })
        {
            Assert.Equal(a.RootElement.GetProperty(field).GetRawText(), b.RootElement.GetProperty(field).GetRawText());
        }
    }

    [Fact]
    public void A_bad_case_on_standard_input_is_located_in_stdin_by_line_and_column()
    {
        var run = Cli.RunWithInput("inputs:\n  leakage: [unclosed\n", "score", "--model", Triage, "--case", "-");

        Assert.Equal(2, run.Exit);
        Assert.Contains("<stdin>:", run.Err, StringComparison.Ordinal);
        Assert.Contains("tma score: the case file - cannot be read", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate", "-")]
    [InlineData("gate", "--candidate-score-column", "a", "--baseline-score-column", "b", "--data", "{data}", "--policy", "-")]
    [InlineData("train", "--spec", "-", "--data", "{data}", "--out", "{temp}/p")]
    [InlineData("evaluate", "--model", "-", "--data", "{data}")]
    [InlineData("evaluate", "--model", "{triage}", "--data", "{data}", "--out", "-")]
    [InlineData("keygen", "--out", "-")]
    public void An_option_that_cannot_read_a_stream_refuses_a_dash_when_the_command_line_is_parsed(params string[] args)
    {
        var data = Path.Combine(_temp, "data.csv");
        File.WriteAllText(data, "a,b,outcome\n0.1,0.2,0\n");
        var resolved = args.Select(a => a.Replace("{data}", data, StringComparison.Ordinal).Replace("{temp}", _temp, StringComparison.Ordinal).Replace("{triage}", Triage, StringComparison.Ordinal)).ToArray();

        var run = Cli.Run(resolved);

        Assert.Equal(2, run.Exit);
        Assert.Contains("`-` (standard input or output) is not supported here; give a file", run.Err, StringComparison.Ordinal);
    }

    // Two scores of 400 rows: a separates the outcome better than b; deterministic, no randomness.
    private static string Scores(int rows)
    {
        var text = new System.Text.StringBuilder("a,b,outcome\n");
        for (var i = 0; i < rows; i++)
        {
            var outcome = i % 4 == 0 ? 1 : 0;
            var a = ((i * 37 % 100) / 100.0 * 0.5) + (outcome * 0.4);
            var b = ((i * 53 % 100) / 100.0 * 0.7) + (outcome * 0.2);
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{a:0.000},{b:0.000},{outcome}\n");
        }

        return text.ToString();
    }

    private static string Checks(JsonDocument document) =>
        string.Join("|", document.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString() + "=" + c.GetProperty("status").GetString()));
}
