using Tma.Models.Cases;

namespace Tma.CaseStore;

/// <summary>A dated fact about the case, as entered by a rater.</summary>
/// <param name="InputId">The model input it is a value for (for example <c>fixation</c>).</param>
/// <param name="Value">The value, in the input's scale (for example <c>present</c>, <c>3</c>, <c>unknown</c>).</param>
/// <param name="ObservedAt">When the fact was observed (not when it was entered).</param>
/// <param name="Source">Where it comes from (free text, encrypted; dropped from exports).</param>
/// <param name="Supersedes">The observation this one corrects, if it is a correction.</param>
/// <param name="Reliability">How directly the source knows it, if stated; shown beside the fact in every explanation.</param>
public sealed record NewObservation(string InputId, string Value, DateTimeOffset ObservedAt, string Source, Guid? Supersedes = null, SourceReliability? Reliability = null);

/// <summary>A stored observation (append-only: never changed, only superseded by a correction).</summary>
/// <param name="Id">The observation id.</param>
/// <param name="CaseId">The case.</param>
/// <param name="InputId">The model input.</param>
/// <param name="Value">The value.</param>
/// <param name="ObservedAt">When it was observed.</param>
/// <param name="EnteredAt">When it was entered (the store's clock).</param>
/// <param name="RaterId">Who entered it.</param>
/// <param name="Source">Where it comes from.</param>
/// <param name="Supersedes">The observation it corrects, if any.</param>
/// <param name="SupersededBy">The correction that replaced it, if any.</param>
/// <param name="Reliability">How directly the source knows it (documented, first-hand, second-hand, hearsay), if stated.</param>
public sealed record ObservationRecord(
    Guid Id,
    Guid CaseId,
    string InputId,
    string Value,
    DateTimeOffset ObservedAt,
    DateTimeOffset EnteredAt,
    string RaterId,
    string Source,
    Guid? Supersedes,
    Guid? SupersededBy,
    SourceReliability? Reliability = null);
