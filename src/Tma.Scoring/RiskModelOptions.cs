using Tma.Scoring.FastPath;

namespace Tma.Scoring;

/// <summary>How <see cref="RiskModelCompiler"/> compiles a model. Immutable; <see cref="Default"/> is what every overload without options uses.</summary>
public sealed record RiskModelOptions
{
    /// <summary>The defaults: <see cref="EvaluationPath.Auto"/>.</summary>
    public static RiskModelOptions Default { get; } = new();

    /// <summary>Which engine evaluates the conditions. Default <see cref="EvaluationPath.Auto"/>; force
    /// <see cref="EvaluationPath.NRules"/> to run the reference path (e.g. to cross-check a result).</summary>
    public EvaluationPath Path { get; init; } = EvaluationPath.Auto;

    /// <summary>
    /// The language of every text in the assessments (ISO 639-1, one of the model's <c>languages</c>); null (the
    /// default) for the model's primary language. Composites pass it on to their components.
    /// </summary>
    public string? Language { get; init; }

    /// <summary>
    /// Model kinds added by other packages (e.g. <c>Tma.Scoring.Classifiers</c>); rules and composites are built in.
    /// A package of a kind not listed is refused with a located error naming the package to add. Composites compile
    /// their components with the same kinds.
    /// </summary>
    public IReadOnlyList<Kinds.IModelKind> Kinds { get; init; } = [];
}
