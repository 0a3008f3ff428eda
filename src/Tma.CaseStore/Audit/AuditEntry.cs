namespace Tma.CaseStore;

/// <summary>How an audited call ended.</summary>
public enum AuditOutcome
{
    /// <summary>The call was allowed and completed.</summary>
    Allowed = 1,

    /// <summary>The caller's role or case membership did not allow it.</summary>
    Denied = 2,

    /// <summary>The target case or record does not exist in the caller's tenant.</summary>
    NotFound = 3,

    /// <summary>The call was allowed but refused (invalid input, stale version, illegal transition, unreadable content); <see cref="AuditEntry.Detail"/> has the code.</summary>
    Failed = 4,
}

/// <summary>
/// One entry of a tenant's audit trail. It holds no case content: who, in which role, did what, to which case and
/// record, with what outcome, chained to the previous entry by <see cref="PreviousHash"/>.
/// </summary>
/// <param name="Sequence">1, 2, 3… per tenant, without gaps.</param>
/// <param name="At">When (the store's clock).</param>
/// <param name="ActorId">The caller's user id.</param>
/// <param name="ActorRole">The caller's role.</param>
/// <param name="Action">The operation, for example <c>observation.add</c> or <c>case.read</c>.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="CaseId">The case concerned, if any.</param>
/// <param name="RecordId">The record written or read, if one.</param>
/// <param name="Detail">A short non-personal detail (an error code, counts), if any.</param>
/// <param name="PreviousHash">The previous entry's hash, lower-case hex (64 zeros for the first entry).</param>
/// <param name="Hash">SHA-256 over this entry's canonical encoding and <see cref="PreviousHash"/>, lower-case hex.</param>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string ActorId,
    CallerRole ActorRole,
    string Action,
    AuditOutcome Outcome,
    Guid? CaseId,
    Guid? RecordId,
    string? Detail,
    string PreviousHash,
    string Hash);

/// <summary>What <see cref="CaseStore.VerifyAuditChainAsync"/> found.</summary>
/// <param name="IsValid">Whether every entry is present, in order and unaltered, and the chain ends at the recorded head.</param>
/// <param name="EntriesChecked">How many entries were read.</param>
/// <param name="FirstBrokenSequence">The sequence number of the first entry that is missing, altered or out of place; <see langword="null"/> when valid.</param>
/// <param name="Problem">What is wrong with it, when invalid.</param>
/// <param name="HeadHash">The hash of the last entry (lower-case hex); record it outside the database to anchor the chain.</param>
public sealed record AuditVerificationResult(bool IsValid, long EntriesChecked, long? FirstBrokenSequence, string? Problem, string HeadHash);
