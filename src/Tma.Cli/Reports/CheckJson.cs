using Tma.Models.Diagnostics;
using Tma.Models.Packaging;

namespace Tma.Cli.Reports;

/// <summary>
/// The JSON documents of the checking commands (<c>tma validate --format json</c>, <c>tma verify --format json</c>):
/// every problem with its code and location as fields, so a pipeline or an editor can annotate the file without
/// parsing text. Field names are documented in docs/cli.md.
/// </summary>
internal static class CheckJson
{
    public static string Validation(IReadOnlyList<ValidatedPackage> packages) =>
        ReportJson.Serialize(new ValidationDocument(packages.All(p => p.Valid), packages));

    public static string Verification(IReadOnlyList<VerifiedArchive> archives) =>
        ReportJson.Serialize(new VerificationDocument(archives.All(a => a.Valid), archives));

    public static DiagnosticDocument Of(Diagnostic diagnostic) => new(
        diagnostic.Code,
        diagnostic.Severity == Severity.Error ? "error" : "warning",
        diagnostic.Location.File,
        diagnostic.Location.Line == 0 ? null : diagnostic.Location.Line,
        diagnostic.Location.Column == 0 ? null : diagnostic.Location.Column,
        diagnostic.Message);

    public static ProblemDocument Of(VerificationProblem problem) => new(problem.CheckName, problem.Subject, problem.Message);

    private sealed record ValidationDocument(bool Valid, IReadOnlyList<ValidatedPackage> Packages);

    private sealed record VerificationDocument(bool Valid, IReadOnlyList<VerifiedArchive> Archives);
}

/// <summary>One diagnostic: <c>line</c> and <c>column</c> are null when it concerns the whole file.</summary>
internal sealed record DiagnosticDocument(string Code, string Severity, string File, int? Line, int? Column, string Message);

/// <summary>One failed check of an archive.</summary>
internal sealed record ProblemDocument(string Check, string Subject, string Message);

/// <summary>One package as <c>tma validate</c> found it; identity fields are null when it could not be read.</summary>
internal sealed record ValidatedPackage(string Path, bool Valid, string? Id, string? Version, string? Kind, int? Indicators, string? ContentHash, IReadOnlyList<DiagnosticDocument> Diagnostics);

/// <summary>One archive as <c>tma verify</c> found it; identity fields are null when its manifest could not be read.</summary>
internal sealed record VerifiedArchive(string Path, bool Valid, string? Id, string? Version, string? ContentHash, string? SignedBy, string? Engine, bool? EngineCompatible, IReadOnlyList<ProblemDocument> Problems);
