namespace Tma.Scoring;

/// <summary>
/// A model package declares an <c>engine:</c> range that does not contain this engine's version. The message names
/// the package, its range and the engine version, and says what to do.
/// </summary>
public sealed class IncompatibleEngineException : NotSupportedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="packageId">The package id.</param>
    /// <param name="packageVersion">The package version.</param>
    /// <param name="engineRange">The engine range the package declares.</param>
    /// <param name="engineVersion">This engine's version.</param>
    public IncompatibleEngineException(string packageId, string packageVersion, string engineRange, string engineVersion)
        : base($"Model package {packageId} {packageVersion} needs engine {engineRange}, but this is engine {engineVersion}. Use an engine version inside that range, or a package version made for this engine.")
    {
        PackageId = packageId;
        PackageVersion = packageVersion;
        EngineRange = engineRange;
        EngineVersion = engineVersion;
    }

    /// <summary>The package id.</summary>
    public string PackageId { get; }

    /// <summary>The package version.</summary>
    public string PackageVersion { get; }

    /// <summary>The engine range the package declares (as written in <c>model.yaml</c>).</summary>
    public string EngineRange { get; }

    /// <summary>This engine's version.</summary>
    public string EngineVersion { get; }
}
