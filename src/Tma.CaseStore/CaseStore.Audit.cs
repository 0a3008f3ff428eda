namespace Tma.CaseStore;

public sealed partial class CaseStore
{
    /// <summary>Reads a page of the tenant's audit trail. Auditor only; the read is itself audited.</summary>
    /// <param name="auditor">An <see cref="CallerRole.Auditor"/>.</param>
    /// <param name="afterSequence">Return entries after this sequence number; default 0 (from the start).</param>
    /// <param name="limit">At most this many entries (1–10000); default 1000.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries, in sequence order.</returns>
    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(Caller auditor, long afterSequence = 0, int limit = 1000, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<AuditEntry>>(auditor, Operation.AuditRead, null, async context =>
        {
            new Validator()
                .Check(limit is >= 1 and <= 10_000, "limit: must be between 1 and 10000")
                .Check(afterSequence >= 0, "afterSequence: must not be negative")
                .ThrowIfInvalid();
            var rows = await AuditLog.ReadAsync(context.Session, context.TenantId, afterSequence, limit).ConfigureAwait(false);
            context.Detail = $"count={rows.Count}";
            return rows.Select(AuditLog.ToEntry).ToArray();
        }, cancellationToken);

    /// <summary>
    /// Verifies the tenant's whole audit chain: sequence numbers without gaps, each entry's previous-hash equal to
    /// the hash of the entry before it, each hash equal to SHA-256 over the entry's canonical encoding, and the
    /// last entry equal to the tenant's recorded head. Auditor only; the verification is audited after it ran.
    /// </summary>
    /// <param name="auditor">An <see cref="CallerRole.Auditor"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the chain is intact and, if not, the first broken entry.</returns>
    public Task<AuditVerificationResult> VerifyAuditChainAsync(Caller auditor, CancellationToken cancellationToken = default) =>
        RunAsync(auditor, Operation.AuditVerify, null, async context =>
        {
            var result = await AuditLog.VerifyAsync(context.Session, context.TenantId, context.Head).ConfigureAwait(false);
            context.Detail = result.IsValid ? $"valid;entries={result.EntriesChecked}" : $"broken-at={result.FirstBrokenSequence}";
            return result;
        }, cancellationToken);
}
