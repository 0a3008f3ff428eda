using System.Reflection;
using Semver;
using Tma.Models.Definitions;

namespace Tma.Scoring;

/// <summary>The version of this engine, against which packages' <c>engine:</c> ranges are checked.</summary>
public static class EngineInfo
{
    /// <summary>
    /// The engine version: the informational version of the <c>Tma.Scoring</c> assembly (the package version, e.g.
    /// <c>0.1.0</c>; build metadata such as a commit id may follow a <c>+</c>).
    /// </summary>
    public static SemVersion Version { get; } = ReadVersion();

    /// <summary>True when the package declares no engine range or the range contains <see cref="Version"/>.</summary>
    public static bool IsCompatible(ModelDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.EngineRange is null || definition.EngineRange.Contains(Version);
    }

    /// <summary>Throws when the package needs another engine version.</summary>
    /// <exception cref="IncompatibleEngineException">The package's engine range does not contain <see cref="Version"/>.</exception>
    public static void EnsureCompatible(ModelDefinition definition)
    {
        if (!IsCompatible(definition))
        {
            throw new IncompatibleEngineException(definition.Id, definition.Version.ToString(), definition.EngineRangeText ?? definition.EngineRange!.ToString(), Version.ToString());
        }
    }

    private static SemVersion ReadVersion()
    {
        var assembly = typeof(EngineInfo).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (informational is not null && SemVersion.TryParse(informational, SemVersionStyles.Strict, out var version))
        {
            return version;
        }

        var fallback = assembly.GetName().Version ?? new Version(0, 0, 0);
        return new SemVersion(fallback.Major, fallback.Minor, Math.Max(0, fallback.Build));
    }
}
