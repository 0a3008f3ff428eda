using System.Text.RegularExpressions;
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

    private static readonly string Benchmark = Repository.Path("benchmarks", "data", "warning-behaviours-triage", "benchmark.csv");

    /// <summary>A quick policy (no latency measurement) that the shipped 2.0.0 passes against 1.0.0.</summary>
    private string QuickPolicy() => Policy("minimum_auc: 0.6\nversion_must_increase: true\n");

    /// <summary>The kept 1.0.0 release packed (and, with a key name, signed) as CI would fetch it from the feed.</summary>
    private string ReleasedArchive(string? signWith = null)
    {
        var pack = Cli.Run("pack", Baseline, "--out", In("dist"));
        Assert.True(pack.Exit == 0, pack.Err);
        var archive = In("dist/warning-behaviours-triage-1.0.0.tmapkg");
        if (signWith is not null)
        {
            if (!File.Exists(In(signWith + ".private.pem")))
            {
                Assert.Equal(0, Cli.Run("keygen", "--out", In(signWith)).Exit);
            }

            var sign = Cli.Run("sign", archive, "--key", In(signWith + ".private.pem"));
            Assert.True(sign.Exit == 0, sign.Err);
        }

        return archive;
    }

    private static string[] GateFolders() => Directory.GetDirectories(Path.GetTempPath(), "tma-gate-archive-*");

    [Fact]
    public void An_unsigned_released_archive_is_a_baseline_and_the_report_says_it_is_unsigned()
    {
        var archive = ReleasedArchive();
        var before = GateFolders();

        var run = Cli.Run("gate", "--candidate", Candidate, "--baseline", archive, "--data", Benchmark, "--policy", QuickPolicy(), "--junit", In("gate.xml"), "--markdown", In("gate.md"));

        Assert.True(run.Exit == 0, run.Out + run.Err);
        Assert.Contains($"baseline   warning-behaviours-triage 1.0.0 — archive {archive}, unsigned: no warning-behaviours-triage-1.0.0.tmapkg.sig", run.Out, StringComparison.Ordinal);
        Assert.Contains($"candidate  warning-behaviours-triage 2.0.0 — folder {Candidate}", run.Out, StringComparison.Ordinal);
        Assert.Contains("gate PASSED: 2 passed", run.Out, StringComparison.Ordinal);
        Assert.Contains($"- baseline: archive {archive}, unsigned", File.ReadAllText(In("gate.md")), StringComparison.Ordinal);
        Assert.Empty(GateReportTests.SchemaProblems(File.ReadAllText(In("gate.xml"))));
        Assert.Equal(before, GateFolders());
    }

    [Fact]
    public void With_a_trusted_key_an_unsigned_archive_is_bad_input_and_the_junit_report_says_why()
    {
        var archive = ReleasedArchive();
        Assert.Equal(0, Cli.Run("keygen", "--out", In("release")).Exit);

        var run = Cli.Run("gate", "--candidate", Candidate, "--baseline", archive, "--trusted-key", In("release.public.pem"), "--data", Benchmark, "--policy", QuickPolicy(), "--junit", In("gate.xml"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("warning-behaviours-triage-1.0.0.tmapkg.sig", run.Err, StringComparison.Ordinal);
        Assert.Contains($"the baseline archive {archive} does not verify", run.Err, StringComparison.Ordinal);
        Assert.Contains("<error", File.ReadAllText(In("gate.xml")), StringComparison.Ordinal);
        Assert.Empty(GateReportTests.SchemaProblems(File.ReadAllText(In("gate.xml"))));
    }

    [Fact]
    public void A_signed_archive_is_verified_with_the_trusted_key_and_without_one_the_report_says_the_signature_was_not_checked()
    {
        var archive = ReleasedArchive(signWith: "release");

        var verified = Cli.Run("gate", "--candidate", Candidate, "--baseline", archive, "--trusted-key", In("release.public.pem"), "--data", Benchmark, "--policy", QuickPolicy(), "--junit", In("gate.xml"));
        var notChecked = Cli.Run("gate", "--candidate", Candidate, "--baseline", archive, "--data", Benchmark, "--policy", QuickPolicy(), "--markdown", In("gate.md"));

        Assert.True(verified.Exit == 0, verified.Out + verified.Err);
        Assert.Matches($@"baseline   warning-behaviours-triage 1\.0\.0 — archive {Regex.Escape(archive)}, signature verified: key sha256:[0-9a-f]{{12}}…", verified.Out);
        var property = XDocument.Load(In("gate.xml")).Descendants("property").Single(p => (string?)p.Attribute("name") == "baseline.source");
        Assert.Contains("signature verified", (string?)property.Attribute("value"), StringComparison.Ordinal);
        Assert.True(notChecked.Exit == 0, notChecked.Out + notChecked.Err);
        Assert.Contains($"archive {archive}, signature not checked: no --trusted-key", notChecked.Out, StringComparison.Ordinal);
        Assert.Contains($"- baseline: archive {archive}, signature not checked", File.ReadAllText(In("gate.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Candidate_and_baseline_can_both_be_archives()
    {
        var baseline = ReleasedArchive();
        Assert.Equal(0, Cli.Run("pack", Candidate, "--out", In("candidate")).Exit);
        var before = GateFolders();

        var run = Cli.Run("gate", "--candidate", In("candidate/warning-behaviours-triage-2.0.0.tmapkg"), "--baseline", baseline, "--data", Benchmark, "--policy", QuickPolicy());

        Assert.True(run.Exit == 0, run.Out + run.Err);
        Assert.Contains("candidate  warning-behaviours-triage 2.0.0 — archive ", run.Out, StringComparison.Ordinal);
        Assert.Equal(before, GateFolders());
    }

    [Fact]
    public void An_archive_signed_by_an_untrusted_key_is_bad_input_with_a_junit_error()
    {
        var archive = ReleasedArchive(signWith: "other");
        Assert.Equal(0, Cli.Run("keygen", "--out", In("release")).Exit);
        var before = GateFolders();

        var run = Cli.Run("gate", "--candidate", Candidate, "--baseline", archive, "--trusted-key", In("release.public.pem"), "--data", Benchmark, "--policy", QuickPolicy(), "--junit", In("gate.xml"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("warning-behaviours-triage-1.0.0.tmapkg.sig: [signature] signed with key", run.Err, StringComparison.Ordinal);
        Assert.Contains($"tma gate: the baseline archive {archive} does not verify", run.Err, StringComparison.Ordinal);
        Assert.Empty(run.Out);
        var xml = File.ReadAllText(In("gate.xml"));
        Assert.Empty(GateReportTests.SchemaProblems(xml));
        Assert.Contains("[signature]", (string?)XDocument.Parse(xml).Descendants("error").Single().Attribute("message"), StringComparison.Ordinal);
        Assert.Equal(before, GateFolders());
    }

    [Fact]
    public void A_tampered_archive_is_bad_input_even_without_a_key()
    {
        var archive = ReleasedArchive();
        using (var zip = System.IO.Compression.ZipFile.Open(archive, System.IO.Compression.ZipArchiveMode.Update))
        {
            zip.GetEntry("package/MODEL_CARD.md")!.Delete();
            using var stream = zip.CreateEntry("package/MODEL_CARD.md").Open();
            stream.Write("tampered"u8);
        }

        var run = Cli.Run("gate", "--candidate", Candidate, "--baseline", archive, "--data", Benchmark, "--policy", QuickPolicy());

        Assert.Equal(2, run.Exit);
        Assert.Contains("MODEL_CARD.md: [file-size]", run.Err, StringComparison.Ordinal);
    }

    public static TheoryData<string> BadInputs() => ["policy with errors", "unreadable policy", "dataset that does not fit", "package that does not load", "options that do not go together", "unusable trusted key"];

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_2_and_still_writes_a_junit_error_and_a_markdown_error(string kind)
    {
        if (kind == "unreadable policy" && !OperatingSystem.IsLinux())
        {
            return; // the unreadable file below is Linux's; elsewhere (and as root) permissions cannot make one
        }

        var policy = kind switch
        {
            "policy with errors" => Policy("minimum_auc: 0.7\nmax_ppv_dorp: 0.05\n"),
            // Exists and is a file, but reading it fails (EIO), whoever runs the test.
            "unreadable policy" => "/proc/self/mem",
            _ => QuickPolicy(),
        };
        var data = Benchmark;
        if (kind == "dataset that does not fit")
        {
            data = In("other.csv");
            File.WriteAllText(data, "naqr_1,outcome\n1,0\n");
        }

        var candidate = Candidate;
        if (kind == "package that does not load")
        {
            candidate = In("broken");
            Directory.CreateDirectory(candidate);
            File.WriteAllText(Path.Combine(candidate, "model.yaml"), "id: broken\nversion: 1.0.0\nindicatorz: []\n");
        }

        string[] extra = kind switch
        {
            "options that do not go together" => ["--probability"],
            "unusable trusted key" => ["--trusted-key", In("not-a-key.pem")],
            _ => [],
        };
        File.WriteAllText(In("not-a-key.pem"), "not a key\n");
        // A report of an earlier run must not survive as if it were this one's.
        File.WriteAllText(In("gate.xml"), "<stale/>");

        var run = Cli.Run(["gate", "--candidate", candidate, "--baseline", Baseline, "--data", data, "--policy", policy, "--junit", In("gate.xml"), "--markdown", In("gate.md"), .. extra]);

        Assert.True(run.Exit == 2, $"exit {run.Exit}: {run.Err}");
        Assert.Empty(run.Out);
        Assert.DoesNotContain("Exception", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
        var xml = File.ReadAllText(In("gate.xml"));
        Assert.Empty(GateReportTests.SchemaProblems(xml));
        var suite = XDocument.Parse(xml).Root!.Element("testsuite")!;
        Assert.Equal("tma gate", (string?)suite.Attribute("name"));
        Assert.Equal("1", (string?)suite.Attribute("errors"));
        var error = suite.Descendants("error").Single();
        Assert.DoesNotContain("   at ", error.Value, StringComparison.Ordinal);
        var lastLine = run.Err.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("tma gate: ", lastLine, StringComparison.Ordinal);
        Assert.Contains(lastLine["tma gate: ".Length..], (string?)error.Attribute("message"), StringComparison.Ordinal);
        var markdown = File.ReadAllText(In("gate.md"));
        Assert.StartsWith("# Release gate: not run\n\n**Error: bad input (exit 2).**", markdown, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_temp, "*.tmp-*"));

        var located = kind switch
        {
            "policy with errors" => $"{policy}:2:1: error TMA0010: unknown key `max_ppv_dorp`",
            "unreadable policy" => "/proc/self/mem: error TMA0007: the file cannot be read",
            "dataset that does not fit" => "error TMA02",
            "package that does not load" => $"{Path.Combine(candidate, "model.yaml")}:",
            "options that do not go together" => "--probability applies to score columns",
            _ => "no PEM block found",
        };
        Assert.Contains(located, run.Err, StringComparison.Ordinal);
        Assert.Contains(located, error.Value, StringComparison.Ordinal);
        Assert.Contains(located, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trusted_key_with_score_columns_is_bad_input()
    {
        File.WriteAllText(In("key.pem"), "");
        var run = Cli.Run("gate", "--candidate-score-column", "a", "--baseline-score-column", "b", "--trusted-key", In("key.pem"), "--data", Benchmark, "--policy", QuickPolicy());

        Assert.Equal(2, run.Exit);
        Assert.Contains("tma gate: --trusted-key applies to package archives", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_extracted_archive_is_deleted_also_when_the_gate_cannot_run()
    {
        var archive = ReleasedArchive();
        File.WriteAllText(In("other.csv"), "naqr_1,outcome\n1,0\n");
        var before = GateFolders();

        var run = Cli.Run("gate", "--candidate", Candidate, "--baseline", archive, "--data", In("other.csv"), "--policy", QuickPolicy(), "--junit", In("gate.xml"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("tma gate: cannot gate on", run.Err, StringComparison.Ordinal);
        var baselineSource = XDocument.Load(In("gate.xml")).Descendants("property").Single(p => (string?)p.Attribute("name") == "baseline.source");
        Assert.StartsWith("archive ", (string?)baselineSource.Attribute("value"), StringComparison.Ordinal);
        Assert.Equal(before, GateFolders());
    }

    [Fact]
    public void Data_whose_provenance_file_cannot_be_read_is_refused_not_assumed_independent()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the unreadable file below is Linux's
        }

        var data = In("bench.csv");
        File.Copy(Benchmark, data);
        File.CreateSymbolicLink(data + ".truth.json", "/proc/self/mem");

        var run = Cli.Run("gate", "--candidate", Candidate, "--baseline", Baseline, "--data", data, "--policy", QuickPolicy());

        Assert.Equal(2, run.Exit);
        Assert.Contains($"{data}.truth.json: error TMA0314: the benchmark data's provenance file cannot be read", run.Err, StringComparison.Ordinal);
    }
}
