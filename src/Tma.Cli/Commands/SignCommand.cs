using System.CommandLine;
using Tma.Models.Packaging;

namespace Tma.Cli.Commands;

/// <summary><c>tma sign &lt;archive&gt;... --key &lt;private.pem&gt;</c>: detached signatures over the manifests.</summary>
internal static class SignCommand
{
    public static Command Create()
    {
        var archives = PathOptions.FileArguments("archives", "Package archives (.tmapkg) to sign.", mustExist: true);
        var key = PathOptions.File("--key", "-k", "Private key file (<name>.private.pem from tma keygen).", mustExist: true, required: true);
        var command = new Command("sign", """
            Sign package archives: writes <archive>.sig, an ECDSA P-256 signature over the archive's manifest.json
            (which lists every file's SHA-256). An archive whose files do not match its manifest is not signed.
            Exit code 0 when every archive was signed, 1 when one fails its integrity check, 2 for bad input.

            Example:
              tma sign dist/warning-behaviours-triage-1.0.0.tmapkg --key keys/release.private.pem
            """);
        command.Arguments.Add(archives);
        command.Options.Add(key);
        command.SetAction(parse => Run(parse.GetValue(archives)!, parse.GetValue(key)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(CommandLinePath[] archives, CommandLinePath keyPath, TextWriter output, TextWriter error)
    {
        PackageSigningKey signingKey;
        try
        {
            signingKey = PackageSigningKey.FromPemFile(keyPath.Full);
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"tma sign: {keyPath}: {(ex is FormatException ? ex.Message : "cannot be read")}");
            return ExitCodes.BadInput;
        }

        using (signingKey)
        {
            var exit = ExitCodes.Ok;
            foreach (var path in archives)
            {
                var archive = PackageArchive.Read(path.Full);
                var integrity = PackageVerifier.Verify(archive, null, Path.GetFileName(PackageArchive.SignaturePath(path.Full)), [], allowUnsigned: true);
                if (!integrity.IsValid)
                {
                    foreach (var problem in integrity.Problems)
                    {
                        error.WriteLine($"{path}: {problem}");
                    }

                    error.WriteLine($"tma sign: {path} fails its integrity check and was not signed");
                    exit = exit == ExitCodes.BadInput ? exit : ExitCodes.CheckFailed;
                    continue;
                }

                var signature = signingKey.Sign(archive);
                var signaturePath = path.Derive(PackageArchive.SignaturePath);
                File.WriteAllBytes(signaturePath.Full, signature.ToJson());
                output.WriteLine($"signed  {signature.Package} -> {signaturePath} (key {signature.KeyId})");
            }

            return exit;
        }
    }
}
