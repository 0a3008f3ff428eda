using System.Data;
using System.Globalization;
using System.Security.Cryptography;

namespace Tma.CaseStore;

/// <summary>Appends to and verifies a tenant's hash-chained audit trail.</summary>
internal static class AuditLog
{
    public const int HashSize = 32;
    private const string Columns = "seq AS Sequence, at AS At, actor_id AS ActorId, actor_role AS ActorRole, action AS Action, outcome AS Outcome, case_id AS CaseId, record_id AS RecordId, detail AS Detail, prev_hash AS PreviousHash, hash AS Hash";

    public static byte[] Genesis => new byte[HashSize];

    /// <summary>SHA-256 over the canonical encoding of every field, followed by the previous hash.</summary>
    public static byte[] ComputeHash(string tenantId, AuditRow row, byte[] previousHash)
    {
        var encoded = Canonical.Encode(
            "tma.audit.v1",
            tenantId,
            row.Sequence.ToString(CultureInfo.InvariantCulture),
            row.At.ToString(CultureInfo.InvariantCulture),
            row.ActorId,
            row.ActorRole,
            row.Action,
            row.Outcome,
            row.CaseId,
            row.RecordId,
            row.Detail);
        var buffer = new byte[encoded.Length + previousHash.Length];
        encoded.CopyTo(buffer, 0);
        previousHash.CopyTo(buffer, encoded.Length);
        return SHA256.HashData(buffer);
    }

    /// <summary>The next entry after <paramref name="head"/>, with its hash. The caller holds the tenant lock (see <see cref="SqlDialect.LockTenantSql"/>).</summary>
    public static AuditRow Next(
        string tenantId, TenantHead head, long at, Caller caller, Operation operation, AuditOutcome outcome, Guid? caseId, Guid? recordId, string? detail)
    {
        var row = new AuditRow
        {
            Sequence = head.HeadSequence + 1,
            At = at,
            ActorId = caller.UserId,
            ActorRole = caller.Role.ToString(),
            Action = operation.AuditName,
            Outcome = outcome.ToString(),
            CaseId = caseId?.ToString("D"),
            RecordId = recordId?.ToString("D"),
            Detail = detail,
            PreviousHash = head.HeadHash,
        };
        row.Hash = ComputeHash(tenantId, row, head.HeadHash);
        return row;
    }

    /// <summary>Adds the insert of <paramref name="row"/> to a batch.</summary>
    public static void AddInsert(SqlBatch batch, string tenantId, AuditRow row) => batch.Add(
        """
        INSERT INTO audit_log (tenant_id, seq, at, actor_id, actor_role, action, outcome, case_id, record_id, detail, prev_hash, hash)
        VALUES (@TenantId, @Sequence, @At, @ActorId, @ActorRole, @Action, @Outcome, @CaseId, @RecordId, @Detail, @PreviousHash, @Hash)
        """,
        ("TenantId", tenantId, DbType.String),
        ("Sequence", row.Sequence, DbType.Int64),
        ("At", row.At, DbType.Int64),
        ("ActorId", row.ActorId, DbType.String),
        ("ActorRole", row.ActorRole, DbType.String),
        ("Action", row.Action, DbType.String),
        ("Outcome", row.Outcome, DbType.String),
        ("CaseId", row.CaseId, DbType.String),
        ("RecordId", row.RecordId, DbType.String),
        ("Detail", row.Detail, DbType.String),
        ("PreviousHash", row.PreviousHash, DbType.Binary),
        ("Hash", row.Hash, DbType.Binary));

    /// <summary>Adds the move of the tenant's recorded head to <paramref name="head"/> to a batch.</summary>
    public static void AddHeadUpdate(SqlBatch batch, string tenantId, TenantHead head) => batch.Add(
        "UPDATE tenants SET audit_head_seq = @Sequence, audit_head_hash = @Hash WHERE id = @TenantId",
        ("Sequence", head.HeadSequence, DbType.Int64),
        ("Hash", head.HeadHash, DbType.Binary),
        ("TenantId", tenantId, DbType.String));

    /// <summary>Appends one entry and moves the tenant's head, in one round trip. The caller holds the tenant lock (see <see cref="SqlDialect.LockTenantSql"/>) and passes the head it read.</summary>
    public static async Task<TenantHead> AppendAsync(
        Session session, string tenantId, TenantHead head, long at, Caller caller, Operation operation, AuditOutcome outcome, Guid? caseId, Guid? recordId, string? detail)
    {
        var row = Next(tenantId, head, at, caller, operation, outcome, caseId, recordId, detail);
        var next = new TenantHead { HeadSequence = row.Sequence, HeadHash = row.Hash };
        var batch = new SqlBatch();
        AddInsert(batch, tenantId, row);
        AddHeadUpdate(batch, tenantId, next);
        await batch.ExecuteAsync(session).ConfigureAwait(false);
        return next;
    }

    public static Task<List<AuditRow>> ReadAsync(Session session, string tenantId, long afterSequence, int limit) =>
        session.QueryAsync<AuditRow>(
            $"SELECT {Columns} FROM audit_log WHERE tenant_id = @TenantId AND seq > @After ORDER BY seq LIMIT @Limit",
            new { TenantId = tenantId, After = afterSequence, Limit = (long)limit });

    /// <summary>Walks the whole chain in pages and checks sequence, links, hashes and the recorded head.</summary>
    public static async Task<AuditVerificationResult> VerifyAsync(Session session, string tenantId, TenantHead head)
    {
        const int Page = 2000;
        var expectedSequence = 1L;
        var previous = Genesis;
        long checkedCount = 0;
        while (true)
        {
            var rows = await ReadAsync(session, tenantId, expectedSequence - 1, Page).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                // A gap can also hide behind the page boundary: look for anything beyond.
                var beyond = await session.ScalarAsync<long?>(
                    "SELECT MIN(seq) FROM audit_log WHERE tenant_id = @TenantId AND seq >= @Sequence",
                    new { TenantId = tenantId, Sequence = expectedSequence }).ConfigureAwait(false);
                if (beyond is { } next)
                {
                    return Broken(checkedCount, expectedSequence, $"entry is missing (the next entry present is {next})", previous);
                }

                break;
            }

            foreach (var row in rows)
            {
                checkedCount++;
                if (row.Sequence != expectedSequence)
                {
                    return Broken(checkedCount, expectedSequence, $"entry is missing (the next entry present is {row.Sequence})", previous);
                }

                if (!CryptographicOperations.FixedTimeEquals(row.PreviousHash, previous))
                {
                    return Broken(checkedCount, row.Sequence, "its previous-hash does not match the entry before it (an entry was removed, inserted or moved)", previous);
                }

                var recomputed = ComputeHash(tenantId, row, previous);
                if (!CryptographicOperations.FixedTimeEquals(row.Hash, recomputed))
                {
                    return Broken(checkedCount, row.Sequence, "its content does not match its hash (the entry was edited or moved)", previous);
                }

                previous = row.Hash;
                expectedSequence++;
            }
        }

        var last = expectedSequence - 1;
        if (head.HeadSequence != last || !CryptographicOperations.FixedTimeEquals(head.HeadHash, previous))
        {
            return head.HeadSequence > last
                ? Broken(checkedCount, last + 1, $"the chain ends at {last} but the tenant's recorded head is {head.HeadSequence} (entries were removed from the end)", previous)
                : Broken(checkedCount, last, "the chain does not end at the tenant's recorded head", previous);
        }

        return new AuditVerificationResult(true, checkedCount, null, null, Convert.ToHexStringLower(previous));
    }

    private static AuditVerificationResult Broken(long checkedCount, long sequence, string problem, byte[] lastGood) =>
        new(false, checkedCount, sequence, $"Audit entry {sequence}: {problem}.", Convert.ToHexStringLower(lastGood));

    public static AuditEntry ToEntry(AuditRow row) => new(
        row.Sequence,
        DateTimeOffset.FromUnixTimeMilliseconds(row.At),
        row.ActorId,
        Enum.Parse<CallerRole>(row.ActorRole),
        row.Action,
        Enum.Parse<AuditOutcome>(row.Outcome),
        row.CaseId is null ? null : Guid.Parse(row.CaseId),
        row.RecordId is null ? null : Guid.Parse(row.RecordId),
        row.Detail,
        Convert.ToHexStringLower(row.PreviousHash),
        Convert.ToHexStringLower(row.Hash));
}
