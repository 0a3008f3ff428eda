using Semver;

namespace Tma.Scoring.Hosting;

/// <summary>
/// An immutable view of the versions in service. A rescan builds a new snapshot and swaps it in atomically, so a
/// resolution sees either the old set or the new one, never a mixture.
/// </summary>
internal sealed class RegistrySnapshot
{
    private readonly Dictionary<string, RegistryEntry[]> _byId;

    public RegistrySnapshot(IEnumerable<RegistryEntry> entries)
    {
        _byId = entries
            .GroupBy(e => e.Info.Id, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.DistinctBy(e => e.Info.Version.ToString())
                      .OrderByDescending(e => e.Info.Version, SemVersion.SortOrderComparer)
                      .ToArray(),
                StringComparer.Ordinal);
        Models = [.. _byId.Keys.Order(StringComparer.Ordinal).SelectMany(id => _byId[id].Select(e => e.Info))];
    }

    public static RegistrySnapshot Empty { get; } = new([]);

    public IReadOnlyList<RegisteredModel> Models { get; }

    /// <summary>The newest version of the request's id inside its range, or null.</summary>
    public RegistryEntry? Resolve(ModelRequest request)
    {
        if (!_byId.TryGetValue(request.Id, out var versions))
        {
            return null;
        }

        foreach (var entry in versions)
        {
            if (request.Range.Contains(entry.Info.Version))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>The versions of an id in service, newest first.</summary>
    public IReadOnlyList<string> Versions(string id) =>
        _byId.TryGetValue(id, out var versions) ? [.. versions.Select(e => e.Info.Version.ToString())] : [];
}
