using System.CommandLine;
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
        command.Arguments.Add(paths);
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(CommandLinePath[] paths, TextWriter output, TextWriter error)
    {
        var failed = 0;
        foreach (var path in paths)
        {
            var result = ModelPackage.Load(path.Full);
            foreach (var diagnostic in result.Diagnostics)
            {
                (diagnostic.Severity == Severity.Error ? error : output).WriteLine(diagnostic);
            }

            if (result.Value is { } package && Compiles(package, error, path))
            {
                var warnings = result.Diagnostics.Count;
                output.WriteLine($"ok  {package.Definition.Id} {package.Definition.Version} ({package.Definition.Indicators.Count} indicators, {warnings} warning{(warnings == 1 ? "" : "s")}) {package.ContentHash}");
            }
            else
            {
                failed++;
                error.WriteLine($"FAIL {path}: {Math.Max(1, result.Diagnostics.Count(d => d.Severity == Severity.Error))} error(s)");
            }
        }

        return failed == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    /// <summary>
    /// Compiling proves what reading cannot: a classifier's model file matches its declared features and hash, and a
    /// composite's components resolve to installed packages.
    /// </summary>
    private static bool Compiles(ModelPackage package, TextWriter error, CommandLinePath path)
    {
        try
        {
            RiskModelCompiler.Compile(package, options: RiskModelOptions.Default.WithClassifiers());
            return true;
        }
        catch (ModelLoadException ex)
        {
            foreach (var diagnostic in ex.Diagnostics)
            {
                error.WriteLine(diagnostic);
            }

            return false;
        }
        catch (NotSupportedException ex)
        {
            error.WriteLine($"{path.Full}: error: {ex.Message}");
            return false;
        }
    }
}
