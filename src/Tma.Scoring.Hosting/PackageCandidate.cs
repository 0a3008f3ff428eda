namespace Tma.Scoring.Hosting;

/// <summary>Where a package version came from, for metrics and logs.</summary>
internal static class SourceKinds
{
    public const string Folder = "folder";
    public const string Feed = "feed";
    public const string Development = "development-folder";
}

/// <summary>
/// A package found by a scan: its source key (archive path, feed URL or folder), what kind of source it is, and a
/// fingerprint of its current content. Only a changed fingerprint makes the registry verify and compile it again.
/// </summary>
internal sealed record PackageCandidate(string Key, string Kind, string Fingerprint, Func<CancellationToken, Task<LoadInput>> Fetch);

/// <summary>What the loader needs: the archive and signature bytes, or (development) a package folder.</summary>
internal sealed record LoadInput(byte[]? Archive, byte[]? Signature, string? Folder, string? Problem = null);

/// <summary>The outcome of loading one candidate: an entry to put in service, or a refusal.</summary>
internal sealed record LoadOutcome(RegistryEntry? Entry, PackageRefusal? Refusal, bool AcceptedUnsigned);
