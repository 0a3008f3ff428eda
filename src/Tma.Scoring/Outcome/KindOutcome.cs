using Tma.Scoring.Assessments;

namespace Tma.Scoring.Outcome;

/// <summary>
/// What one kind computed for a case beyond the conclusion every kind shares; <see cref="ConclusionBuilder.Compose"/>
/// turns it and the <see cref="ConclusionParts"/> into the assessment, so every kind fills the shared fields alike.
/// </summary>
/// <param name="Score">The kind's score (points, probability, or the composite's blend or level).</param>
/// <param name="Actions">The action plan, already merged with the information-gathering steps and ordered.</param>
/// <param name="Missing">The missing-data verdict with the open key items named.</param>
/// <param name="Engine">The evaluation path.</param>
internal readonly record struct KindOutcome(double Score, IReadOnlyList<RecommendedAction> Actions, MissingInformation Missing, string Engine)
{
    public double? Probability { get; init; }

    public IReadOnlyList<SubScore>? SubScores { get; init; }

    public IReadOnlyList<FiredIndicator>? Indicators { get; init; }

    public IReadOnlyList<AppliedOverride>? Overrides { get; init; }

    public IReadOnlyList<RankedReason>? ReasonCodes { get; init; }

    public IReadOnlyList<FeatureContribution>? Contributions { get; init; }

    public IReadOnlyList<ComponentResult>? Components { get; init; }

    public CombinationTrace? Combination { get; init; }

    public string? Norm { get; init; }
}
