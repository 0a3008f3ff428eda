namespace Tma.CaseStore;

/// <summary>
/// An assessment made by a model package, to be stored immutably. The two JSON documents are opaque to the store
/// (only checked to be well-formed) and encrypted.
/// </summary>
/// <param name="PackageId">The model package id.</param>
/// <param name="PackageVersion">The package's semantic version.</param>
/// <param name="PackageHash">The package's content hash.</param>
/// <param name="Level">The level the model produced (for example <c>manage</c>); encrypted.</param>
/// <param name="Score">The score, if the model has one; encrypted.</param>
/// <param name="IsChallenger">Whether a challenger model made it (shadow mode) rather than the champion.</param>
/// <param name="InputsJson">The exact inputs the model saw, as JSON.</param>
/// <param name="AssessmentJson">The full assessment, as JSON.</param>
/// <param name="AssessedAt">When the model made it.</param>
/// <param name="AsOf">The date the case's facts were taken as of; null means <paramref name="AssessedAt"/>.</param>
public sealed record NewAssessment(
    string PackageId,
    string PackageVersion,
    string PackageHash,
    string Level,
    double? Score,
    bool IsChallenger,
    string InputsJson,
    string AssessmentJson,
    DateTimeOffset AssessedAt,
    DateTimeOffset? AsOf = null)
{
    /// <summary>
    /// When the model's validity windows suggest the case be reviewed: the first date a report the assessment could
    /// use leaves its input's <c>valid_for</c> (the host computes it from the model and the observations). A champion assessment that carries one sets the case's next review unless
    /// the team has set one (<see cref="ReviewSource"/>). Not stored with the assessment; null when the model suggests none.
    /// </summary>
    public DateTimeOffset? ReviewBy { get; init; }
}

/// <summary>A stored assessment.</summary>
/// <param name="Id">The assessment id.</param>
/// <param name="CaseId">The case.</param>
/// <param name="Assessment">What was stored.</param>
/// <param name="EnteredAt">When it was stored (the store's clock).</param>
/// <param name="EnteredBy">Who stored it.</param>
public sealed record AssessmentRecord(Guid Id, Guid CaseId, NewAssessment Assessment, DateTimeOffset EnteredAt, string EnteredBy);

/// <summary>One point of a risk curve.</summary>
/// <param name="AssessmentId">The assessment it comes from.</param>
/// <param name="AssessedAt">When the model made it.</param>
/// <param name="Level">The level.</param>
/// <param name="Score">The score, if any.</param>
/// <param name="PackageId">The model package id.</param>
/// <param name="PackageVersion">The package version.</param>
/// <param name="IsChallenger">Whether a challenger model made it.</param>
/// <param name="AsOf">The date the case was assessed as of (the curve's time axis).</param>
public sealed record RiskPoint(
    Guid AssessmentId,
    DateTimeOffset AssessedAt,
    string Level,
    double? Score,
    string PackageId,
    string PackageVersion,
    bool IsChallenger,
    DateTimeOffset AsOf);

/// <summary>The assessments of a case over time, oldest first, so a case manager sees whether it is escalating.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Points">The points in order of <see cref="RiskPoint.AsOf"/>, then <see cref="RiskPoint.AssessedAt"/>.</param>
public sealed record RiskCurve(Guid CaseId, IReadOnlyList<RiskPoint> Points);
