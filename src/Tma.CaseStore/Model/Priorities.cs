namespace Tma.CaseStore;

/// <summary>
/// The priority of one case for the case list (what <see cref="CaseStore.GetCasePrioritiesAsync"/> returns): the final
/// level of the latest decision in effect, else the latest champion assessment's level and conclusion. Advisory for a
/// model's level; a professional's decision when <see cref="Source"/> is <c>decision</c>.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Source">
/// Where <paramref name="Level"/> comes from: <c>decision</c> (the latest decision in effect), <c>model</c> (the latest
/// champion assessment; no decision in effect), <c>none</c> (neither exists yet) or <c>unavailable</c> (the case was
/// shredded or its key cannot be unwrapped; nothing else is given).
/// </param>
/// <param name="Level">The level id; null for <c>none</c>, <c>unavailable</c> and an unassessable model conclusion.</param>
/// <param name="Conclusion">For <c>model</c>: <c>level</c>, <c>lowerBound</c> (the level is a minimum) or <c>unassessable</c>; otherwise null.</param>
/// <param name="PackageId">The model package of the latest champion assessment, when there is one (to label the level).</param>
/// <param name="PackageVersion">Its version.</param>
/// <param name="PendingOverride">Whether an override of the case waits for a second case manager's confirmation.</param>
public sealed record CasePriority(
    Guid CaseId,
    string Source,
    string? Level,
    string? Conclusion,
    string? PackageId,
    string? PackageVersion,
    bool PendingOverride);
