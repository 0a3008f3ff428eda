namespace Tma.Scoring.Hosting;

/// <summary>Why a package version was not put in service.</summary>
public enum RefusalReason
{
    /// <summary>The archive cannot be read, or its files do not match its manifest (tampering or corruption).</summary>
    Integrity,

    /// <summary>No signature, an invalid signature, or a signature by an untrusted key.</summary>
    Signature,

    /// <summary>The package's <c>model.yaml</c> has errors, or the package cannot be compiled.</summary>
    InvalidModel,

    /// <summary>The package's <c>engine:</c> range does not contain this engine's version.</summary>
    IncompatibleEngine,

    /// <summary>The registry already serves this id and version with a different content hash.</summary>
    VersionConflict,
}

/// <summary>A package version the registry refused; the versions already in service stay in service.</summary>
/// <param name="Source">The archive path, feed URL or package folder.</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="Details">Every problem found, in plain language (never case data).</param>
public sealed record PackageRefusal(string Source, RefusalReason Reason, IReadOnlyList<string> Details)
{
    /// <summary>The reason as a metric tag and log field: <c>integrity</c>, <c>signature</c>, <c>invalid-model</c>, <c>incompatible-engine</c>, <c>version-conflict</c>.</summary>
    public string ReasonName => Reason switch
    {
        RefusalReason.InvalidModel => "invalid-model",
        RefusalReason.IncompatibleEngine => "incompatible-engine",
        RefusalReason.VersionConflict => "version-conflict",
        _ => Reason.ToString().ToLowerInvariant(),
    };

    /// <summary>Formats as <c>source: reason: first detail; …</c>.</summary>
    public override string ToString() => $"{Source}: {ReasonName}: {string.Join("; ", Details)}";
}
