
namespace Tma.Models.Definitions;

/// <summary>A domain sub-score.</summary>
/// <param name="Id">Domain id, referenced by indicators.</param>
/// <param name="Label">Label.</param>
/// <param name="Score">Optional expression for the sub-score; by default the aggregate of the domain's fired indicators.</param>
/// <param name="ScoreText">The expression as written.</param>
public sealed record DomainDefinition(string Id, string Label, BoundExpression? Score, string? ScoreText);

/// <summary>How a model turns fired indicators into a score and a level.</summary>
public sealed record ScoringDefinition
{
    /// <summary>The aggregation policy.</summary>
    public required AggregationPolicy Policy { get; init; }

    /// <summary>Optional expression that replaces the aggregated points as the score (e.g. the NAQ-R item sum).</summary>
    public BoundExpression? Score { get; init; }

    /// <summary>The score expression as written.</summary>
    public string? ScoreText { get; init; }

    /// <summary>Declared domains (sub-scores).</summary>
    public IReadOnlyList<DomainDefinition> Domains { get; init; } = [];

    /// <summary>Band sets; a model without norms has one set with id <c>default</c>. Empty for highest-level.</summary>
    public IReadOnlyList<NormSet> Norms { get; init; } = [];

    /// <summary>Id of the norm used when a case does not select one.</summary>
    public string? DefaultNorm { get; init; }

    /// <summary>How many ranked reason codes an assessment lists (default 5).</summary>
    public int MaxReasonCodes { get; init; } = 5;
}
