using System.CommandLine;
using Tma.Models.Diagnostics;
using Tma.Models.Packaging;

namespace Tma.Cli.Commands;

/// <summary><c>tma pack &lt;package-dir&gt;... --out &lt;dir&gt;</c>: one reproducible archive per package version.</summary>
internal static class PackCommand
{
    public static Command Create()
    {
        var packages = PathOptions.FileOrFolderArguments("packages", "Package folders to pack.", mustExist: true);
        var output = PathOptions.Output("--out", "-o", "Folder for the archives (created if needed); index.json there is updated.", required: true);
        var command = new Command("pack", """
            Pack model packages into archives <id>-<version>.tmapkg: a canonical manifest (id, version, kind,
            content hash, engine range, dependencies, every file with SHA-256 and size) and the files. Packing the
            same folder twice gives byte-identical archives. A version already in the output folder with different
            content is refused: any change needs a new version. Writes index.json, so the folder can be served as a feed.
            Exit code 0 when every package was packed (or already was), 1 on a version conflict, 2 for invalid packages.

            Example:
              tma pack models/warning-behaviours-triage --out dist
              tma pack models/* -o dist
            """);
        command.Arguments.Add(packages);
        command.Options.Add(output);
        command.SetAction(parse => Run(parse.GetValue(packages)!, parse.GetValue(output)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(CommandLinePath[] paths, CommandLinePath outputDirectory, TextWriter output, TextWriter error)
    {
        var exit = ExitCodes.Ok;
        foreach (var path in paths)
        {
            var loaded = ModelPackage.Load(path.Full);
            if (loaded.Value is not { } package)
            {
                foreach (var diagnostic in loaded.Diagnostics.Where(d => d.Severity == Severity.Error))
                {
                    error.WriteLine(diagnostic);
                }

                error.WriteLine($"tma pack: {path} has errors and was not packed (run `tma validate {path}`)");
                exit = Math.Max(exit, ExitCodes.BadInput);
                continue;
            }

            PackResult result;
            try
            {
                result = PackageBuilder.PackTo(package, outputDirectory.Full);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"tma pack: {path}: {ex.Message}");
                exit = Math.Max(exit, ExitCodes.BadInput);
                continue;
            }

            var manifest = result.Manifest;
            var archive = Path.Join(outputDirectory.Given, Path.GetFileName(result.ArchivePath));
            switch (result.Status)
            {
                case PackStatus.Written:
                    output.WriteLine($"packed     {manifest.Id} {manifest.Version} -> {archive} ({manifest.ContentHash})");
                    break;
                case PackStatus.Unchanged:
                    output.WriteLine($"unchanged  {manifest.Id} {manifest.Version} -> {archive} (same content {manifest.ContentHash})");
                    break;
                default:
                    error.WriteLine($"tma pack: version conflict: {archive} already holds {manifest.Id} {manifest.Version} with content {result.ExistingContentHash}; "
                        + $"{path} has {manifest.ContentHash}. Any change to a package needs a new version in model.yaml.");
                    exit = Math.Max(exit, ExitCodes.CheckFailed);
                    break;
            }
        }

        if (Directory.Exists(outputDirectory.Full))
        {
            PackageFeedIndex.Write(outputDirectory.Full);
        }

        return exit;
    }
}
