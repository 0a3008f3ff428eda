using Semver;
using Tma.Models.Packages;
using Tma.Scoring;

namespace Tma.Host;

/// <summary>
/// Loads every package folder under the models directory once at start-up and compiles it. Packages with errors are
/// refused and logged (by id and error count only). Resolution picks the newest version matching an npm-style range.
/// </summary>
internal sealed class FolderModelCatalog : IModelCatalog
{
    private readonly List<(LoadedPackage Info, SemVersion Version, IRiskModel Model)> _models = [];

    public FolderModelCatalog(string directory, TimeProvider time, ILogger<FolderModelCatalog> logger)
    {
        foreach (var folder in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(folder, ModelPackage.ModelFileName)))
            {
                continue;
            }

            var loaded = ModelPackage.Load(folder);
            if (loaded.Value is not { } package)
            {
                logger.LogWarning("Refused model package folder {Folder}: {Errors} error(s)", Path.GetFileName(folder), loaded.Diagnostics.Count);
                continue;
            }

            try
            {
                var model = RiskModelCompiler.Compile(package, time);
                var r = model.Reference;
                _models.Add((new LoadedPackage(r.Id, r.Version, r.ContentHash, r.Kind, r.Title), package.Definition.Version, model));
                logger.LogInformation("Loaded model package {Id} {Version}", r.Id, r.Version);
            }
            catch (NotSupportedException)
            {
                logger.LogWarning("Model package {Id} has a kind this host cannot run", package.Definition.Id);
            }
        }

        Packages = [.. _models.Select(m => m.Info).OrderBy(p => p.Id, StringComparer.Ordinal).ThenBy(p => p.Version, StringComparer.Ordinal)];
    }

    public IReadOnlyList<LoadedPackage> Packages { get; }

    public IRiskModel Resolve(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var id = at < 0 ? reference : reference[..at];
        SemVersionRange? range = null;
        if (at >= 0 && !SemVersionRange.TryParseNpm(reference[(at + 1)..], out range))
        {
            throw new ModelNotAvailableException($"`{reference[(at + 1)..]}` is not a version range (e.g. `^1.2` or `1.0.0`).");
        }

        var match = _models
            .Where(m => m.Info.Id == id && (range is null || range.Contains(m.Version)))
            .OrderByDescending(m => m.Version, SemVersion.PrecedenceComparer)
            .FirstOrDefault();
        return match.Model ?? throw new ModelNotAvailableException($"No loaded model package matches `{reference}`.");
    }
}
