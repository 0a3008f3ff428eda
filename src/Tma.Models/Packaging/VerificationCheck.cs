namespace Tma.Models.Packaging;

/// <summary>Which check of a package archive failed; each tamper kind is named by one of these.</summary>
public enum VerificationCheck
{
    /// <summary>The archive itself: not a zip, too large, duplicate or unexpected entries.</summary>
    Archive,

    /// <summary><c>manifest.json</c> is missing, malformed, not canonical or of an unknown format version.</summary>
    Manifest,

    /// <summary>The manifest's content hash does not match the file list it declares.</summary>
    ContentHash,

    /// <summary>A file listed in the manifest is not in the archive.</summary>
    MissingFile,

    /// <summary>The archive holds a file that the manifest does not list.</summary>
    ExtraFile,

    /// <summary>A file's size differs from the manifest.</summary>
    FileSize,

    /// <summary>A file's SHA-256 differs from the manifest.</summary>
    FileHash,

    /// <summary>The manifest's id, version, kind or engine range differ from the package's <c>model.yaml</c>, or it cannot be read.</summary>
    Identity,

    /// <summary>The signature is missing, malformed, made with an untrusted key, or does not verify over the manifest.</summary>
    Signature,
}
