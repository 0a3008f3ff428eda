using System.Xml.Linq;

namespace Tma.Cli.Tests;

/// <summary><c>tma gate</c> end to end: the shipped warning-behaviours-triage against its kept 1.0.0 release.</summary>
public sealed class GateCommandTests : IDisposable
{
    private static readonly string Candidate = Repository.Path("models", "warning-behaviours-triage");
    private static readonly string Baseline = Repository.Path("models", "warning-behaviours-triage", "releases", "1.0.0");
    private readonly string _temp = Directory.CreateTempSubdirectory("tma-cli-gate-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string In(string name) => Path.Combine(_temp, name);

    private static readonly string Items = Repository.Path("benchmarks", "data", "warning-behaviours-triage", "items");

    /// <summary>Benchmark data from the family's item list (as the committed benchmark), never from a model version.</summary>
    private string Data(string model, double groupShift = 0)
    {
        model = model == Candidate || model == Baseline ? Items : model;
        var path = In("bench.csv");
        var synth = Cli.Run("synth", "--model", model, "--rows", "5000", "--seed", "3", "--group-shift", groupShift.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", path);
        Assert.True(synth.Exit == 0, synth.Err);
        return path;
    }

    private string Policy(string yaml)
    {
        var path = In("gate.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Theory]
    [InlineData("candidate")]
    [InlineData("baseline")]
    public void Data_synthesised_from_the_candidate_or_the_baseline_is_refused_with_exit_2(string role)
    {
        var path = In("circular.csv");
        var synth = Cli.Run("synth", "--model", role == "candidate" ? Candidate : Baseline, "--rows", "500", "--seed", "3", "--out", path);
        Assert.True(synth.Exit == 0, synth.Err);

        var run = Cli.Run("gate", "--candidate", Candidate, "--baseline", Baseline, "--data", path, "--policy", Path.Combine(Candidate, "gate.yaml"));

        Assert.Equal(2, run.Exit);
        Assert.Contains($"error TMA0313: the benchmark data was synthesised from the {role} itself", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_committed_benchmark_is_judged_and_its_fingerprint_is_reported()
    {
        var data = Repository.Path("benchmarks", "data", "warning-behaviours-triage", "benchmark.csv");
        var policy = Policy(File.ReadAllText(Path.Combine(Candidate, "gate.yaml")).Replace("max_latency_ratio: 3.0", "max_latency_ratio: 1000", StringComparison.Ordinal));
        var run = Cli.Run("gate", "--candidate", Candidate, "--baseline", Baseline, "--data", data, "--policy", policy);

        Assert.True(run.Exit == 0, run.Out + run.Err);
        var fingerprint = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(data)));
        Assert.Contains(fingerprint, run.Out, StringComparison.Ordinal);
        Assert.Contains(fingerprint, File.ReadAllText(data + ".truth.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_release_passes_its_own_gate_policy_and_writes_junit_and_markdown()
    {
        var policy = Policy(File.ReadAllText(Path.Combine(Candidate, "gate.yaml")).Replace("max_latency_ratio: 3.0", "max_latency_ratio: 1000", StringComparison.Ordinal));
        var run = Cli.Run("gate", "--candidate", Candidate, "--baseline", Baseline, "--data", Data(Candidate), "--policy", policy, "--junit", In("out/gate.xml"), "--markdown", In("out/gate.md"));

        Assert.True(run.Exit == 0, run.Out + run.Err);
        Assert.Contains("candidate  warning-behaviours-triage 2.0.0", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"non_inferiority_margin\s+0\.0000\s+≥ -0\.0200\s+pass", run.Out);
        Assert.Matches(@"max_calibration_error\s+n/a\s+≤ 0\.0500\s+n/a", run.Out);
        Assert.Contains("gate PASSED: 6 passed, 0 failed, 1 not applicable", run.Out, StringComparison.Ordinal);

        var junit = XDocument.Load(In("out/gate.xml"));
        var suite = Assert.Single(junit.Root!.Elements("testsuite"));
        Assert.Equal("7", (string?)suite.Attribute("tests"));
        Assert.Equal("0", (string?)suite.Attribute("failures"));
        Assert.Equal("1", (string?)suite.Attribute("skipped"));
        Assert.Equal(7, suite.Elements("testcase").Count());
        Assert.Empty(suite.Descendants("failure"));
        Assert.Contains("| `version_must_increase` | 2.0.0 | > 1.0.0 | pass |", File.ReadAllText(In("out/gate.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_that_does_not_increase_and_a_subgroup_gap_fail_with_exit_1_and_junit_failures()
    {
        // Swapped: 1.0.0 as the candidate of 1.1.0; shifted sites make the FPR at `manage` differ between groups.
        var policy = Policy("version_must_increase: true\nmax_subgroup_gap: { max: 0.02, at_or_above: manage }\nnon_inferiority_margin: 0.02\n");
        var run = Cli.Run("gate", "--candidate", Baseline, "--baseline", Candidate, "--data", Data(Candidate, groupShift: 1.5), "--policy", policy, "--junit", In("gate.xml"));

        Assert.Equal(1, run.Exit);
        Assert.Matches(@"version_must_increase\s+1\.0\.0\s+> 2\.0\.0\s+FAIL", run.Out);
        Assert.Matches(@"max_subgroup_gap\s+0\.\d{4}\s+≤ 0\.0200\s+FAIL", run.Out);
        Assert.Contains("gate FAILED: 1 passed, 2 failed, 0 not applicable", run.Out, StringComparison.Ordinal);

        var suite = XDocument.Load(In("gate.xml")).Root!.Element("testsuite")!;
        Assert.Equal("3", (string?)suite.Attribute("tests"));
        Assert.Equal("2", (string?)suite.Attribute("failures"));
        Assert.Equal(
            ["version_must_increase", "max_subgroup_gap"],
            suite.Elements("testcase").Where(t => t.Element("failure") is not null).Select(t => (string)t.Attribute("name")!).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void A_policy_with_a_typo_is_bad_input_located_by_line_and_column()
    {
        var policy = Policy("minimum_auc: 0.7\nmax_ppv_dorp: 0.05\n");
        File.WriteAllText(In("never-read.csv"), "");
        var run = Cli.Run("gate", "--candidate", Candidate, "--baseline", Baseline, "--data", In("never-read.csv"), "--policy", policy);

        Assert.Equal(2, run.Exit);
        Assert.Contains($"{policy}:2:1: error TMA0010: unknown key `max_ppv_dorp`", run.Err, StringComparison.Ordinal);
        Assert.Contains("max_ppv_drop", run.Err, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void A_dataset_of_another_model_is_bad_input()
    {
        var data = Data(Repository.Path("models", "bullying-naqr"));
        var run = Cli.Run("gate", "--candidate", Candidate, "--baseline", Baseline, "--data", data, "--policy", Policy("minimum_auc: 0.6\n"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("tma gate: cannot gate on", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Packages_or_score_columns_must_be_given_in_pairs()
    {
        File.WriteAllText(In("x.csv"), "");
        var run = Cli.Run("gate", "--candidate", Candidate, "--data", In("x.csv"), "--policy", Policy("minimum_auc: 0.6\n"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("give --candidate and --baseline packages", run.Err, StringComparison.Ordinal);
    }
}
