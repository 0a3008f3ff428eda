namespace Tma.Scoring.Hosting;

/// <summary>
/// Settings of a <see cref="ModelRegistry"/>: where packages come from, which keys are trusted, and how changes are
/// picked up. Validated once, all problems reported together (<see cref="ModelRegistryOptionsValidator"/>).
/// </summary>
public sealed class ModelRegistryOptions
{
    /// <summary>
    /// Folder with packed archives (<c>*.tmapkg</c>, each with its <c>.sig</c>), and — with <see cref="AllowUnsigned"/> —
    /// unpacked package folders. Null (the default) when only a feed is used. At least one of this and
    /// <see cref="FeedUri"/> is required.
    /// </summary>
    public string? PackageDirectory { get; set; }

    /// <summary>
    /// An HTTP(S) package feed: a folder of archives served over HTTP with an <c>index.json</c> (as <c>tma pack</c>
    /// writes it). The index is read at <c>&lt;FeedUri&gt;/index.json</c>. Null (the default) for none.
    /// </summary>
    public Uri? FeedUri { get; set; }

    /// <summary>Trusted public keys as PEM text (<c>-----BEGIN PUBLIC KEY-----</c>). Empty by default.</summary>
    public IList<string> TrustedPublicKeys { get; } = [];

    /// <summary>Paths of trusted public key files (<c>&lt;name&gt;.public.pem</c> from <c>tma keygen</c>). Empty by default.</summary>
    public IList<string> TrustedPublicKeyFiles { get; } = [];

    /// <summary>
    /// Development mode: accept archives without a signature file and load unpacked package folders found in
    /// <see cref="PackageDirectory"/>. Integrity checks (file hashes, manifest, identity, version rules) still apply,
    /// and an archive that has a signature file must still carry a valid signature by a trusted key. Never enable in
    /// production. Default false.
    /// </summary>
    public bool AllowUnsigned { get; set; }

    /// <summary>
    /// Private folder into which verified archives are extracted before they are loaded. Null (the default): a new
    /// folder under the system's temporary folder, readable by the current user only, deleted when the registry is
    /// disposed. Must not be inside <see cref="PackageDirectory"/>.
    /// </summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Watch <see cref="PackageDirectory"/> for changes with a <see cref="FileSystemWatcher"/>. Default true.</summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>
    /// Interval of the periodic rescan, the fallback for missed file-system events and the way feeds are polled.
    /// Default 1 minute; <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Model kinds added by other packages, e.g. <c>ClassifierKind.Instance</c> from <c>Tma.Scoring.Classifiers</c>.
    /// Rules models and composites are built in; a package of a kind not listed is refused (with the package to add).
    /// </summary>
    public IList<Kinds.IModelKind> Kinds { get; } = [];
}
