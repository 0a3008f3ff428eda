using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Tma.Research.Gate;

namespace Tma.Cli.Reports;

/// <summary>The three forms of a gate result: the console table, JUnit XML (one test case per check) and Markdown.</summary>
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

    public static string Table(GateResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"candidate  {result.Candidate}\nbaseline   {result.Baseline}\ndata       {result.Data} ({result.Rows} rows, {result.Events} with the outcome)\n           {result.DataFingerprint}\n\n");
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
    /// JUnit XML as CI systems read it (GitLab, Jenkins, Azure DevOps, GitHub test reporters): one &lt;testsuite&gt;, one
    /// &lt;testcase&gt; per check, a &lt;failure&gt; for a failed check and &lt;skipped&gt; for one that does not apply.
    /// </summary>
    public static string JUnit(GateResult result)
    {
        var failures = result.Checks.Count(c => c.Status == GateCheckStatus.Fail);
        var skipped = result.Checks.Count(c => c.Status == GateCheckStatus.NotApplicable);
        var suiteName = $"tma gate: {result.Candidate} vs {result.Baseline}";
        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName),
            new XAttribute("tests", result.Checks.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("skipped", skipped),
            result.Checks.Select(check => new XElement("testcase",
                new XAttribute("classname", "tma.gate." + result.Candidate.Split(' ')[0]),
                new XAttribute("name", check.Name),
                check.Status switch
                {
                    GateCheckStatus.Fail => new XElement("failure",
                        new XAttribute("message", $"{check.Name}: value {check.Value}, required {check.Threshold}"),
                        new XAttribute("type", "GateCheckFailed"),
                        check.Explanation),
                    GateCheckStatus.NotApplicable => new XElement("skipped", new XAttribute("message", check.Explanation)),
                    _ => new XElement("system-out", $"value {check.Value}, required {check.Threshold}: {check.Explanation}"),
                })));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites",
                new XAttribute("name", "tma gate"),
                new XAttribute("tests", result.Checks.Count),
                new XAttribute("failures", failures),
                new XAttribute("errors", 0),
                new XAttribute("skipped", skipped),
                suite));
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer.ToString() + "\n";
    }

    public static string Markdown(GateResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Release gate: {result.Candidate} vs {result.Baseline}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"**{(result.Passed ? "Passed" : "Failed")}.** Benchmark data `{result.Data}` (`{result.DataFingerprint}`): {result.Rows} rows, {result.Events} with the outcome.\n\n");
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
