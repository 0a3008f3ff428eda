namespace Tma.Models.Packaging;

/// <summary>What <see cref="PackageBuilder.PackTo"/> did.</summary>
public enum PackStatus
{
    /// <summary>A new archive was written.</summary>
    Written,

    /// <summary>The output folder already held this version with the same content; nothing was written.</summary>
    Unchanged,

    /// <summary>
    /// The output folder already holds this id and version with a different content hash: any change needs a new
    /// version. Nothing was written.
    /// </summary>
    VersionConflict,
}

/// <summary>The outcome of packing one package.</summary>
/// <param name="Status">What happened.</param>
/// <param name="ArchivePath">The archive written or found (for a conflict: the archive that holds the other content).</param>
/// <param name="Manifest">The manifest of the package that was packed.</param>
/// <param name="ExistingContentHash">For <see cref="PackStatus.VersionConflict"/>: the content hash already released under this version.</param>
public sealed record PackResult(PackStatus Status, string ArchivePath, PackageManifest Manifest, string? ExistingContentHash = null);
