using System.Security.Cryptography;
using System.Text;
using Tma.Models.Loading;

namespace Tma.Models.Packaging;

/// <summary>
/// Checks a package archive: the signature (valid, over the exact manifest bytes, by a trusted key), the manifest
/// (well-formed, canonical, its content hash matches its file list), every file (present, size and SHA-256 as the
/// manifest says, nothing extra), and that the manifest's id, version, kind and engine range are those of the
/// package's <c>model.yaml</c>. Every failed check is reported, each naming the file or part it concerns.
/// </summary>
public static class PackageVerifier
{
    /// <summary>Largest <c>model.yaml</c> read for the identity check (1 MiB, as the loader allows).</summary>
    private const long MaxModelFileBytes = 1024 * 1024;

    /// <summary>Verifies an archive file and its detached signature <c>&lt;archive&gt;.sig</c> (if present).</summary>
    /// <param name="archivePath">Path of the <c>.tmapkg</c> file.</param>
    /// <param name="trustedKeys">Keys whose signatures are accepted.</param>
    /// <param name="allowUnsigned">Development only: accept an archive without a signature file (an archive with a
    /// signature file must still carry a valid signature by a trusted key). Default false.</param>
    /// <exception cref="IOException">The archive or signature file cannot be read.</exception>
    public static VerificationResult VerifyFile(string archivePath, IReadOnlyCollection<TrustedKey> trustedKeys, bool allowUnsigned = false)
    {
        ArgumentNullException.ThrowIfNull(archivePath);
        var archive = PackageArchive.Read(archivePath);
        var signaturePath = PackageArchive.SignaturePath(archivePath);
        var signature = File.Exists(signaturePath) ? File.ReadAllBytes(signaturePath) : null;
        return Verify(archive, signature, Path.GetFileName(signaturePath), trustedKeys, allowUnsigned);
    }

    /// <summary>Verifies an archive read into memory.</summary>
    /// <param name="archive">The archive.</param>
    /// <param name="signatureFile">The bytes of the signature file, or null when there is none.</param>
    /// <param name="signatureName">How to name the signature file in messages.</param>
    /// <param name="trustedKeys">Keys whose signatures are accepted.</param>
    /// <param name="allowUnsigned">Development only: accept an archive without a signature file. Default false.</param>
    public static VerificationResult Verify(PackageArchive archive, byte[]? signatureFile, string signatureName, IReadOnlyCollection<TrustedKey> trustedKeys, bool allowUnsigned = false)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(signatureName);
        ArgumentNullException.ThrowIfNull(trustedKeys);
        var problems = new List<VerificationProblem>(archive.StructureProblems);
        var manifest = archive.Manifest;
        if (manifest is not null)
        {
            CheckContentHash(manifest, problems);
            CheckFiles(archive, manifest, problems);
            CheckIdentity(archive, manifest, problems);
        }

        foreach (var other in archive.OtherEntries)
        {
            problems.Add(new VerificationProblem(VerificationCheck.ExtraFile, other, "the archive holds an entry that is neither the manifest nor a package file"));
        }

        string? signedBy = null;
        var unsignedAccepted = false;
        if (signatureFile is null)
        {
            if (allowUnsigned)
            {
                unsignedAccepted = true;
            }
            else
            {
                problems.Add(new VerificationProblem(VerificationCheck.Signature, signatureName, "no signature file: the package is unsigned (sign it with `tma sign`)"));
            }
        }
        else
        {
            signedBy = CheckSignature(archive, manifest, signatureFile, signatureName, trustedKeys, problems);
        }

        return new VerificationResult(manifest, problems, problems.Count == 0 ? signedBy : null, unsignedAccepted && problems.Count == 0);
    }

    private static void CheckContentHash(PackageManifest manifest, List<VerificationProblem> problems)
    {
        var computed = ModelPackage.HashManifest(manifest.Files);
        if (computed != manifest.ContentHash)
        {
            problems.Add(new VerificationProblem(VerificationCheck.ContentHash, PackagePaths.ManifestEntry,
                $"the content hash {manifest.ContentHash} does not match the file list, which hashes to {computed}"));
        }
    }

    private static void CheckFiles(PackageArchive archive, PackageManifest manifest, List<VerificationProblem> problems)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            listed.Add(file.Path);
            var actual = archive.HashFile(file.Path, file.Length + 1);
            if (actual is null)
            {
                problems.Add(new VerificationProblem(VerificationCheck.MissingFile, file.Path, "is listed in the manifest but missing from the archive"));
            }
            else if (actual.Value.Length != file.Length)
            {
                problems.Add(new VerificationProblem(VerificationCheck.FileSize, file.Path,
                    actual.Value.Length > file.Length
                        ? $"is larger than the {file.Length} bytes the manifest lists"
                        : $"has {actual.Value.Length} bytes; the manifest lists {file.Length}"));
            }
            else if (actual.Value.Sha256 != file.Sha256)
            {
                problems.Add(new VerificationProblem(VerificationCheck.FileHash, file.Path,
                    $"content differs from the manifest (SHA-256 {Short(actual.Value.Sha256)}…, the manifest lists {Short(file.Sha256)}…)"));
            }
        }

        foreach (var entry in archive.FileEntries.Where(e => !listed.Contains(e)))
        {
            problems.Add(new VerificationProblem(VerificationCheck.ExtraFile, entry, "is in the archive but not listed in the manifest"));
        }
    }

    private static void CheckIdentity(PackageArchive archive, PackageManifest manifest, List<VerificationProblem> problems)
    {
        var bytes = archive.ReadFile(ModelPackage.ModelFileName, MaxModelFileBytes);
        if (bytes is null)
        {
            if (manifest.Files.Any(f => f.Path == ModelPackage.ModelFileName) && archive.FileEntries.Contains(ModelPackage.ModelFileName))
            {
                problems.Add(new VerificationProblem(VerificationCheck.Identity, ModelPackage.ModelFileName, $"is larger than {MaxModelFileBytes} bytes"));
            }
            else if (!manifest.Files.Any(f => f.Path == ModelPackage.ModelFileName))
            {
                problems.Add(new VerificationProblem(VerificationCheck.Identity, ModelPackage.ModelFileName, "the package has no model.yaml"));
            }

            return;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new VerificationProblem(VerificationCheck.Identity, ModelPackage.ModelFileName, "is not UTF-8 text"));
            return;
        }

        var read = ModelReader.ReadText(text, $"{archive.Name}#{ModelPackage.ModelFileName}");
        if (read.Value is not { } definition)
        {
            var first = read.Diagnostics.FirstOrDefault(d => d.Severity == Diagnostics.Severity.Error);
            problems.Add(new VerificationProblem(VerificationCheck.Identity, ModelPackage.ModelFileName,
                $"cannot be read by this engine ({read.Diagnostics.Count(d => d.Severity == Diagnostics.Severity.Error)} error(s); first: {first?.Code} {first?.Message})"));
            return;
        }

        Compare("id", manifest.Id, definition.Id);
        Compare("version", manifest.Version, definition.Version.ToString());
        Compare("kind", manifest.Kind, PackageManifest.KindName(definition.Kind));
        Compare("engine range", manifest.Engine ?? "(none)", definition.EngineRangeText ?? "(none)");

        void Compare(string what, string inManifest, string inModel)
        {
            if (!string.Equals(inManifest, inModel, StringComparison.Ordinal))
            {
                problems.Add(new VerificationProblem(VerificationCheck.Identity, PackagePaths.ManifestEntry,
                    $"the manifest's {what} `{inManifest}` differs from model.yaml's `{inModel}`"));
            }
        }
    }

    private static string? CheckSignature(PackageArchive archive, PackageManifest? manifest, byte[] signatureFile, string signatureName, IReadOnlyCollection<TrustedKey> trustedKeys, List<VerificationProblem> problems)
    {
        if (!PackageSignature.TryParse(signatureFile, out var signature, out var problem))
        {
            problems.Add(new VerificationProblem(VerificationCheck.Signature, signatureName, problem));
            return null;
        }

        if (signature.Algorithm != PackageSignature.EcdsaP256Sha256)
        {
            problems.Add(new VerificationProblem(VerificationCheck.Signature, signatureName, $"unsupported signature algorithm `{signature.Algorithm}` (expected {PackageSignature.EcdsaP256Sha256})"));
            return null;
        }

        var key = trustedKeys.FirstOrDefault(k => k.KeyId == signature.KeyId);
        if (key is null)
        {
            problems.Add(new VerificationProblem(VerificationCheck.Signature, signatureName,
                $"signed with key {Short(signature.KeyId)}…, which is not a trusted key (trusted: {(trustedKeys.Count == 0 ? "none" : string.Join(", ", trustedKeys.Select(k => Short(k.KeyId) + "…")))})"));
            return null;
        }

        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(signature.Signature);
        }
        catch (FormatException)
        {
            problems.Add(new VerificationProblem(VerificationCheck.Signature, signatureName, "the signature value is not base64"));
            return null;
        }

        if (archive.ManifestBytes.Length > 0 && key.Verify(archive.ManifestBytes.Span, raw))
        {
            return key.KeyId;
        }

        var manifestSha = Convert.ToHexStringLower(SHA256.HashData(archive.ManifestBytes.Span));
        var package = manifest is null ? null : $"{manifest.Id}@{manifest.Version}";
        string message;
        if (package is not null && signature.Package != package)
        {
            message = $"the signature belongs to another package ({signature.Package}), not to {package}";
        }
        else if (signature.ManifestSha256 != manifestSha)
        {
            message = $"{PackagePaths.ManifestEntry} is not the manifest that was signed: it was changed after signing, or the signature is for another build of this version";
        }
        else
        {
            message = $"the signature does not verify with trusted key {Short(key.KeyId)}… (the signature file was altered or forged)";
        }

        problems.Add(new VerificationProblem(VerificationCheck.Signature, signatureName, message));
        return null;
    }

    private static string Short(string hash)
    {
        var hex = hash.StartsWith("sha256:", StringComparison.Ordinal) ? hash[7..] : hash;
        return (hash.StartsWith("sha256:", StringComparison.Ordinal) ? "sha256:" : "") + hex[..Math.Min(12, hex.Length)];
    }
}
