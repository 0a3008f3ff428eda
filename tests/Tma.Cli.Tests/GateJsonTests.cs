using System.Text.Json;
using System.Xml.Linq;

namespace Tma.Cli.Tests;

/// <summary>
/// <c>tma gate --format json</c> and usage errors: a pipeline reads one JSON document for every way the gate ends, and a
/// command line the parser refuses still leaves a JUnit error case behind (exit 2, never a missing report).
/// </summary>
public sealed class GateJsonTests : IDisposable
{
    private static readonly string Candidate = Repository.Path("models", "warning-behaviours-triage");
    private static readonly string Baseline = Repository.Path("models", "warning-behaviours-triage", "releases", "1.0.0");
    private static readonly string Benchmark = Repository.Path("benchmarks", "data", "warning-behaviours-triage", "benchmark.csv");
    private readonly string _temp = Directory.CreateTempSubdirectory("tma-cli-gate-json-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void A_passed_gate_prints_one_json_document_with_every_check_of_the_table()
    {
        var policy = Path.Combine(_temp, "gate.yaml");
        File.WriteAllText(policy, "minimum_auc: 0.7\nnon_inferiority_margin: 0.02\nmax_calibration_error: 0.05\nversion_must_increase: true\n");
        var text = Cli.Run("gate", "--candidate", Candidate, "--baseline", Baseline, "--data", Benchmark, "--policy", policy);

        var run = Cli.Run("gate", "--candidate", Candidate, "--baseline", Baseline, "--data", Benchmark, "--policy", policy, "--format", "json");

        Assert.Equal(0, run.Exit);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("passed", root.GetProperty("outcome").GetString());
        Assert.Equal(0, root.GetProperty("exitCode").GetInt32());
        Assert.Equal("warning-behaviours-triage 2.0.0", root.GetProperty("candidate").GetProperty("name").GetString());
        Assert.Equal(10000, root.GetProperty("data").GetProperty("rows").GetInt32());
        var checks = root.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["minimum_auc"] = "pass",
            ["non_inferiority_margin"] = "pass",
            ["max_calibration_error"] = "notApplicable",
            ["version_must_increase"] = "pass",
        }, checks);
        // The same result as the table: every check the table lists, with the same value.
        foreach (var check in root.GetProperty("checks").EnumerateArray())
        {
            Assert.Matches($@"{check.GetProperty("name").GetString()}\s+{System.Text.RegularExpressions.Regex.Escape(check.GetProperty("value").GetString()!)}\s", text.Out);
        }

        Assert.Empty(root.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public void A_usage_error_exits_2_and_still_writes_the_junit_error_case_the_markdown_and_the_json()
    {
        var junit = Path.Combine(_temp, "gate.xml");
        var markdown = Path.Combine(_temp, "gate.md");

        var run = Cli.Run("gate", "--candidate", Candidate, "--baseline", Baseline, "--data", Benchmark, "--junit", junit, "--markdown", markdown, "--format", "json");

        Assert.Equal(2, run.Exit);
        Assert.Contains("Option '--policy' is required.", run.Err, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("error", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Contains("Option '--policy' is required.", json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        var report = XDocument.Load(junit);
        var error = Assert.Single(report.Descendants("error"));
        Assert.Contains("--policy", (string?)error.Attribute("message"), StringComparison.Ordinal);
        Assert.Empty(GateReportTests.SchemaProblems(File.ReadAllText(junit)));
        Assert.Contains("bad input (exit 2)", File.ReadAllText(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_option_is_a_usage_error_with_a_junit_report_not_a_failed_gate()
    {
        var junit = Path.Combine(_temp, "gate.xml");

        var run = Cli.Run("gate", "--candidate", Candidate, "--baselin", Baseline, "--data", Benchmark, "--policy", Path.Combine(Candidate, "gate.yaml"), "--junit", junit);

        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Contains("'--baselin'", (string?)Assert.Single(XDocument.Load(junit).Descendants("error")).Attribute("message"), StringComparison.Ordinal);
    }
}
