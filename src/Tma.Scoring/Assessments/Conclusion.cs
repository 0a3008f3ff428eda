namespace Tma.Scoring.Assessments;

/// <summary>
/// What an assessment can say about the case, given what is unknown. Read it before the level: only
/// <see cref="Level"/> is a complete assessment.
/// </summary>
public enum Conclusion
{
    /// <summary>The level is supported: every key item is known and the rest of the missing data is within the model's policy (or cannot change the level).</summary>
    Level,

    /// <summary>The known facts already establish at least <see cref="Assessment.Level"/>; the missing facts could only raise it (up to <see cref="LevelRange.Highest"/>).</summary>
    LowerBound,

    /// <summary>The known facts do not support any conclusion: <see cref="Assessment.Level"/> is null and the actions say which facts to gather first.</summary>
    Unassessable,
}

/// <summary>The lowest and highest level the case could reach once its unknown and contested items are answered.</summary>
/// <param name="Lowest">Id of the lowest reachable level.</param>
/// <param name="Highest">Id of the highest reachable level.</param>
/// <param name="LowestScore">The lowest reachable score (sum, weighted and count policies); null otherwise.</param>
/// <param name="HighestScore">The highest reachable score; null when <paramref name="LowestScore"/> is.</param>
public sealed record LevelRange(string Lowest, string Highest, double? LowestScore = null, double? HighestScore = null);

/// <summary>An input that sources report differently within the model's conflict window.</summary>
/// <param name="Input">Input id.</param>
/// <param name="Label">Input label, in the assessment's language.</param>
/// <param name="Reports">The latest report of each disagreeing source, oldest first.</param>
/// <param name="Used">The value scoring used until the contradiction is resolved (the more concerning one), or null when it counts as unknown.</param>
public sealed record Contradiction(string Input, string Label, IReadOnlyList<Tma.Models.Cases.ReportedValue> Reports, string? Used);

/// <summary>An input whose last observation is older than its validity window: history, no longer a current fact.</summary>
/// <param name="Input">Input id.</param>
/// <param name="Label">Input label, in the assessment's language.</param>
/// <param name="Report">The old report.</param>
/// <param name="ValidFor">The input's validity window (ISO 8601, e.g. <c>P3M</c>).</param>
public sealed record StaleFact(string Input, string Label, Tma.Models.Cases.ReportedValue Report, string ValidFor);

/// <summary>
/// How the model's result bears on the assessor's structured professional judgement: the summary rating the model's
/// level supports. The assessor's own rating is recorded with the decision, never taken from here.
/// </summary>
/// <param name="Field">The summary field id (e.g. <c>concern</c>).</param>
/// <param name="FieldLabel">Its label.</param>
/// <param name="Rating">The rating the level supports, or null when the assessment is unassessable.</param>
/// <param name="RatingLabel">Its label.</param>
/// <param name="AtLeast">True when the support is a lower bound (the assessment's conclusion is a lower bound).</param>
/// <param name="Statement">One sentence in the assessment's language.</param>
public sealed record JudgementSupport(string Field, string FieldLabel, string? Rating, string? RatingLabel, bool AtLeast, string Statement);
