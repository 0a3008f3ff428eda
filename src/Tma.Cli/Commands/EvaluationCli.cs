using System.Reflection;
using Tma.Cli.Reports;
using Tma.Models.Diagnostics;
using Tma.Models.Packaging;
using Tma.Research.Evaluation;

namespace Tma.Cli.Commands;

/// <summary>What <c>tma evaluate</c>, <c>compare</c> and <c>agreement</c> share: option checks, package loading, error output.</summary>
internal static class EvaluationCli
{
    public static readonly string[] Formats = ["text", "json", "markdown", "html"];

    /// <summary>The CLI's version for report provenance (informational version without build metadata).</summary>
    public static string ToolVersion { get; } = ReadVersion();

    public static ModelPackage? LoadPackage(string command, CommandLinePath path, TextWriter error)
    {
        var package = ModelPackage.Load(path.Full);
        if (package.Value is not null)
        {
            return package.Value;
        }

        foreach (var diagnostic in package.Diagnostics)
        {
            error.WriteLine(diagnostic);
        }

        error.WriteLine($"tma {command}: the model package {path} has errors (run `tma validate {path}`)");
        return null;
    }

    /// <summary>Prints the diagnostics (a copy of standard input named as <see cref="StandardInput.Label"/>) and the summary; exit 2.</summary>
    public static int Fail(string command, TextWriter error, IReadOnlyList<Diagnostic> diagnostics, string summary, StandardInput? stdin = null)
    {
        foreach (var diagnostic in diagnostics)
        {
            error.WriteLine(stdin?.Relabel(diagnostic.ToString()) ?? diagnostic.ToString());
        }

        error.WriteLine($"tma {command}: {summary}");
        return ExitCodes.BadInput;
    }

    public static int Fail(string command, TextWriter error, IEnumerable<string> problems)
    {
        foreach (var problem in problems)
        {
            error.WriteLine($"tma {command}: {problem}");
        }

        return ExitCodes.BadInput;
    }

    /// <summary>Writes the report folder, or says why it could not (exit 2: the folder is the user's input).</summary>
    public static bool TryWriteFolder(string command, CommandLinePath? folder, Func<(string Json, string Markdown, string Html, IReadOnlyList<(string RelativePath, byte[] Content)> Figures)> render, TextWriter error, out IReadOnlyList<string> files)
    {
        files = [];
        if (folder is null)
        {
            return true;
        }

        try
        {
            var (json, markdown, html, figures) = render();
            // Listed as the user named the folder.
            files = [.. Reports.ReportFolder.Write(folder.Full, json, markdown, html, figures).Select(file => Path.Join(folder.Given, Path.GetRelativePath(folder.Full, file)))];
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{folder.Full}: error {Tma.Research.Datasets.DatasetDiagnosticCodes.File}: cannot write the report: {ex.Message}");
            error.WriteLine($"tma {command}: the report folder could not be written");
            return false;
        }
    }

    /// <summary>
    /// Writes the report folder (when asked) and prints the chosen format: the one way every evaluation command
    /// ends. <paramref name="document"/> builds the report document with or without embedded plots.
    /// </summary>
    public static int Emit(string command, CommandLinePath? folder, string? format, string json, Func<bool, ReportDocument> document, string summary, string? advisory, TextWriter stdout, TextWriter error)
    {
        if (!TryWriteFolder(command, folder, () => Render(json, document(true)), error, out var files))
        {
            return ExitCodes.BadInput;
        }

        switch (format)
        {
            case "json":
                stdout.Write(json);
                break;
            case "markdown":
                stdout.Write(MarkdownRenderer.Render(document(false)));
                break;
            case "html":
                stdout.Write(HtmlRenderer.Render(document(true)));
                break;
            default:
                stdout.Write(summary);
                if (files.Count > 0)
                {
                    stdout.WriteLine($"report         {string.Join(", ", files)}");
                }

                if (advisory is not null)
                {
                    stdout.WriteLine(advisory);
                }

                break;
        }

        return ExitCodes.Ok;
    }

    /// <summary>The folder's files from one document with plots: report.md links the figure files that report.html embeds.</summary>
    private static (string Json, string Markdown, string Html, IReadOnlyList<(string RelativePath, byte[] Content)> Figures) Render(string json, ReportDocument document) =>
        (json, MarkdownRenderer.Render(document, ReportFigureFiles.BaseNames(document)), HtmlRenderer.Render(document), ReportFigureFiles.Files(document));

    public static EvaluationOptions Options(string outcome, int seed, int bootstrap, double[] cutoffs, bool probability, bool skipBadRows, IProgress<long>? progress) => new()
    {
        OutcomeColumn = outcome,
        Seed = seed,
        BootstrapResamples = bootstrap,
        Cutoffs = cutoffs,
        ScoreIsProbability = probability,
        SkipBadRows = skipBadRows,
        ToolVersion = ToolVersion,
        Progress = progress,
    };

    private static string ReadVersion()
    {
        var version = typeof(EvaluationCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
