using System.Security.Cryptography;

namespace Tma.CaseStore;

public sealed partial class CaseStore
{
    /// <summary>
    /// Sets up the caller's tenant: creates its record, its pseudonymisation key (wrapped by the current KEK) and
    /// the first entry of its audit trail. Administrator only.
    /// </summary>
    /// <param name="administrator">An <see cref="CallerRole.Administrator"/> of the tenant to create.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the tenant exists.</returns>
    /// <exception cref="CaseStoreAccessDeniedException">The caller is not an administrator (audited when the tenant already exists; a tenant that does not exist has no trail to audit into).</exception>
    /// <exception cref="CaseStateException">The tenant already exists (code <c>tenant-exists</c>).</exception>
    public async Task CreateTenantAsync(Caller administrator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(administrator);
        administrator.Validate();
        var tenantId = administrator.TenantId;
        var exists = false;
        var startedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        await using (var session = await Session.BeginAsync(_dialect, cancellationToken).ConfigureAwait(false))
        {
            var head = await session.QuerySingleOrDefaultAsync<TenantHead>(_dialect.LockTenantSql, new { TenantId = tenantId }).ConfigureAwait(false);
            exists = head is not null;
            if (!exists)
            {
                if (administrator.Role != CallerRole.Administrator)
                {
                    throw new CaseStoreAccessDeniedException(Operation.TenantCreate.AuditName, administrator.Role, null);
                }

                var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                var pseudonymKey = RandomNumberGenerator.GetBytes(32);
                var wrapped = await _keys.WrapAsync(pseudonymKey, PseudonymKeyContext(tenantId), cancellationToken).ConfigureAwait(false);
                CryptographicOperations.ZeroMemory(pseudonymKey);
                try
                {
                    await session.ExecuteAsync(
                        """
                        INSERT INTO tenants (id, created_at, pseudonym_kek_id, pseudonym_key, audit_head_seq, audit_head_hash)
                        VALUES (@TenantId, @Now, @KekId, @Wrapped, 0, @Genesis)
                        """,
                        new { TenantId = tenantId, Now = now, KekId = wrapped.KeyId, Wrapped = wrapped.Ciphertext, Genesis = AuditLog.Genesis }).ConfigureAwait(false);
                }
                catch (System.Data.Common.DbException ex) when (_dialect.IsUniqueViolation(ex))
                {
                    // Another host created it between our look-up and our insert (a missing row cannot be locked):
                    // this transaction is rolled back, and the attempt is audited below like any other.
                    exists = true;
                }

                if (!exists)
                {
                    await AuditLog.AppendAsync(session, tenantId, new TenantHead { HeadSequence = 0, HeadHash = AuditLog.Genesis }, now, administrator, Operation.TenantCreate, AuditOutcome.Allowed, null, null, null).ConfigureAwait(false);
                    await session.CommitAsync().ConfigureAwait(false);
                    // The first creation has no chain to lock yet, so it does not run through RunAsync: traced here.
                    CaseStoreTelemetry.RecordCommitted(Operation.TenantCreate, startedAt, started, _time);
                    return;
                }
            }
        }

        // The tenant exists: report through the normal, audited path.
        await RunAsync<bool>(administrator, Operation.TenantCreate, null, _ =>
            throw new CaseStateException("tenant-exists", $"Tenant '{tenantId}' already exists."), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Key rotation: re-wraps every data key of the tenant (and its pseudonymisation key) that is not wrapped under
    /// the key provider's current KEK. Data is not re-encrypted. Afterwards the old KEK can be retired.
    /// Administrator only.
    /// </summary>
    /// <param name="administrator">An <see cref="CallerRole.Administrator"/> of the tenant.</param>
    /// <param name="cancellationToken">Cancels the call (nothing is changed if cancelled before the commit).</param>
    /// <returns>How many keys were re-wrapped.</returns>
    /// <exception cref="ContentUnavailableException">A data key could not be unwrapped (the old KEK is not held by the provider); nothing was changed.</exception>
    public Task<int> RotateKeysAsync(Caller administrator, CancellationToken cancellationToken = default) =>
        RunAsync(administrator, Operation.KeysRotate, null, async context =>
        {
            var current = _keys.CurrentKeyId;
            var count = 0;
            var tenantKey = await context.Session.QuerySingleOrDefaultAsync<KeyRow>(
                "SELECT id AS CaseId, pseudonym_kek_id AS KekId, pseudonym_key AS WrappedKey FROM tenants WHERE id = @TenantId",
                new { context.TenantId }).ConfigureAwait(false);
            if (tenantKey is not null && tenantKey.KekId != current)
            {
                var rewrapped = await RewrapAsync(tenantKey, PseudonymKeyContext(context.TenantId), Guid.Empty, cancellationToken).ConfigureAwait(false);
                await context.Session.ExecuteAsync(
                    "UPDATE tenants SET pseudonym_kek_id = @KeyId, pseudonym_key = @Ciphertext WHERE id = @TenantId",
                    new { rewrapped.KeyId, rewrapped.Ciphertext, context.TenantId }).ConfigureAwait(false);
                count++;
            }

            var stale = await context.Session.QueryAsync<KeyRow>(
                "SELECT case_id AS CaseId, kek_id AS KekId, wrapped_key AS WrappedKey FROM case_keys WHERE tenant_id = @TenantId AND kek_id <> @Current",
                new { context.TenantId, Current = current }).ConfigureAwait(false);
            foreach (var key in stale)
            {
                var caseId = Guid.Parse(key.CaseId);
                var rewrapped = await RewrapAsync(key, CaseKeyContext(context.TenantId, caseId), caseId, cancellationToken).ConfigureAwait(false);
                await context.Session.ExecuteAsync(
                    "UPDATE case_keys SET kek_id = @KeyId, wrapped_key = @Ciphertext, wrapped_at = @Now WHERE tenant_id = @TenantId AND case_id = @CaseId",
                    new { rewrapped.KeyId, rewrapped.Ciphertext, context.Now, context.TenantId, key.CaseId }).ConfigureAwait(false);
                count++;
            }

            context.Detail = $"rewrapped={count};kek={current}";
            return count;
        }, cancellationToken);

    private async Task<WrappedKey> RewrapAsync(KeyRow key, byte[] keyContext, Guid caseId, CancellationToken cancellationToken)
    {
        byte[] plain;
        try
        {
            plain = await _keys.UnwrapAsync(new WrappedKey(key.KekId, key.WrappedKey), keyContext, cancellationToken).ConfigureAwait(false);
        }
        catch (CryptographicException ex)
        {
            throw new ContentUnavailableException(ContentUnavailableReason.KeyUnavailable, caseId, inner: ex);
        }

        try
        {
            return await _keys.WrapAsync(plain, keyContext, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>
    /// Crypto-shredding: deletes the case's data key, so that every encrypted field and document of the case is
    /// unrecoverable (GDPR erasure, retention expiry). Metadata (category, status, dates) and the audit trail stay.
    /// Administrator only. Idempotent.
    /// </summary>
    /// <param name="administrator">An <see cref="CallerRole.Administrator"/> of the tenant.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the key is gone.</returns>
    public async Task ShredCaseAsync(Caller administrator, Guid caseId, CancellationToken cancellationToken = default)
    {
        await RunAsync(administrator, Operation.CaseShred, caseId, async context =>
        {
            await ShredAsync(context, context.RequiredCase).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        await AfterShredAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Crypto-shreds every case of the tenant whose retention date has passed (by the store's clock). Administrator only.</summary>
    /// <param name="administrator">An <see cref="CallerRole.Administrator"/> of the tenant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ids of the cases shredded now.</returns>
    public async Task<IReadOnlyList<Guid>> ShredExpiredCasesAsync(Caller administrator, CancellationToken cancellationToken = default)
    {
        var shredded = await RunAsync<IReadOnlyList<Guid>>(administrator, Operation.RetentionSweep, null, async context =>
        {
            var expired = await context.Session.QueryAsync<CaseRow>(
                $"SELECT {CaseRow.Columns} FROM cases WHERE tenant_id = @TenantId AND retain_until <= @Now AND shredded_at IS NULL ORDER BY id",
                new { context.TenantId, context.Now }).ConfigureAwait(false);
            foreach (var row in expired)
            {
                await ShredAsync(context, row).ConfigureAwait(false);
                await context.AuditAsync(row.CaseId, null, "retention-expired").ConfigureAwait(false);
            }

            context.Detail = $"shredded={expired.Count}";
            return expired.Select(r => r.CaseId).ToArray();
        }, cancellationToken).ConfigureAwait(false);
        if (shredded.Count > 0)
        {
            await AfterShredAsync(cancellationToken).ConfigureAwait(false);
        }

        return shredded;
    }

    private static async Task ShredAsync(OperationContext context, CaseRow row)
    {
        await context.Session.ExecuteAsync(
            "DELETE FROM case_keys WHERE tenant_id = @TenantId AND case_id = @CaseId",
            new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
        if (row.ShreddedAt is null)
        {
            await context.Session.ExecuteAsync(
                "UPDATE cases SET shredded_at = @Now, updated_at = @Now, version = version + 1 WHERE tenant_id = @TenantId AND id = @CaseId",
                new { context.Now, context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
        }
    }

    private async Task AfterShredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await _dialect.AfterShredAsync(connection, cancellationToken).ConfigureAwait(false);
    }
}
