using Tma.Models.Definitions;
using Tma.Scoring.Kinds;

namespace Tma.Scoring.Classifiers;

/// <summary>
/// Teaches the engine to compile ML.NET classifier packages (<c>kind: classifier</c>): the model file is checked
/// against its SHA-256 and the declared features, then scored through pooled prediction engines.
/// </summary>
public sealed class ClassifierKind : IModelKind
{
    private ClassifierKind()
    {
    }

    /// <summary>The one instance.</summary>
    public static ClassifierKind Instance { get; } = new();

    /// <inheritdoc/>
    public ModelKind Kind => ModelKind.Classifier;

    /// <inheritdoc/>
    public IRiskModel Compile(ModelKindContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ClassifierRiskModel.Load(context.Definition, context.Reference, context.Directory, context.Time);
    }
}

/// <summary>Adds the classifier kind to compile options.</summary>
public static class ClassifierOptionsExtensions
{
    /// <summary>The same options (or the defaults) with ML.NET classifiers among the model kinds.</summary>
    /// <param name="options">Options to extend; null for <see cref="RiskModelOptions.Default"/>.</param>
    /// <returns>Options that compile classifier packages, and composites with classifier components.</returns>
    public static RiskModelOptions WithClassifiers(this RiskModelOptions? options)
    {
        var current = options ?? RiskModelOptions.Default;
        return current.Kinds.Contains(ClassifierKind.Instance) ? current : current with { Kinds = [.. current.Kinds, ClassifierKind.Instance] };
    }
}
