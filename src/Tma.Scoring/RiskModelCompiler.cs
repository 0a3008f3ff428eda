using Tma.Models.Definitions;
using Tma.Models.Packages;
using Tma.Scoring.Assessments;
using Tma.Scoring.Rules;

namespace Tma.Scoring;

/// <summary>Compiles validated model packages into <see cref="IRiskModel"/>s.</summary>
public static class RiskModelCompiler
{
    /// <summary>Compiles a loaded package.</summary>
    /// <param name="package">A package from <see cref="ModelPackage.Load"/>.</param>
    /// <param name="time">Clock for <see cref="Assessment.AssessedAt"/>; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="NotSupportedException">The package's kind cannot be compiled by this engine version.</exception>
    public static IRiskModel Compile(ModelPackage package, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        return Compile(package.Definition, package.ContentHash, time);
    }

    /// <summary>Compiles a definition that did not come from a package folder (tests, generated models, hosts that
    /// keep definitions elsewhere). <paramref name="contentHash"/> is recorded as the assessments' provenance.</summary>
    public static IRiskModel Compile(ModelDefinition definition, string contentHash, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var reference = new ModelReference(definition.Id, definition.Version.ToString(), contentHash, KindName(definition.Kind), definition.Title);
        return definition.Kind switch
        {
            ModelKind.Rules => new RuleRiskModel(definition, reference, time ?? TimeProvider.System),
            _ => throw new NotSupportedException($"Model kind {definition.Kind} is not supported by this engine version."),
        };
    }

    /// <summary>Loads and compiles the package at <paramref name="path"/> (folder or <c>model.yaml</c>).</summary>
    /// <exception cref="Tma.Models.Diagnostics.ModelLoadException">The package has errors; the exception lists all of them.</exception>
    public static IRiskModel Load(string path, TimeProvider? time = null) =>
        Compile(ModelPackage.Load(path).GetValueOrThrow(), time);

    internal static string KindName(ModelKind kind) => kind.ToString().ToLowerInvariant();
}
