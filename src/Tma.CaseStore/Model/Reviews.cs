namespace Tma.CaseStore;

/// <summary>Who scheduled a case's next review.</summary>
public enum ReviewSource
{
    /// <summary>A case manager of the team set the date; a model's suggestion never replaces it.</summary>
    Team = 1,

    /// <summary>
    /// The default that followed the latest champion assessment: the date the first fact it rests on leaves its
    /// input's validity window (<c>valid_for</c> in the model). Replaced by the next assessment's suggestion.
    /// </summary>
    Model = 2,
}

/// <summary>A case's scheduled review (re-assessment).</summary>
/// <param name="DueAt">When the case is due for review.</param>
/// <param name="Reason">Why, as the team wrote it (decrypted; null when none was given or the model set the date).</param>
/// <param name="Source">Whether the team or the model's validity windows set the date.</param>
/// <param name="SetBy">Who set it (for <see cref="ReviewSource.Model"/>: who stored the assessment).</param>
/// <param name="SetAt">When it was set (the store's clock).</param>
public sealed record CaseReview(DateTimeOffset DueAt, string? Reason, ReviewSource Source, string SetBy, DateTimeOffset SetAt);

/// <summary>One case whose review is due (what <see cref="CaseStore.GetDueReviewsAsync"/> lists; no content).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Status">Where the case is in the process.</param>
/// <param name="DueAt">When its review was due.</param>
/// <param name="OverdueDays">Whole days from <paramref name="DueAt"/> to now (the store's clock), 0 when not yet past.</param>
/// <param name="Source">Whether the team or the model set the date.</param>
/// <param name="OwnerId">The responsible case manager.</param>
public sealed record DueReview(Guid CaseId, CaseStatus Status, DateTimeOffset DueAt, int OverdueDays, ReviewSource Source, string OwnerId);
