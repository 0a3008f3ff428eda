using System.CommandLine;
using Tma.Models.Packaging;

namespace Tma.Cli.Commands;

/// <summary><c>tma keygen --out &lt;name&gt;</c>: an ECDSA P-256 key pair in PEM.</summary>
internal static class KeygenCommand
{
    private const string Private = ".private.pem";
    private const string Public = ".public.pem";

    public static Command Create()
    {
        var output = PathOptions.Output("--out", "-o", "Path and base name of the key files: writes <name>.private.pem and <name>.public.pem.", required: true, folderMustExist: true);
        var command = new Command("keygen", """
            Generate an ECDSA P-256 signing key pair in standard PEM: <name>.private.pem (PKCS#8, readable by the
            owner only; keep it in the CI secret store) and <name>.public.pem (SubjectPublicKeyInfo; give it to hosts
            as a trusted key). Prints the key id. Existing files are never overwritten.

            Example:
              tma keygen --out keys/release
            """);
        command.Options.Add(output);
        command.SetAction(parse => Run(parse.GetValue(output)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    // The folder the keys go into exists: the parser checked it (folderMustExist).
    private static int Run(CommandLinePath name, TextWriter output, TextWriter error)
    {
        if (Directory.Exists(name.Full))
        {
            error.WriteLine($"tma keygen: --out: {name} is a folder; give the folder and a base name, e.g. {Path.Join(name.Given, "release")}");
            return ExitCodes.BadInput;
        }

        var privatePath = name.WithSuffix(Private);
        var publicPath = name.WithSuffix(Public);
        foreach (var path in new[] { privatePath, publicPath })
        {
            if (File.Exists(path.Full))
            {
                error.WriteLine($"tma keygen: {path} exists; choose another name (keys are never overwritten)");
                return ExitCodes.BadInput;
            }
        }

        using var key = PackageSigningKey.Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(privatePath.Full, options))
        {
            writer.Write(key.ExportPrivateKeyPem());
            writer.Write('\n');
        }

        File.WriteAllText(publicPath.Full, key.ExportPublicKeyPem() + "\n");
        output.WriteLine($"private key: {privatePath} (keep secret)");
        output.WriteLine($"public key:  {publicPath}");
        output.WriteLine($"key id:      {key.KeyId}");
        return ExitCodes.Ok;
    }
}
