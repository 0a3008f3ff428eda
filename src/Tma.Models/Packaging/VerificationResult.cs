namespace Tma.Models.Packaging;

/// <summary>The outcome of verifying a package archive: every failed check, not just the first.</summary>
public sealed class VerificationResult
{
    internal VerificationResult(PackageManifest? manifest, IReadOnlyList<VerificationProblem> problems, string? signedBy, bool unsignedAccepted)
    {
        Manifest = manifest;
        Problems = problems;
        SignedBy = signedBy;
        UnsignedAccepted = unsignedAccepted;
    }

    /// <summary>True when every check passed.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>Every failed check, in the order archive, manifest, files, identity, signature.</summary>
    public IReadOnlyList<VerificationProblem> Problems { get; }

    /// <summary>The archive's manifest when it could be read (even if other checks failed).</summary>
    public PackageManifest? Manifest { get; }

    /// <summary>The key id (<c>sha256:…</c>) of the trusted key whose valid signature covers the manifest; null otherwise.</summary>
    public string? SignedBy { get; }

    /// <summary>True when the archive was accepted without a signature because unsigned packages were explicitly allowed.</summary>
    public bool UnsignedAccepted { get; }
}
