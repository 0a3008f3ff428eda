using Tma.Scoring;

namespace Tma.Host;

/// <summary>The model packages the host can run, resolved by <c>id@range</c>.</summary>
public interface IModelCatalog
{
    /// <summary>Every loaded package version.</summary>
    IReadOnlyList<LoadedPackage> Packages { get; }

    /// <summary>Resolves <c>id</c> (newest version) or <c>id@range</c> (npm-style range, e.g. <c>^1.2</c>) to a compiled model.</summary>
    /// <exception cref="ModelNotAvailableException">No loaded package matches.</exception>
    IRiskModel Resolve(string reference);
}

/// <summary>A loaded package version.</summary>
/// <param name="Id">Package id.</param>
/// <param name="Version">Version.</param>
/// <param name="ContentHash">Content hash.</param>
/// <param name="Kind">Kind.</param>
/// <param name="Title">Title.</param>
public sealed record LoadedPackage(string Id, string Version, string ContentHash, string Kind, string Title);

/// <summary>No loaded package matches a reference.</summary>
public sealed class ModelNotAvailableException(string message) : Exception(message);
