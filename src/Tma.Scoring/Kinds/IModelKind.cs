using Tma.Models.Definitions;
using Tma.Scoring.Assessments;

namespace Tma.Scoring.Kinds;

/// <summary>
/// A model kind that a separate package teaches the engine to compile, so that the rules runtime stays free of its
/// dependencies: <c>Tma.Scoring.Classifiers</c> adds ML.NET classifiers. Rules models and composites are built in.
/// Register kinds with <see cref="RiskModelOptions.Kinds"/> (or the registry's options).
/// </summary>
public interface IModelKind
{
    /// <summary>The kind this compiles.</summary>
    ModelKind Kind { get; }

    /// <summary>Compiles a validated definition of <see cref="Kind"/>.</summary>
    /// <param name="context">The definition (already in the requested language), its reference and folder, and the clock.</param>
    /// <returns>The compiled model.</returns>
    /// <exception cref="Tma.Models.Diagnostics.ModelLoadException">The package's files do not fit its definition (e.g. a model file that was replaced).</exception>
    IRiskModel Compile(ModelKindContext context);
}

/// <summary>What a <see cref="IModelKind"/> compiles.</summary>
/// <param name="Definition">The validated definition, in the requested language.</param>
/// <param name="Reference">Identity and content hash, as assessments carry them.</param>
/// <param name="Directory">The package folder (model files are read from it).</param>
/// <param name="Time">The clock assessments are stamped with.</param>
public sealed record ModelKindContext(ModelDefinition Definition, ModelReference Reference, string Directory, TimeProvider Time);
