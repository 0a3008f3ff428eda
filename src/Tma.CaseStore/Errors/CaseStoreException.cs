namespace Tma.CaseStore;

/// <summary>
/// Base of every exception the store throws for an expected failure. Messages name identifiers (case and record
/// ids, operation names, field names) but never case content or any other personal data.
/// </summary>
public abstract class CaseStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">A short, stable machine-readable code (also written to the audit trail).</param>
    /// <param name="message">A message without personal data.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    protected CaseStoreException(string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    /// <summary>A short, stable machine-readable code such as <c>access-denied</c>.</summary>
    public string Code { get; }
}

/// <summary>The caller's role (or case membership) does not allow the operation. The denial has been audited.</summary>
public sealed class CaseStoreAccessDeniedException : CaseStoreException
{
    internal CaseStoreAccessDeniedException(string operation, CallerRole role, Guid? caseId)
        : base("access-denied", caseId is null
            ? $"Role {role} may not perform '{operation}'."
            : $"Role {role} may not perform '{operation}' on case {caseId}.")
    {
        Operation = operation;
        Role = role;
        CaseId = caseId;
    }

    /// <summary>The audit name of the refused operation.</summary>
    public string Operation { get; }

    /// <summary>The caller's role.</summary>
    public CallerRole Role { get; }

    /// <summary>The case the operation targeted, if any.</summary>
    public Guid? CaseId { get; }
}

/// <summary>No case (or record) with this id exists in the caller's tenant. Ids of other tenants are indistinguishable from ids that do not exist.</summary>
public sealed class CaseStoreNotFoundException : CaseStoreException
{
    internal CaseStoreNotFoundException(string kind, Guid id)
        : base("not-found", $"No {kind} {id} in this tenant.")
    {
        Kind = kind;
        Id = id;
    }

    /// <summary>What was looked for: <c>case</c>, <c>observation</c>, <c>assessment</c>, <c>document</c>, <c>task</c> or <c>note</c>.</summary>
    public string Kind { get; }

    /// <summary>The id that was not found.</summary>
    public Guid Id { get; }
}

/// <summary>The tenant named by the caller has not been set up.</summary>
public sealed class TenantNotFoundException : CaseStoreException
{
    internal TenantNotFoundException(string tenantId)
        : base("tenant-not-found", $"Tenant '{tenantId}' has not been set up.")
    {
        TenantId = tenantId;
    }

    /// <summary>The tenant id from the caller.</summary>
    public string TenantId { get; }
}

/// <summary>
/// A write was based on a stale version of the case (someone else changed it first), or a correction targets an
/// observation that has already been superseded. Nothing was written; reload and retry.
/// </summary>
public sealed class ConcurrencyConflictException : CaseStoreException
{
    internal ConcurrencyConflictException(Guid caseId, long expectedVersion, long? actualVersion)
        : base("concurrency-conflict", actualVersion is null
            ? $"Case {caseId} was changed concurrently; expected version {expectedVersion}."
            : $"Case {caseId} is at version {actualVersion}, not the expected version {expectedVersion}; reload it and retry.")
    {
        CaseId = caseId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    internal ConcurrencyConflictException(Guid caseId, Guid supersededObservation)
        : base("concurrency-conflict", $"Observation {supersededObservation} of case {caseId} has already been superseded; correct the newest observation instead.")
    {
        CaseId = caseId;
    }

    internal ConcurrencyConflictException(Guid caseId, Guid taskId, long expectedVersion, long? actualVersion)
        : base("concurrency-conflict", actualVersion is null
            ? $"Task {taskId} of case {caseId} was changed concurrently; expected version {expectedVersion}."
            : $"Task {taskId} of case {caseId} is at version {actualVersion}, not the expected version {expectedVersion}; reload it and retry.")
    {
        CaseId = caseId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>The case concerned.</summary>
    public Guid CaseId { get; }

    /// <summary>The version the caller expected, when the conflict was about the case version.</summary>
    public long? ExpectedVersion { get; }

    /// <summary>The version the case actually has, when known.</summary>
    public long? ActualVersion { get; }
}

/// <summary>The case's status does not allow the change (an illegal status transition, or a write to a closed or shredded case).</summary>
public sealed class CaseStateException : CaseStoreException
{
    internal CaseStateException(string code, string message)
        : base(code, message)
    {
    }
}

/// <summary>Why content could not be decrypted.</summary>
public enum ContentUnavailableReason
{
    /// <summary>The case's data key was deleted (crypto-shredding): the content is gone for good.</summary>
    Shredded = 1,

    /// <summary>The key provider could not unwrap the data key (missing or wrong key-encryption key).</summary>
    KeyUnavailable = 2,

    /// <summary>A ciphertext failed authentication: it was altered, truncated, or moved from another row or column.</summary>
    IntegrityFailure = 3,
}

/// <summary>Case content could not be decrypted; see <see cref="Reason"/>. No plaintext is ever returned in that case.</summary>
public sealed class ContentUnavailableException : CaseStoreException
{
    internal ContentUnavailableException(ContentUnavailableReason reason, Guid caseId, string? where = null, Exception? inner = null)
        : base(reason switch
        {
            ContentUnavailableReason.Shredded => "content-shredded",
            ContentUnavailableReason.KeyUnavailable => "key-unavailable",
            _ => "content-integrity",
        }, reason switch
        {
            ContentUnavailableReason.Shredded => $"The content of case {caseId} has been crypto-shredded.",
            ContentUnavailableReason.KeyUnavailable => $"The data key of case {caseId} cannot be unwrapped with the configured key provider.",
            _ => $"A ciphertext of case {caseId} failed authentication ({where}); it was altered or moved.",
        }, inner)
    {
        Reason = reason;
        CaseId = caseId;
    }

    /// <summary>Why the content is unavailable.</summary>
    public ContentUnavailableReason Reason { get; }

    /// <summary>The case concerned.</summary>
    public Guid CaseId { get; }
}

/// <summary>Input to the store was invalid; <see cref="Problems"/> lists every problem (field names only, never values).</summary>
public sealed class CaseStoreValidationException : CaseStoreException
{
    internal CaseStoreValidationException(IReadOnlyList<string> problems)
        : base("invalid-input", "Invalid input: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, each starting with the field name.</summary>
    public IReadOnlyList<string> Problems { get; }
}

/// <summary>The database schema is newer than this library, or a migration failed. Nothing was half-applied.</summary>
public sealed class SchemaVersionException : CaseStoreException
{
    internal SchemaVersionException(string message, Exception? inner = null)
        : base("schema", message, inner)
    {
    }
}
