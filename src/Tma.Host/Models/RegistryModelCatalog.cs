using Tma.Scoring;
using Tma.Scoring.Hosting;

namespace Tma.Host;

/// <summary>
/// The host's models come from the engine's <see cref="ModelRegistry"/>: signed archives (or, in development mode,
/// package folders) in the models folder, verified against the trusted keys, hot-reloaded when a new version is
/// dropped in, with a broken or unsigned new version refused while the previous one stays in service.
/// </summary>
internal sealed class RegistryModelCatalog(ModelRegistry registry) : IModelCatalog
{
    public IReadOnlyList<LoadedPackage> Packages =>
        [.. registry.Models.Select(m => new LoadedPackage(m.Id, m.Version.ToString(), m.ContentHash, Path.GetFileName(m.Source), m.SignedBy))];

    public IRiskModel Resolve(string reference)
    {
        try
        {
            return registry.Resolve(reference);
        }
        catch (ModelNotFoundException ex)
        {
            throw new ModelNotAvailableException(ex.Message);
        }
        catch (ArgumentException ex)
        {
            throw new ModelNotAvailableException($"`{reference}` is not a model reference (`id` or `id@range`, e.g. `workplace-violence-screening@^1.0`): {ex.Message}");
        }
    }
}
