using Semver;

namespace Tma.Scoring.Hosting;

/// <summary>A package version in service in a <see cref="ModelRegistry"/>.</summary>
/// <param name="Id">Package id.</param>
/// <param name="Version">Package version.</param>
/// <param name="ContentHash">Content hash (<c>sha256:…</c>), recorded in every assessment it makes.</param>
/// <param name="Source">Where it came from: an archive path, a feed URL, or (development) a package folder.</param>
/// <param name="SignedBy">Key id of the trusted key that signed it; null when it was accepted unsigned (development).</param>
public sealed record RegisteredModel(string Id, SemVersion Version, string ContentHash, string Source, string? SignedBy);
