using Tma.Research.Gate;

namespace Tma.Cli.Reports;

/// <summary>
/// <c>tma gate --format json</c>: one JSON document on stdout for every way the gate ends — passed (exit 0), failed
/// (exit 1) or could not run (exit 2, with the problems) — so a pipeline can read the outcome without parsing text.
/// Field names are documented in docs/cli.md.
/// </summary>
internal static class GateJson
{
    public static string Result(GateResult result, GateRun run) => ReportJson.Serialize(new GateDocument(
        result.Passed ? "passed" : "failed",
        result.Passed ? ExitCodes.Ok : ExitCodes.CheckFailed,
        GateReports.Summary(result),
        new GatePackage(result.Candidate, run.CandidateSource),
        new GatePackage(result.Baseline, run.BaselineSource),
        new GateData(result.Data, result.DataFingerprint, result.Rows, result.Events),
        [.. result.Checks.Select(c => new GateCheckDocument(c.Name, Status(c.Status), c.Value, c.Threshold, c.Measured, c.Explanation))],
        result.Warnings,
        [],
        run.ToolVersion,
        run.Started,
        run.Elapsed.TotalSeconds));

    public static string Error(string summary, IReadOnlyList<string> problems, GateRun run) => ReportJson.Serialize(new GateDocument(
        "error",
        ExitCodes.BadInput,
        summary,
        run.CandidateSource is null ? null : new GatePackage(null, run.CandidateSource),
        run.BaselineSource is null ? null : new GatePackage(null, run.BaselineSource),
        null,
        [],
        [],
        problems,
        run.ToolVersion,
        run.Started,
        run.Elapsed.TotalSeconds));

    private static string Status(GateCheckStatus status) => status switch
    {
        GateCheckStatus.Pass => "pass",
        GateCheckStatus.Fail => "fail",
        _ => "notApplicable",
    };

    private sealed record GateDocument(
        string Outcome,
        int ExitCode,
        string Summary,
        GatePackage? Candidate,
        GatePackage? Baseline,
        GateData? Data,
        IReadOnlyList<GateCheckDocument> Checks,
        IReadOnlyList<string> Warnings,
        IReadOnlyList<string> Errors,
        string Tool,
        DateTimeOffset Started,
        double DurationSeconds);

    private sealed record GatePackage(string? Name, string? Source);

    private sealed record GateData(string Path, string? Fingerprint, int Rows, int Events);

    private sealed record GateCheckDocument(string Name, string Status, string Value, string Threshold, double? Measured, string Explanation);
}
