using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Tma.Research.Gate;

namespace Tma.Cli.Reports;

/// <summary>
/// The three forms of a gate result — the console table, JUnit XML (one test case per check) and Markdown — and the
/// JUnit XML and Markdown of a gate that could not run (bad input, exit 2).
/// </summary>
internal static class GateReports
{
    public static string Status(GateCheckStatus status) => status switch
    {
        GateCheckStatus.Pass => "pass",
        GateCheckStatus.Fail => "FAIL",
        _ => "n/a",
    };

    public static string Summary(GateResult result)
    {
        var failed = result.Checks.Count(c => c.Status == GateCheckStatus.Fail);
        var passed = result.Checks.Count(c => c.Status == GateCheckStatus.Pass);
        var na = result.Checks.Count(c => c.Status == GateCheckStatus.NotApplicable);
        return string.Create(CultureInfo.InvariantCulture,
            $"gate {(result.Passed ? "PASSED" : "FAILED")}: {passed} passed, {failed} failed, {na} not applicable — {result.Candidate} vs {result.Baseline}");
    }

    public static string Table(GateResult result, GateRun run)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"candidate  {result.Candidate}{Source(run.CandidateSource)}\nbaseline   {result.Baseline}{Source(run.BaselineSource)}\ndata       {result.Data} ({result.Rows} rows, {result.Events} with the outcome)\n           {result.DataFingerprint}\n\n");
        var nameWidth = Math.Max(5, result.Checks.Max(c => c.Name.Length));
        var valueWidth = Math.Max(5, result.Checks.Max(c => c.Value.Length));
        var thresholdWidth = Math.Max(9, result.Checks.Max(c => c.Threshold.Length));
        text.Append(CultureInfo.InvariantCulture, $"{"check".PadRight(nameWidth)}  {"value".PadLeft(valueWidth)}  {"threshold".PadRight(thresholdWidth)}  result\n");
        foreach (var check in result.Checks)
        {
            text.Append(CultureInfo.InvariantCulture, $"{check.Name.PadRight(nameWidth)}  {check.Value.PadLeft(valueWidth)}  {check.Threshold.PadRight(thresholdWidth)}  {Status(check.Status)}\n");
        }

        text.Append('\n');
        foreach (var check in result.Checks)
        {
            text.Append(CultureInfo.InvariantCulture, $"{check.Name}: {check.Explanation}\n");
        }

        foreach (var warning in result.Warnings)
        {
            text.Append(CultureInfo.InvariantCulture, $"warning: {warning}\n");
        }

        text.Append('\n').Append(Summary(result)).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// JUnit XML as CI systems read it (GitLab, Jenkins, Azure DevOps, GitHub test reporters), valid against the common
    /// schema (the Jenkins xUnit plug-in's <c>junit-10.xsd</c>): &lt;testsuites&gt; (name, tests, failures, errors,
    /// time) around one &lt;testsuite&gt; (name, tests, failures, errors, skipped, time, timestamp) with the run's
    /// provenance as &lt;properties&gt;, and one &lt;testcase&gt; (name, classname, time) per check: &lt;failure&gt; for a
    /// failed check, &lt;skipped&gt; for one that does not apply, the measured value as &lt;system-out&gt; for a pass.
    /// </summary>
    public static string JUnit(GateResult result, GateRun run)
    {
        var failures = result.Checks.Count(c => c.Status == GateCheckStatus.Fail);
        var skipped = result.Checks.Count(c => c.Status == GateCheckStatus.NotApplicable);
        var classname = "tma.gate." + result.Candidate.Split(' ')[0];
        (string Name, string? Value)[] properties =
        [
            ("candidate", result.Candidate),
            ("candidate.source", run.CandidateSource),
            ("baseline", result.Baseline),
            ("baseline.source", run.BaselineSource),
            ("data", result.Data),
            ("data.sha256", result.DataFingerprint),
            ("data.rows", result.Rows.ToString(CultureInfo.InvariantCulture)),
            ("data.events", result.Events.ToString(CultureInfo.InvariantCulture)),
            ("tma.version", run.ToolVersion),
        ];
        var suite = Suite($"tma gate: {result.Candidate} vs {result.Baseline}", run, result.Checks.Count, failures, errors: 0, skipped,
            Properties(properties),
            result.Checks.Select(check => new XElement("testcase",
                new XAttribute("name", check.Name),
                new XAttribute("classname", classname),
                // The checks are judged together from one comparison; only the suite has a time of its own.
                new XAttribute("time", Seconds(TimeSpan.Zero)),
                check.Status switch
                {
                    GateCheckStatus.Fail => new XElement("failure",
                        new XAttribute("message", $"{check.Name}: value {check.Value}, required {check.Threshold}"),
                        new XAttribute("type", "GateCheckFailed"),
                        check.Explanation),
                    GateCheckStatus.NotApplicable => new XElement("skipped", new XAttribute("message", check.Explanation)),
                    _ => new XElement("system-out", $"value {check.Value}, required {check.Threshold}: {check.Explanation}"),
                })),
            result.Warnings.Count > 0 ? new XElement("system-out", string.Join('\n', result.Warnings.Select(w => "warning: " + w))) : null);
        return Document(suite, run, result.Checks.Count, failures, errors: 0);
    }

    /// <summary>
    /// The JUnit XML of a gate that could not run (bad input, exit 2): one suite <c>tma gate</c> with one test case whose
    /// &lt;error&gt; names the problem — <paramref name="summary"/> and every located problem, never a stack trace — so a
    /// CI server shows an error instead of a missing or stale report.
    /// </summary>
    public static string JUnitError(string summary, IReadOnlyList<string> problems, GateRun run)
    {
        var message = problems.Count == 0 ? summary : $"{summary}: {string.Join("; ", problems)}";
        var suite = Suite("tma gate", run, tests: 1, failures: 0, errors: 1, skipped: 0,
            Properties([("candidate.source", run.CandidateSource), ("baseline.source", run.BaselineSource), ("tma.version", run.ToolVersion)]),
            new XElement("testcase",
                new XAttribute("name", "the gate can run"),
                new XAttribute("classname", "tma.gate"),
                new XAttribute("time", Seconds(run.Elapsed)),
                new XElement("error",
                    new XAttribute("message", message),
                    new XAttribute("type", "BadInput"),
                    string.Join('\n', [.. problems, $"tma gate: {summary}", "exit code 2 (bad input): no check was judged"]) + "\n")));
        return Document(suite, run, tests: 1, failures: 0, errors: 1);
    }

    public static string Markdown(GateResult result, GateRun run)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Release gate: {result.Candidate} vs {result.Baseline}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"**{(result.Passed ? "Passed" : "Failed")}.** Benchmark data `{result.Data}` (`{result.DataFingerprint}`): {result.Rows} rows, {result.Events} with the outcome.\n\n");
        if (run.CandidateSource is not null || run.BaselineSource is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"- candidate: {Cell(run.CandidateSource ?? result.Candidate)}\n- baseline: {Cell(run.BaselineSource ?? result.Baseline)}\n\n");
        }

        text.Append("| check | value | threshold | result | explanation |\n|---|---:|---|---|---|\n");
        foreach (var check in result.Checks)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{check.Name}` | {Cell(check.Value)} | {Cell(check.Threshold)} | {(check.Status == GateCheckStatus.Fail ? "**FAIL**" : Status(check.Status))} | {Cell(check.Explanation)} |\n");
        }

        if (result.Warnings.Count > 0)
        {
            text.Append("\nWarnings:\n\n");
            foreach (var warning in result.Warnings)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {Cell(warning)}\n");
            }
        }

        text.Append("\nEvery output about a person is advisory; this gate judges a model release, not a case.\n");
        return text.ToString();
    }

    /// <summary>The Markdown of a gate that could not run (bad input, exit 2): what was wrong, with every located problem.</summary>
    public static string MarkdownError(string summary, IReadOnlyList<string> problems)
    {
        var text = new StringBuilder();
        text.Append("# Release gate: not run\n\n");
        text.Append(CultureInfo.InvariantCulture, $"**Error: bad input (exit 2).** The gate could not run: {Cell(summary)}. No check was judged.\n\n");
        if (problems.Count > 0)
        {
            text.Append("```text\n");
            foreach (var problem in problems)
            {
                text.Append(problem.Replace("```", "` ` `", StringComparison.Ordinal)).Append('\n');
            }

            text.Append("```\n\n");
        }

        text.Append("Fix the input and run the gate again (docs/releasing-models.md, section Release gate).\n");
        return text.ToString();
    }

    /// <summary>Seconds with three decimals, invariant (<c>12.345</c>): what the schema's time pattern allows.</summary>
    internal static string Seconds(TimeSpan elapsed) => Math.Max(0, elapsed.TotalSeconds).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 date and time in UTC, without an offset (<c>2026-03-01T12:00:00</c>), as Ant and Surefire write it.</summary>
    internal static string Timestamp(DateTimeOffset started) => started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Source(string? source) => source is null ? "" : $" — {source}";

    private static XElement Properties(IEnumerable<(string Name, string? Value)> properties) =>
        new("properties", properties.Where(p => p.Value is not null).Select(p => new XElement("property", new XAttribute("name", p.Name), new XAttribute("value", p.Value!))));

    private static XElement Suite(string name, GateRun run, int tests, int failures, int errors, int skipped, params object?[] content) =>
        new("testsuite",
            new XAttribute("name", name),
            new XAttribute("tests", tests),
            new XAttribute("failures", failures),
            new XAttribute("errors", errors),
            new XAttribute("skipped", skipped),
            new XAttribute("time", Seconds(run.Elapsed)),
            new XAttribute("timestamp", Timestamp(run.Started)),
            content);

    private static string Document(XElement suite, GateRun run, int tests, int failures, int errors)
    {
        // No `skipped` on <testsuites>: the common schema does not allow it there (it is on the suite).
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites",
                new XAttribute("name", "tma gate"),
                new XAttribute("tests", tests),
                new XAttribute("failures", failures),
                new XAttribute("errors", errors),
                new XAttribute("time", Seconds(run.Elapsed)),
                suite));
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer.ToString() + "\n";
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => new UTF8Encoding(false);
    }
}

/// <summary>What a report says about a gate run besides its result: when it started, how long it took, where the packages came from.</summary>
/// <param name="Started">When the run started (from the command's <see cref="TimeProvider"/>).</param>
/// <param name="Elapsed">How long it took until the report was written.</param>
/// <param name="ToolVersion">The version of tma that judged (a JUnit property).</param>
internal sealed record GateRun(DateTimeOffset Started, TimeSpan Elapsed, string ToolVersion)
{
    /// <summary>Where the candidate came from (<c>folder models/x</c>, <c>archive …, signature verified: …</c>); null for a score column.</summary>
    public string? CandidateSource { get; init; }

    /// <summary>Where the baseline came from; null for a score column.</summary>
    public string? BaselineSource { get; init; }
}
