using System.CommandLine;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Tma.Cli.Commands;
using Tma.Cli.Reports;
using Tma.Research.Gate;

namespace Tma.Cli.Tests;

/// <summary>
/// The reports of <c>tma gate</c> as CI servers read them: JUnit XML valid against the common schema
/// (Schemas/junit-10.xsd, see its header), times in invariant seconds, the timestamp from the command's clock, and the
/// error reports of a gate that could not run.
/// </summary>
public sealed class GateReportTests : IDisposable
{
    private static readonly DateTimeOffset Started = new(2026, 3, 1, 14, 30, 5, TimeSpan.FromHours(2));
    private readonly string _temp = Directory.CreateTempSubdirectory("tma-cli-gate-report-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static GateResult Result() => new()
    {
        Candidate = "warning-behaviours-triage 2.0.0",
        Baseline = "warning-behaviours-triage 1.0.0",
        Data = "/data/bench.csv",
        DataFingerprint = "sha256:0123",
        Rows = 100,
        Events = 20,
        Checks =
        [
            new GateCheck("minimum_auc", GateCheckStatus.Pass, "0.7500", "≥ 0.7000", 0.75, "AUC 0.75 is at least 0.70"),
            new GateCheck("max_ppv_drop", GateCheckStatus.Fail, "0.0800", "≤ 0.0500", 0.08, "PPV drops by 0.08 at band ≥ manage"),
            new GateCheck("max_calibration_error", GateCheckStatus.NotApplicable, "n/a", "≤ 0.0500", null, "not applicable: a points score is not a probability"),
        ],
        Warnings = ["baseline: 2 rows skipped"],
    };

    private static GateRun Run() => new(Started, TimeSpan.FromMilliseconds(1234.5678), "0.1.0")
    {
        CandidateSource = "folder models/warning-behaviours-triage",
        BaselineSource = "archive dist/warning-behaviours-triage-1.0.0.tmapkg, signature not checked: no --trusted-key",
    };

    /// <summary>Every validation error and warning of <paramref name="xml"/> against Schemas/junit-10.xsd.</summary>
    internal static List<string> SchemaProblems(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Repository.Path("tests", "Tma.Cli.Tests", "Schemas", "junit-10.xsd"));
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} at {e.Exception?.LineNumber}:{e.Exception?.LinePosition}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    [Fact]
    public void The_junit_report_of_a_result_is_valid_against_the_common_schema()
    {
        var xml = GateReports.JUnit(Result(), Run());

        Assert.Empty(SchemaProblems(xml));
        var root = XDocument.Parse(xml).Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Null(root.Attribute("skipped"));
        var suite = Assert.Single(root.Elements("testsuite"));
        Assert.Equal(["3", "1", "0", "1"], new[] { "tests", "failures", "errors", "skipped" }.Select(a => (string?)suite.Attribute(a)));
        var failure = suite.Elements("testcase").Single(t => (string?)t.Attribute("name") == "max_ppv_drop").Element("failure")!;
        Assert.Equal("max_ppv_drop: value 0.0800, required ≤ 0.0500", (string?)failure.Attribute("message"));
        Assert.Equal("GateCheckFailed", (string?)failure.Attribute("type"));
        Assert.Equal("PPV drops by 0.08 at band ≥ manage", failure.Value);
        var skipped = suite.Elements("testcase").Single(t => (string?)t.Attribute("name") == "max_calibration_error").Element("skipped")!;
        Assert.Equal("not applicable: a points score is not a probability", (string?)skipped.Attribute("message"));
        Assert.All(suite.Elements("testcase"), t => Assert.Equal("tma.gate.warning-behaviours-triage", (string?)t.Attribute("classname")));
        var properties = suite.Element("properties")!.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.Equal("archive dist/warning-behaviours-triage-1.0.0.tmapkg, signature not checked: no --trusted-key", properties["baseline.source"]);
        Assert.Equal("sha256:0123", properties["data.sha256"]);
        Assert.Contains("warning: baseline: 2 rows skipped", suite.Element("system-out")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Times_are_invariant_seconds_and_the_timestamp_is_the_runs_start_in_utc_whatever_the_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // A culture that writes a decimal comma (the tests run with invariant globalization, so no named culture).
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            var suite = XDocument.Parse(GateReports.JUnit(Result(), Run())).Root!.Element("testsuite")!;

            Assert.Equal("1.235", (string?)suite.Attribute("time"));
            Assert.Equal("1.235", (string?)suite.Parent!.Attribute("time"));
            Assert.Equal("2026-03-01T12:30:05", (string?)suite.Attribute("timestamp"));
            Assert.All(suite.Elements("testcase"), t => Assert.Equal("0.000", (string?)t.Attribute("time")));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void The_junit_report_of_a_gate_that_could_not_run_is_one_error_valid_against_the_schema()
    {
        string[] problems = ["/p/gate.yaml:2:1: error TMA0010: unknown key `max_ppv_dorp` (did you mean `max_ppv_drop`?)", "/p/gate.yaml:3:14: error TMA0310: `minimum_auc` must be in [0, 1]"];
        var xml = GateReports.JUnitError("the gate policy has errors", problems, Run());

        Assert.Empty(SchemaProblems(xml));
        var root = XDocument.Parse(xml).Root!;
        Assert.Equal(["1", "0", "1"], new[] { "tests", "failures", "errors" }.Select(a => (string?)root.Attribute(a)));
        var suite = Assert.Single(root.Elements("testsuite"));
        Assert.Equal("tma gate", (string?)suite.Attribute("name"));
        Assert.Equal(["1", "0", "1", "0"], new[] { "tests", "failures", "errors", "skipped" }.Select(a => (string?)suite.Attribute(a)));
        var error = Assert.Single(suite.Elements("testcase")).Element("error")!;
        Assert.StartsWith("the gate policy has errors: /p/gate.yaml:2:1: error TMA0010", (string?)error.Attribute("message"), StringComparison.Ordinal);
        Assert.Contains(problems[1], (string?)error.Attribute("message"), StringComparison.Ordinal);
        Assert.Contains(problems[0], error.Value, StringComparison.Ordinal);
        Assert.Contains(problems[1], error.Value, StringComparison.Ordinal);
        Assert.Equal("BadInput", (string?)error.Attribute("type"));
    }

    [Fact]
    public void The_schema_rejects_what_the_reports_must_not_contain()
    {
        // The shape `tma gate` wrote before: `skipped` on <testsuites>, no time, timestamp or classname.
        const string Old = """
            <?xml version="1.0" encoding="utf-8"?>
            <testsuites name="tma gate" tests="1" failures="0" errors="0" skipped="0">
              <testsuite name="s" tests="1" failures="0" errors="0" skipped="0">
                <testcase name="minimum_auc" />
              </testsuite>
            </testsuites>
            """;

        var problems = SchemaProblems(Old);

        Assert.Contains(problems, p => p.Contains("'skipped'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'time'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'timestamp'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'classname'", StringComparison.Ordinal));
        // Seconds with more than three decimals, or with a unit, are not a time there.
        Assert.NotEmpty(SchemaProblems(GateReports.JUnit(Result(), Run()).Replace("time=\"1.235\"", "time=\"1.2346\"", StringComparison.Ordinal)));
        Assert.NotEmpty(SchemaProblems(GateReports.JUnit(Result(), Run()).Replace("time=\"1.235\"", "time=\"1.235s\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_markdown_of_a_gate_that_could_not_run_names_every_problem()
    {
        var markdown = GateReports.MarkdownError("cannot gate on bench.csv", ["/d/bench.csv:1:1: error TMA0203: the outcome column `outcome` is missing"]);

        Assert.StartsWith("# Release gate: not run\n\n**Error: bad input (exit 2).** The gate could not run: cannot gate on bench.csv.", markdown, StringComparison.Ordinal);
        Assert.Contains("```text\n/d/bench.csv:1:1: error TMA0203: the outcome column `outcome` is missing\n```", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_stamps_its_reports_with_the_clock_it_was_given()
    {
        var policy = Path.Combine(_temp, "gate.yaml");
        File.WriteAllText(policy, "minimum_auc: 2\n");
        var data = Path.Combine(_temp, "bench.csv");
        File.WriteAllText(data, "");
        var junit = Path.Combine(_temp, "gate.xml");
        var root = new RootCommand();
        root.Subcommands.Add(GateCommand.Create(time: new FixedClock(Started)));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = root.Parse(["gate", "--candidate-score-column", "a", "--baseline-score-column", "b", "--data", data, "--policy", policy, "--junit", junit])
            .Invoke(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(2, exit);
        var xml = File.ReadAllText(junit);
        Assert.Empty(SchemaProblems(xml));
        var suite = XDocument.Parse(xml).Root!.Element("testsuite")!;
        Assert.Equal("2026-03-01T12:30:05", (string?)suite.Attribute("timestamp"));
        Assert.Equal("0.000", (string?)suite.Attribute("time"));
        Assert.Contains("error TMA0310", suite.Descendants("error").Single().Value, StringComparison.Ordinal);
    }

    /// <summary>A clock that stands still.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

        public override long GetTimestamp() => 0;
    }
}
