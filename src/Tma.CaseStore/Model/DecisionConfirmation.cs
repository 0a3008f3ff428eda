namespace Tma.CaseStore;

/// <summary>
/// Whether a decision is in effect. A decision that overrides the model (<see cref="ModelAgreement.Overrode"/>) waits
/// for a second case manager (four-eyes rule); every other decision takes effect when it is recorded.
/// </summary>
public enum DecisionStatus
{
    /// <summary>In effect since it was recorded (it followed the model, involved none, or was recorded before the four-eyes rule).</summary>
    Effective = 1,

    /// <summary>An override waiting for a second case manager; not in effect.</summary>
    Pending = 2,

    /// <summary>An override a second case manager confirmed; in effect since then.</summary>
    Confirmed = 3,

    /// <summary>An override a second case manager rejected; never in effect.</summary>
    Rejected = 4,
}

/// <summary>The second case manager's answer to an override.</summary>
/// <param name="Outcome"><see cref="DecisionStatus.Confirmed"/> or <see cref="DecisionStatus.Rejected"/>.</param>
/// <param name="ReviewedBy">The second case manager.</param>
/// <param name="ReviewedAt">When (the store's clock).</param>
/// <param name="Comment">Their comment (required for a rejection: the reason); decrypted.</param>
public sealed record DecisionReview(DecisionStatus Outcome, string ReviewedBy, DateTimeOffset ReviewedAt, string? Comment);

/// <summary>An override waiting for a second case manager (what <see cref="CaseStore.GetPendingDecisionsAsync"/> lists; no content).</summary>
/// <param name="DecisionId">The decision.</param>
/// <param name="CaseId">Its case.</param>
/// <param name="CaseStatus">Where the case is in the process.</param>
/// <param name="DecidedBy">Who recorded the override.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="CanConfirm">Whether the caller may confirm or reject it (false for their own overrides).</param>
public sealed record PendingDecision(Guid DecisionId, Guid CaseId, CaseStatus CaseStatus, string DecidedBy, DateTimeOffset DecidedAt, bool CanConfirm);
