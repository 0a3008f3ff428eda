using System.CommandLine;
using Tma.Models.Packaging;

namespace Tma.Cli.Commands;

/// <summary><c>tma keygen --out &lt;name&gt;</c>: an ECDSA P-256 key pair in PEM.</summary>
internal static class KeygenCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "Path and base name of the key files: writes <name>.private.pem and <name>.public.pem.", Required = true };
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

    private static int Run(string name, TextWriter output, TextWriter error)
    {
        var privatePath = name + ".private.pem";
        var publicPath = name + ".public.pem";
        foreach (var path in new[] { privatePath, publicPath })
        {
            if (File.Exists(path))
            {
                error.WriteLine($"tma keygen: {path} exists; choose another name (keys are never overwritten)");
                return ExitCodes.BadInput;
            }
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(privatePath))!;
        if (!Directory.Exists(directory))
        {
            error.WriteLine($"tma keygen: the folder {directory} does not exist");
            return ExitCodes.BadInput;
        }

        using var key = PackageSigningKey.Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(privatePath, options))
        {
            writer.Write(key.ExportPrivateKeyPem());
            writer.Write('\n');
        }

        File.WriteAllText(publicPath, key.ExportPublicKeyPem() + "\n");
        output.WriteLine($"private key: {privatePath} (keep secret)");
        output.WriteLine($"public key:  {publicPath}");
        output.WriteLine($"key id:      {key.KeyId}");
        return ExitCodes.Ok;
    }
}
