using Tma.Models.Packaging;

namespace Tma.Cli.Commands;

/// <summary>
/// A model package named on the command line: its folder, its <c>model.yaml</c>, or a package archive
/// (<c>.tmapkg</c>, as <c>tma pack</c> writes it). An archive is checked as <c>tma verify</c> checks it — every file
/// against the manifest always, the signature (<c>&lt;archive&gt;.sig</c>) when trusted keys are given and the
/// signature file exists — then extracted into a temporary folder that <see cref="Dispose"/> deletes.
/// <see cref="Source"/> says which it was and whether the signature was checked, for the report.
/// </summary>
internal sealed class PackageInput : IDisposable
{
    private readonly string? _temporary;

    private PackageInput(ModelPackage package, string source, string? temporary)
    {
        Package = package;
        Source = source;
        _temporary = temporary;
    }

    /// <summary>The loaded package.</summary>
    public ModelPackage Package { get; }

    /// <summary>
    /// Where the package came from, for reports: <c>folder models/x</c>, <c>archive dist/x-1.0.0.tmapkg, signature
    /// verified: key sha256:…</c>, <c>archive …, signature not checked: no --trusted-key</c>, <c>archive …, unsigned: no ….sig</c>.
    /// </summary>
    public string Source { get; }

    /// <summary>True when <paramref name="path"/> names a package archive (an existing <c>.tmapkg</c> file).</summary>
    public static bool IsArchive(CommandLinePath path) =>
        path.Full.EndsWith(PackageArchive.Extension, StringComparison.OrdinalIgnoreCase) && File.Exists(path.Full);

    /// <summary>
    /// Loads the package, or returns the located problems (one per line) and a summary of why it could not be loaded.
    /// </summary>
    public static (PackageInput? Input, IReadOnlyList<string> Problems, string? Summary) Load(string role, CommandLinePath path, IReadOnlyCollection<TrustedKey> trustedKeys)
    {
        if (!IsArchive(path))
        {
            var loaded = ModelPackage.Load(path.Full);
            return loaded.Value is { } package
                ? (new PackageInput(package, $"folder {path}", null), [], null)
                : (null, [.. loaded.Diagnostics.Select(d => d.ToString())], $"the {role} package {path} has errors (run `tma validate {path}`)");
        }

        return LoadArchive(role, path, trustedKeys);
    }

    /// <summary>Deletes the folder an archive was extracted into (nothing for a package folder).</summary>
    public void Dispose() => DeleteQuietly(_temporary);

    private static (PackageInput? Input, IReadOnlyList<string> Problems, string? Summary) LoadArchive(string role, CommandLinePath path, IReadOnlyCollection<TrustedKey> trustedKeys)
    {
        var signaturePath = PackageArchive.SignaturePath(path.Full);
        var signatureName = Path.GetFileName(signaturePath);
        PackageArchive archive;
        byte[]? signature;
        try
        {
            archive = PackageArchive.Read(path.Full);
            signature = trustedKeys.Count > 0 && File.Exists(signaturePath) ? File.ReadAllBytes(signaturePath) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, [$"{path.Full}: cannot be read: {ex.Message}"], $"the {role} archive {path} cannot be read");
        }

        // Integrity always; with --trusted-key every archive must carry a signature by one of those keys: a release
        // pipeline that names its key means to gate only what that key signed, and an unsigned archive beside it is
        // more likely a mistake (or a substitution) than a choice.
        var verification = PackageVerifier.Verify(archive, signature, signatureName, trustedKeys, allowUnsigned: trustedKeys.Count == 0);
        if (!verification.IsValid)
        {
            return (null, [.. verification.Problems.Select(p => $"{path}: {p}")],
                $"the {role} archive {path} does not verify (run `tma verify {path}{(trustedKeys.Count > 0 ? " --key …" : "")}`)");
        }

        var manifest = verification.Manifest!;
        string temporary;
        try
        {
            temporary = Directory.CreateTempSubdirectory("tma-gate-archive-").FullName;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, [$"{Path.GetTempPath()}: cannot create a temporary folder: {ex.Message}"], $"the {role} archive {path} cannot be extracted");
        }

        var folder = Path.Combine(temporary, manifest.Id);
        try
        {
            archive.ExtractTo(folder);
            var loaded = ModelPackage.Load(folder);
            if (loaded.Value is not { } package)
            {
                DeleteQuietly(temporary);
                // Named as inside the archive (`dist/x.tmapkg#model.yaml:3:1`), not by the temporary folder that is gone.
                var prefix = folder + Path.DirectorySeparatorChar;
                return (null, [.. loaded.Diagnostics.Select(d => d.ToString().Replace(prefix, $"{path}#", StringComparison.Ordinal))], $"the {role} archive {path} holds a package with errors");
            }

            if (package.ContentHash != manifest.ContentHash)
            {
                DeleteQuietly(temporary);
                return (null, [$"{path}: the extracted files hash to {package.ContentHash}, not to the manifest's {manifest.ContentHash}"], $"the {role} archive {path} does not verify");
            }

            var source = signature is not null ? $"archive {path}, signature verified: key {Short(verification.SignedBy!)}…"
                : File.Exists(signaturePath) ? $"archive {path}, signature not checked: no --trusted-key"
                : $"archive {path}, unsigned: no {signatureName}";
            return (new PackageInput(package, source, temporary), [], null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            DeleteQuietly(temporary);
            return (null, [$"{path}: cannot be extracted: {ex.Message}"], $"the {role} archive {path} cannot be extracted");
        }
    }

    private static string Short(string keyId) => keyId.Length > 19 ? keyId[..19] : keyId;

    private static void DeleteQuietly(string? folder)
    {
        if (folder is null || !Directory.Exists(folder))
        {
            return;
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temporary folder left behind holds a released package, nothing secret; the system's cleaner removes it.
        }
    }
}
