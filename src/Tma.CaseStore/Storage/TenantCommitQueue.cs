using System.Data;

namespace Tma.CaseStore;

/// <summary>
/// Group commit for one tenant's audit chain. The chain needs a total order, so the tenant's writes are serialised
/// (the tenant row lock, see <see cref="SqlDialect.LockTenantSql"/>), and each commit waits for the log to reach
/// the disk: one write per commit bounded a tenant's throughput by the fsync time. Here the writes prepared while a
/// commit is running queue up, and the next transaction appends all of them, in order, under one lock and one
/// fsync. Each caller is answered only after the commit that holds its write, so every acknowledged write is
/// durable exactly as before. Other hosts on the same database still meet the row lock.
/// </summary>
internal sealed class TenantCommitQueue(SqlDialect dialect, string tenantId)
{
    // Bounds one transaction's size (statements and parameters); more wait for the next one.
    private const int MaxGroup = 64;

    private readonly Lock _lock = new();
    private List<PreparedWrite> _pending = [];
    private bool _draining;

    /// <summary>Queues a prepared write.</summary>
    /// <returns>True when committed; false when the case changed since it was prepared (or its group failed before
    /// committing), so that the caller redoes the operation on the locked path, which decides and audits as always.</returns>
    public Task<bool> CommitAsync(PreparedWrite write)
    {
        bool lead;
        lock (_lock)
        {
            _pending.Add(write);
            lead = !_draining;
            _draining = true;
        }

        if (lead)
        {
            // Not on the caller's own flow: the drain goes on while writes keep arriving, and the caller's answer
            // must not wait for other callers' commits.
            _ = Task.Run(DrainAsync);
        }

        return write.Completion;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<PreparedWrite> group;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _draining = false;
                    return;
                }

                if (_pending.Count <= MaxGroup)
                {
                    group = _pending;
                    _pending = [];
                }
                else
                {
                    group = _pending.GetRange(0, MaxGroup);
                    _pending.RemoveRange(0, MaxGroup);
                }
            }

            await CommitGroupAsync(group).ConfigureAwait(false);
        }
    }

    /// <summary>One transaction for the group; completes every write and never throws.</summary>
    private async Task CommitGroupAsync(List<PreparedWrite> group)
    {
        var committing = false;
        var accepted = new List<PreparedWrite>(group.Count);
        try
        {
            await using var session = await Session.BeginAsync(dialect, CancellationToken.None).ConfigureAwait(false);

            // One round trip: take the tenant lock and read the chain's head, then the state of the group's cases as
            // it is now that no other writer of the tenant can change it.
            TenantHead? head;
            Dictionary<string, CaseStateRow> cases;
            using (var reader = await session.QueryMultipleAsync(
                dialect.LockTenantSql + ";\n" + dialect.CaseStatesSql,
                new { TenantId = tenantId, Ids = group.Select(w => w.CaseId.ToString("D")).Distinct().ToArray() }).ConfigureAwait(false))
            {
                head = await reader.ReadSingleOrDefaultAsync<TenantHead>().ConfigureAwait(false);
                cases = (await reader.ReadAsync<CaseStateRow>().ConfigureAwait(false)).ToDictionary(c => c.Id, StringComparer.Ordinal);
            }

            if (head is null)
            {
                Redo(group);
                return;
            }

            var batch = new SqlBatch();
            foreach (var write in group)
            {
                // Anything that changed the case since the write was prepared (new content, a status change, a member
                // removed, shredding) bumped its version: such a write is redone on the locked path.
                if (!cases.TryGetValue(write.CaseId.ToString("D"), out var state) || state.Version != write.CaseVersion || state.ShreddedAt is not null)
                {
                    continue;
                }

                if (write.Content is { } content)
                {
                    batch.Add(content);
                    batch.Add(
                        "UPDATE cases SET version = version + 1, updated_at = @Now WHERE tenant_id = @TenantId AND id = @Id",
                        ("Now", write.Now, DbType.Int64), ("TenantId", tenantId, DbType.String), ("Id", state.Id, DbType.String));
                    state.Version++;
                }

                var entry = AuditLog.Next(tenantId, head, write.Now, write.Caller, write.Operation, AuditOutcome.Allowed, write.CaseId, write.RecordId, write.Detail);
                AuditLog.AddInsert(batch, tenantId, entry);
                head = new TenantHead { HeadSequence = entry.Sequence, HeadHash = entry.Hash };
                accepted.Add(write);
            }

            if (accepted.Count > 0)
            {
                AuditLog.AddHeadUpdate(batch, tenantId, head);
                await batch.ExecuteAsync(session).ConfigureAwait(false);
                committing = true;
                await session.CommitAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (committing)
        {
            // The commit itself failed: whether it took effect is unknown, so nothing may be redone.
            foreach (var write in accepted)
            {
                write.Fail(ex);
            }

            Redo(group);
            return;
        }
#pragma warning disable CA1031 // Nothing was committed: every write is redone on the locked path, which reports its own errors.
        catch (Exception)
#pragma warning restore CA1031
        {
            Redo(group);
            return;
        }

        foreach (var write in accepted)
        {
            write.Complete(true);
        }

        Redo(group);
    }

    /// <summary>Sends back every write of the group not completed yet (completing twice is ignored).</summary>
    private static void Redo(List<PreparedWrite> group)
    {
        foreach (var write in group)
        {
            write.Complete(false);
        }
    }
}
