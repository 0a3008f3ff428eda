using System.CommandLine;
using Tma.Cli.Reports;
using Tma.Models.Diagnostics;
using Tma.Models.Packaging;
using Tma.Scoring;
using Tma.Scoring.Classifiers;
using Tma.Scoring.FastPath;

namespace Tma.Cli.Commands;

/// <summary><c>tma validate &lt;package-dir|model.yaml&gt;...</c>: loads each package and prints every diagnostic.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var paths = PathOptions.FileOrFolderArguments("packages", "Package folders or model.yaml files to validate.", mustExist: true);
        var command = new Command("validate", """
            Load and validate model packages; print every problem with file:line:column.
            Exit code 0 when every package is valid, 2 when any has errors.

            Example:
              tma validate models/*
            """);
        var format = new Option<string>("--format", "-f") { Description = "What to print on stdout: text (each problem on a line) or json (one document: every package with its diagnostics as fields).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        command.Arguments.Add(paths);
        command.Options.Add(format);
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(format) == "json", parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(CommandLinePath[] paths, bool json, TextWriter output, TextWriter error)
    {
        var packages = paths.Select(Validate).ToList();
        if (json)
        {
            output.Write(CheckJson.Validation(packages));
        }
        else
        {
            foreach (var package in packages)
            {
                foreach (var diagnostic in package.Diagnostics)
                {
                    (diagnostic.Severity == "error" ? error : output).WriteLine(Text(diagnostic));
                }

                if (package.Valid)
                {
                    var warnings = package.Diagnostics.Count;
                    output.WriteLine($"ok  {package.Id} {package.Version} ({package.Indicators} indicators, {warnings} warning{(warnings == 1 ? "" : "s")}) {package.ContentHash}");
                }
                else
                {
                    error.WriteLine($"FAIL {package.Path}: {Math.Max(1, package.Diagnostics.Count(d => d.Severity == "error"))} error(s)");
                }
            }
        }

        return packages.All(p => p.Valid) ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    private static ValidatedPackage Validate(CommandLinePath path)
    {
        var result = ModelPackage.Load(path.Full);
        var diagnostics = result.Diagnostics.Select(CheckJson.Of).ToList();
        if (result.Value is not { } package)
        {
            return new ValidatedPackage(path.Given, false, null, null, null, null, null, diagnostics);
        }

        var compiled = Compile(package, path);
        diagnostics.AddRange(compiled);
        var definition = package.Definition;
        return new ValidatedPackage(path.Given, compiled.Count == 0, definition.Id, definition.Version.ToString(), definition.Kind.ToString().ToLowerInvariant(),
            definition.Indicators.Count, package.ContentHash, diagnostics);
    }

    private static string Text(DiagnosticDocument d) =>
        $"{(d.Line is { } line ? $"{d.File}:{line}:{d.Column}" : d.File)}: {d.Severity}{(d.Code.Length > 0 ? " " + d.Code : "")}: {d.Message}";

    /// <summary>
    /// Compiling proves what reading cannot: a classifier's model file matches its declared features and hash, and a
    /// composite's components resolve to installed packages. Returns the problems (none when it compiles).
    /// </summary>
    private static List<DiagnosticDocument> Compile(ModelPackage package, CommandLinePath path)
    {
        try
        {
            RiskModelCompiler.Compile(package, options: RiskModelOptions.Default.WithClassifiers());
            return [];
        }
        catch (ModelLoadException ex)
        {
            return [.. ex.Diagnostics.Select(CheckJson.Of)];
        }
        catch (NotSupportedException ex)
        {
            return [new DiagnosticDocument("", "error", path.Full, null, null, ex.Message)];
        }
    }
}
