using System.Diagnostics;
using Tma.Models.Packaging;

namespace Tma.Scoring.Hosting;

/// <summary>Turns a candidate into a compiled model or a refusal: verify, extract into the private cache, load, check the engine, compile.</summary>
internal sealed class PackageLoader
{
    private readonly IReadOnlyCollection<TrustedKey> _keys;
    private readonly bool _allowUnsigned;
    private readonly string _cacheDirectory;
    private readonly TimeProvider _time;
    private readonly RiskModelOptions _compile;
    private int _extractions;

    public PackageLoader(IReadOnlyCollection<TrustedKey> keys, bool allowUnsigned, string cacheDirectory, TimeProvider time, IReadOnlyList<Kinds.IModelKind> kinds)
    {
        _compile = new RiskModelOptions { Kinds = kinds };
        _keys = keys;
        _allowUnsigned = allowUnsigned;
        _cacheDirectory = cacheDirectory;
        _time = time;
    }

    /// <param name="candidate">What is being loaded.</param>
    /// <param name="input">Its bytes or folder.</param>
    /// <param name="conflict">Returns the content hash already in service under an id and version from another source (or from this source's previous content), or null.</param>
    public LoadOutcome Load(PackageCandidate candidate, LoadInput input, Func<string, string, string?> conflict)
    {
        if (input.Problem is not null)
        {
            return Refuse(candidate, RefusalReason.Integrity, [input.Problem]);
        }

        return input.Folder is not null ? LoadFolder(candidate, input.Folder, conflict) : LoadArchive(candidate, input, conflict);
    }

    private LoadOutcome LoadArchive(PackageCandidate candidate, LoadInput input, Func<string, string, string?> conflict)
    {
        var archive = PackageArchive.FromBytes(input.Archive!, candidate.Key);
        var signatureName = Path.GetFileName(candidate.Key) + ".sig";
        var verification = PackageVerifier.Verify(archive, input.Signature, signatureName, _keys, _allowUnsigned);
        if (!verification.IsValid)
        {
            var reason = verification.Problems.All(p => p.Check == VerificationCheck.Signature) ? RefusalReason.Signature
                : verification.Problems.All(p => p.Check == VerificationCheck.Identity) ? RefusalReason.InvalidModel
                : RefusalReason.Integrity;
            return Refuse(candidate, reason, [.. verification.Problems.Select(p => p.ToString())]);
        }

        var manifest = verification.Manifest!;
        if (conflict(manifest.Id, manifest.Version) is { } existing && existing != manifest.ContentHash)
        {
            return Refuse(candidate, RefusalReason.VersionConflict, [VersionConflictMessage(manifest.Id, manifest.Version, existing, manifest.ContentHash)]);
        }

        var directory = Extract(archive, manifest);
        var loaded = ModelPackage.Load(directory);
        if (loaded.Value is not { } package)
        {
            TryDelete(directory);
            return Refuse(candidate, RefusalReason.InvalidModel, [.. loaded.Diagnostics.Where(d => d.Severity == Tma.Models.Diagnostics.Severity.Error).Select(d => d.ToString())]);
        }

        if (package.ContentHash != manifest.ContentHash)
        {
            TryDelete(directory);
            return Refuse(candidate, RefusalReason.Integrity, [$"the extracted files hash to {package.ContentHash}, not to the manifest's {manifest.ContentHash}"]);
        }

        try
        {
            return Compile(candidate, package, verification.SignedBy, verification.UnsignedAccepted);
        }
        finally
        {
            // Compiled models never read their files again: the extracted copy is only needed while compiling.
            TryDelete(directory);
        }
    }

    private LoadOutcome LoadFolder(PackageCandidate candidate, string folder, Func<string, string, string?> conflict)
    {
        var loaded = ModelPackage.Load(folder);
        if (loaded.Value is not { } package)
        {
            return Refuse(candidate, RefusalReason.InvalidModel, [.. loaded.Diagnostics.Where(d => d.Severity == Tma.Models.Diagnostics.Severity.Error).Select(d => d.ToString())]);
        }

        var version = package.Definition.Version.ToString();
        if (conflict(package.Definition.Id, version) is { } existing && existing != package.ContentHash)
        {
            return Refuse(candidate, RefusalReason.VersionConflict, [VersionConflictMessage(package.Definition.Id, version, existing, package.ContentHash)]);
        }

        return Compile(candidate, package, signedBy: null, acceptedUnsigned: true);
    }

    private LoadOutcome Compile(PackageCandidate candidate, ModelPackage package, string? signedBy, bool acceptedUnsigned)
    {
        var definition = package.Definition;
        if (!EngineInfo.IsCompatible(definition))
        {
            return Refuse(candidate, RefusalReason.IncompatibleEngine,
                [$"{definition.Id} {definition.Version} needs engine {definition.EngineRangeText}, but this is engine {EngineInfo.Version}"]);
        }

        IRiskModel model;
        try
        {
            model = RiskModelCompiler.Compile(package, _time, _compile);
        }
        catch (NotSupportedException ex)
        {
            return Refuse(candidate, RefusalReason.InvalidModel, [ex.Message]);
        }
        catch (Tma.Models.Diagnostics.ModelLoadException ex)
        {
            // A classifier whose model file does not match, or a composite whose components cannot be resolved: the
            // package is refused like any invalid model, so one broken package never aborts the rescan of the others.
            return Refuse(candidate, RefusalReason.InvalidModel, ex.Diagnostics.Count > 0 ? [.. ex.Diagnostics.Select(d => d.ToString())] : [ex.Message]);
        }

        var info = new RegisteredModel(definition.Id, definition.Version, package.ContentHash, candidate.Key, signedBy);
        return new LoadOutcome(new RegistryEntry(info, new InstrumentedRiskModel(model, _time)), null, acceptedUnsigned);
    }

    private string Extract(PackageArchive archive, PackageManifest manifest)
    {
        var name = $"{manifest.Id}-{manifest.Version}-{manifest.ContentHash.Replace("sha256:", "", StringComparison.Ordinal)[..16]}-{Interlocked.Increment(ref _extractions)}";
        var target = Path.Combine(_cacheDirectory, name);
        TryDelete(target);
        try
        {
            archive.ExtractTo(target);
        }
        catch
        {
            TryDelete(target);
            throw;
        }

        return target;
    }

    internal static void TryDelete(string? directory)
    {
        if (directory is null || !Directory.Exists(directory))
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The cache is private; a folder left behind is harmless and removed with the cache.
        }
    }

    private static string VersionConflictMessage(string id, string version, string existing, string incoming) =>
        $"{id} {version} is already in service with content {existing}; this copy has {incoming}. A changed package needs a new version";

    private static LoadOutcome Refuse(PackageCandidate candidate, RefusalReason reason, IReadOnlyList<string> details)
    {
        Activity.Current?.SetStatus(ActivityStatusCode.Error, reason.ToString());
        return new LoadOutcome(null, new PackageRefusal(candidate.Key, reason, details), false);
    }
}
