using System.CommandLine;
using Tma.Cli.Reports;
using Tma.Models.Packaging;
using Tma.Scoring;

namespace Tma.Cli.Commands;

/// <summary><c>tma verify &lt;archive&gt;... --key &lt;public.pem&gt;...</c>: every check, each failure named.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var archives = PathOptions.FileArguments("archives", "Package archives (.tmapkg) to verify; each needs <archive>.sig next to it.", mustExist: true);
        var keys = PathOptions.Files("--key", "-k", "Trusted public key file (<name>.public.pem); repeat for several keys.", mustExist: true, required: true);
        keys.AllowMultipleArgumentsPerToken = true;
        var command = new Command("verify", """
            Verify package archives: the signature (valid for a trusted key, over the exact manifest), the manifest's
            content hash, every file's SHA-256 and size, no extra or missing files, and that the manifest's id and
            version are those of model.yaml. Every failed check is printed with the file or part it concerns.
            Exit code 0 when every archive passes, 1 when any check fails, 2 for bad input (missing archive or key).

            Example:
              tma verify dist/warning-behaviours-triage-1.0.0.tmapkg --key keys/release.public.pem
            """);
        var format = new Option<string>("--format", "-f") { Description = "What to print on stdout: text (a line per archive) or json (one document: every archive with its failed checks as fields).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        command.Arguments.Add(archives);
        command.Options.Add(keys);
        command.Options.Add(format);
        command.SetAction(parse => Run(parse.GetValue(archives)!, parse.GetValue(keys)!, parse.GetValue(format) == "json", parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(CommandLinePath[] archives, CommandLinePath[] keyPaths, bool json, TextWriter output, TextWriter error)
    {
        var trusted = new List<TrustedKey>();
        foreach (var keyPath in keyPaths)
        {
            try
            {
                trusted.Add(TrustedKey.FromPemFile(keyPath.Full));
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"tma verify: {keyPath}: {(ex is FormatException ? ex.Message : "cannot be read")}");
                return ExitCodes.BadInput;
            }
        }

        if (json)
        {
            var verified = archives.Select(path => Document(path, PackageVerifier.VerifyFile(path.Full, trusted))).ToList();
            output.Write(CheckJson.Verification(verified));
            return verified.All(a => a.Valid) ? ExitCodes.Ok : ExitCodes.CheckFailed;
        }

        var exit = ExitCodes.Ok;
        foreach (var path in archives)
        {
            var result = PackageVerifier.VerifyFile(path.Full, trusted);
            if (result.IsValid)
            {
                var manifest = result.Manifest!;
                output.WriteLine($"ok    {manifest.Id} {manifest.Version} {manifest.ContentHash} signed by {result.SignedBy}");
                if (manifest.Engine is { } range && !IsCompatible(range))
                {
                    output.WriteLine($"      note: the package needs engine {range}; this tma is engine {EngineInfo.Version}, which will refuse to run it");
                }

                continue;
            }

            foreach (var problem in result.Problems)
            {
                error.WriteLine($"{path}: {problem}");
            }

            error.WriteLine($"FAIL  {path}: {result.Problems.Count} check(s) failed");
            exit = exit == ExitCodes.BadInput ? exit : ExitCodes.CheckFailed;
        }

        return exit;
    }

    private static VerifiedArchive Document(CommandLinePath path, VerificationResult result)
    {
        var manifest = result.Manifest;
        return new VerifiedArchive(path.Given, result.IsValid, manifest?.Id, manifest?.Version, manifest?.ContentHash, result.SignedBy,
            manifest?.Engine, manifest?.Engine is { } range ? IsCompatible(range) : null, [.. result.Problems.Select(CheckJson.Of)]);
    }

    private static bool IsCompatible(string range) =>
        Semver.SemVersionRange.TryParseNpm(range, includeAllPrerelease: true, out var parsed) && parsed.Contains(EngineInfo.Version);
}
