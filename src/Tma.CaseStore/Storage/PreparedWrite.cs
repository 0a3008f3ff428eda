namespace Tma.CaseStore;

/// <summary>
/// An operation on one case whose reads, decryption and encryption are done, waiting for its turn in the tenant's
/// audit chain: the case version it saw, the rows it writes and the audit entry it appends.
/// </summary>
internal sealed class PreparedWrite(Caller caller, Operation operation, Guid caseId, long now, long caseVersion, SqlStatement? content, Guid? recordId, string? detail)
{
    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Caller Caller { get; } = caller;

    public Operation Operation { get; } = operation;

    public Guid CaseId { get; } = caseId;

    /// <summary>The operation's time: the audit entry's and the written rows'.</summary>
    public long Now { get; } = now;

    /// <summary>The case version everything was prepared against; the write goes in only if the case is still there.</summary>
    public long CaseVersion { get; } = caseVersion;

    /// <summary>The content row it writes; null for a read, which appends only its audit entry. A write also bumps the case version.</summary>
    public SqlStatement? Content { get; } = content;

    public Guid? RecordId { get; } = recordId;

    public string? Detail { get; } = detail;

    /// <summary>True once committed; false when it must be redone on the locked path; faulted when the commit itself failed.</summary>
    public Task<bool> Completion => _done.Task;

    public void Complete(bool committed) => _done.TrySetResult(committed);

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
