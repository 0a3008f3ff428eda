using Tma.Scoring;

namespace Tma.Host;

/// <summary>The model packages the host can run, resolved by <c>id@range</c>.</summary>
public interface IModelCatalog
{
    /// <summary>Every package version in service.</summary>
    IReadOnlyList<LoadedPackage> Packages { get; }

    /// <summary>Resolves <c>id</c> (newest version) or <c>id@range</c> (npm-style range, e.g. <c>^1.2</c>) to a compiled model.</summary>
    /// <exception cref="ModelNotAvailableException">No package in service matches.</exception>
    IRiskModel Resolve(string reference);
}

/// <summary>A package version in service.</summary>
/// <param name="Id">Package id.</param>
/// <param name="Version">Version.</param>
/// <param name="ContentHash">Content hash.</param>
/// <param name="Source">Where it was loaded from (archive or folder name).</param>
/// <param name="SignedBy">Key id of the trusted key that signed it; null for unsigned development packages.</param>
public sealed record LoadedPackage(string Id, string Version, string ContentHash, string Source, string? SignedBy);

/// <summary>No package in service matches a reference.</summary>
public sealed class ModelNotAvailableException(string message) : Exception(message);
