namespace Tma.CaseStore;

/// <summary>What is needed to open a case.</summary>
/// <param name="SubjectReference">A pseudonymous reference to the person concerned (for example a personnel-file key the host resolves); encrypted at rest.</param>
/// <param name="Category">The kind of case.</param>
/// <param name="RetainUntil">When the case must be erased (crypto-shredded) at the latest.</param>
/// <param name="OwnerId">The responsible case manager's user id; the caller when <see langword="null"/>.</param>
public sealed record NewCase(string SubjectReference, CaseCategory Category, DateTimeOffset RetainUntil, string? OwnerId = null);

/// <summary>A member of a case.</summary>
/// <param name="UserId">The member's user id.</param>
/// <param name="Role">Their part in the case.</param>
/// <param name="AddedAt">When they were added.</param>
public sealed record CaseMember(string UserId, CaseMemberRole Role, DateTimeOffset AddedAt);

/// <summary>A case's metadata, without content (what <see cref="CaseStore.ListCasesAsync"/> returns).</summary>
/// <param name="Id">The case id.</param>
/// <param name="Category">The kind of case.</param>
/// <param name="Status">Where it is in the workflow.</param>
/// <param name="OwnerId">The responsible case manager.</param>
/// <param name="RetainUntil">The retention date.</param>
/// <param name="CreatedAt">When it was opened.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Version">The optimistic-concurrency version; pass it back to writes that take an expected version.</param>
/// <param name="IsShredded">Whether its content has been crypto-shredded.</param>
public sealed record CaseSummary(
    Guid Id,
    CaseCategory Category,
    CaseStatus Status,
    string OwnerId,
    DateTimeOffset RetainUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    bool IsShredded)
{
    /// <summary>When the case is next due for review (re-assessment); null when none is scheduled. See <see cref="CaseStore.SetReviewAsync"/>.</summary>
    public DateTimeOffset? NextReviewAt { get; init; }
}

/// <summary>A case with its decrypted subject reference and its members.</summary>
/// <param name="Summary">The metadata.</param>
/// <param name="SubjectReference">The pseudonymous subject reference (decrypted).</param>
/// <param name="Members">The members and their roles.</param>
public sealed record CaseRecord(CaseSummary Summary, string SubjectReference, IReadOnlyList<CaseMember> Members)
{
    /// <summary>The case id.</summary>
    public Guid Id => Summary.Id;

    /// <summary>The optimistic-concurrency version.</summary>
    public long Version => Summary.Version;

    /// <summary>The scheduled review with its (decrypted) reason; null when none is scheduled.</summary>
    public CaseReview? Review { get; init; }
}
