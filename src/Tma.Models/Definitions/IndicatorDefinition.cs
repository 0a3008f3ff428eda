using Tma.Models.Diagnostics;

namespace Tma.Models.Definitions;

/// <summary>One indicator: a condition over the inputs and what it contributes when it is true.</summary>
public sealed record IndicatorDefinition
{
    /// <summary>Identifier, unique within the model.</summary>
    public required string Id { get; init; }

    /// <summary>Short label.</summary>
    public required string Label { get; init; }

    /// <summary>The condition as written.</summary>
    public required string When { get; init; }

    /// <summary>The checked condition.</summary>
    public required BoundExpression Condition { get; init; }

    /// <summary>Constant points (used when <see cref="PointsExpression"/> is null).</summary>
    public double Points { get; init; }

    /// <summary>Points computed from the inputs (e.g. an item's frequency score), or null for constant points.</summary>
    public BoundExpression? PointsExpression { get; init; }

    /// <summary>The points expression as written, if any.</summary>
    public string? PointsText { get; init; }

    /// <summary>Weight for the weighted policy (default 1).</summary>
    public double Weight { get; init; } = 1;

    /// <summary>Domain (sub-score) the indicator belongs to, if any.</summary>
    public string? Domain { get; init; }

    /// <summary>Why the indicator matters, shown in the assessment.</summary>
    public required string Reason { get; init; }

    /// <summary>Stable reason code (PMML-scorecard style); defaults to the id.</summary>
    public required string ReasonCode { get; init; }

    /// <summary>Output level this indicator stands for (highest-level policy).</summary>
    public string? Level { get; init; }

    /// <summary>Critical-item override: the result is at least this level when the indicator fires.</summary>
    public string? MinimumLevel { get; init; }

    /// <summary>Actions recommended when the indicator fires.</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];

    /// <summary>Where the indicator is declared.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>True when the condition uses helpers over dated observations.</summary>
    public bool IsTemporal => Condition.DescendantsAndSelf().Any(n => n is BoundTemporal);
}
