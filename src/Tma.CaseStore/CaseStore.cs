using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;

namespace Tma.CaseStore;

/// <summary>
/// The case store: the encrypted, access-controlled, audited memory of threat cases. Every public operation takes
/// the <see cref="Caller"/> it acts for, checks the caller's role (and, for experts, case membership), works only
/// inside the caller's tenant, and appends an entry to the tenant's hash-chained audit trail — also when it is
/// denied or fails. Thread-safe; open one per process and share it.
/// </summary>
public sealed partial class CaseStore : IAsyncDisposable
{
    private readonly SqlDialect _dialect;
    private readonly IKeyProvider _keys;
    private readonly TimeProvider _time;
    private readonly CaseStoreOptions _options;

    private CaseStore(CaseStoreOptions options, SqlDialect dialect)
    {
        _options = options;
        _dialect = dialect;
        _keys = options.KeyProvider;
        _time = options.TimeProvider;
    }

    /// <summary>Opens the store, creating the database schema or applying pending migrations first.</summary>
    /// <param name="options">Where the data lives and which keys protect it.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The open store; dispose it when done.</returns>
    /// <exception cref="SchemaVersionException">The database is newer than this library, or a migration failed (and was rolled back).</exception>
    public static async Task<CaseStore> OpenAsync(CaseStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Backend == StoreBackend.Sqlite)
        {
            CreatePrivateFile(options.Connection);
        }

        var dialect = Dialect(options.Backend, options.Connection);
        try
        {
            await Migrations.ApplyAsync(dialect, options.TimeProvider, cancellationToken).ConfigureAwait(false);
            return new CaseStore(options, dialect);
        }
        catch
        {
            await dialect.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A new SQLite file is created readable and writable by its owner only (SQLite gives its -wal and -shm files the same mode).</summary>
    private static void CreatePrivateFile(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path) || path == ":memory:")
        {
            return;
        }

        try
        {
            using var _ = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first.
        }
    }

    /// <summary>The schema version this library brings databases to.</summary>
    public static int SchemaVersion => Migrations.Latest;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dialect.DisposeAsync();

    /// <summary>The state of one running operation: its transaction, the locked tenant head and what to audit.</summary>
    private sealed class OperationContext(Session session, Caller caller, Operation operation, TenantHead head, long now, CaseRow? @case)
    {
        public Session Session { get; } = session;

        public Caller Caller { get; } = caller;

        public Operation Operation { get; } = operation;

        public TenantHead Head { get; set; } = head;

        public long Now { get; } = now;

        public CaseRow? Case { get; } = @case;

        public CaseRow RequiredCase => Case ?? throw new InvalidOperationException("Operation is not case-scoped.");

        public string TenantId => Caller.TenantId;

        public Guid? RecordId { get; set; }

        public string? Detail { get; set; }

        /// <summary>Extra audit entries appended through <see cref="AuditAsync"/> (counted once committed).</summary>
        public int ExtraAuditEntries { get; private set; }

        /// <summary>Appends an extra audit entry (for operations that touch several cases).</summary>
        public async Task AuditAsync(Guid? caseId, Guid? recordId, string? detail)
        {
            Head = await AuditLog.AppendAsync(Session, TenantId, Head, Now, Caller, Operation, AuditOutcome.Allowed, caseId, recordId, detail).ConfigureAwait(false);
            ExtraAuditEntries++;
        }
    }

    /// <summary>
    /// Runs one operation: lock the tenant, authorise (auditing a denial in its own committed transaction), run the
    /// body, audit and commit. A <see cref="CaseStoreException"/> from the body rolls its writes back and is audited
    /// as <see cref="AuditOutcome.Failed"/> before it is rethrown.
    /// </summary>
    private async Task<T> RunAsync<T>(Caller caller, Operation operation, Guid? caseId, Func<OperationContext, Task<T>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Validate();
        var started = _time.GetTimestamp();
        using var activity = CaseStoreTelemetry.Start(operation);
        try
        {
            return await RunAuditedAsync(caller, operation, caseId, body, started, activity, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not CaseStoreException)
        {
            // A broken environment (database, key provider): the span says so by exception type only.
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    private async Task<T> RunAuditedAsync<T>(
        Caller caller, Operation operation, Guid? caseId, Func<OperationContext, Task<T>> body, long started, Activity? activity, CancellationToken cancellationToken)
    {
        long now;
        CaseStoreException failure;
        await using (var session = await Session.BeginAsync(_dialect, cancellationToken).ConfigureAwait(false))
        {
            var head = await LockTenantAsync(session, caller.TenantId).ConfigureAwait(false);

            // The time is read while the tenant is locked, so that within one host the entries' times follow their
            // sequence even when operations queued for the lock (across hosts they follow it up to clock skew).
            now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var (outcome, refusal, caseRow) = await AuthorizeAsync(session, caller, operation, caseId).ConfigureAwait(false);
            if (refusal is not null)
            {
                await AuditLog.AppendAsync(session, caller.TenantId, head, now, caller, operation, outcome, caseId, null, refusal.Code).ConfigureAwait(false);
                await session.CommitAsync().ConfigureAwait(false);
                CaseStoreTelemetry.Stop(activity, operation, outcome, started, _time, auditEntries: 1);
                throw refusal;
            }

            var context = new OperationContext(session, caller, operation, head, now, caseRow);
            try
            {
                var result = await body(context).ConfigureAwait(false);
                await AuditLog.AppendAsync(session, caller.TenantId, context.Head, now, caller, operation, AuditOutcome.Allowed, caseId, context.RecordId, context.Detail).ConfigureAwait(false);
                await session.CommitAsync().ConfigureAwait(false);
                CaseStoreTelemetry.Stop(activity, operation, AuditOutcome.Allowed, started, _time, auditEntries: 1 + context.ExtraAuditEntries);
                return result;
            }
            catch (CaseStoreException ex)
            {
                failure = ex;
            }
        }

        // The failed transaction is rolled back (disposed above); record the failure in a fresh one.
        await using (var session = await Session.BeginAsync(_dialect, CancellationToken.None).ConfigureAwait(false))
        {
            var head = await LockTenantAsync(session, caller.TenantId).ConfigureAwait(false);
            // A rule about the record (not the role), such as "only the task's owner may complete it", is a denial too.
            var outcome = failure is CaseStoreAccessDeniedException ? AuditOutcome.Denied : AuditOutcome.Failed;
            await AuditLog.AppendAsync(session, caller.TenantId, head, now, caller, operation, outcome, caseId, null, failure.Code).ConfigureAwait(false);
            await session.CommitAsync().ConfigureAwait(false);
            CaseStoreTelemetry.Stop(activity, operation, outcome, started, _time, auditEntries: 1);
        }

        ExceptionDispatchInfo.Throw(failure);
        throw failure; // unreachable
    }

    private async Task<TenantHead> LockTenantAsync(Session session, string tenantId) =>
        await session.QuerySingleOrDefaultAsync<TenantHead>(_dialect.LockTenantSql, new { TenantId = tenantId }).ConfigureAwait(false)
        ?? throw new TenantNotFoundException(tenantId);

    private static async Task<(AuditOutcome Outcome, CaseStoreException? Refusal, CaseRow? Case)> AuthorizeAsync(
        Session session, Caller caller, Operation operation, Guid? caseId)
    {
        if (!operation.Allows(caller.Role))
        {
            return (AuditOutcome.Denied, new CaseStoreAccessDeniedException(operation.AuditName, caller.Role, caseId), null);
        }

        if (!operation.CaseScoped)
        {
            return (AuditOutcome.Allowed, null, null);
        }

        var id = caseId ?? throw new InvalidOperationException("A case-scoped operation needs a case id.");
        var row = await session.QuerySingleOrDefaultAsync<CaseRow>(
            $"SELECT {CaseRow.Columns} FROM cases WHERE tenant_id = @TenantId AND id = @Id",
            new { caller.TenantId, Id = id.ToString("D") }).ConfigureAwait(false);
        if (row is null)
        {
            return (AuditOutcome.NotFound, new CaseStoreNotFoundException("case", id), null);
        }

        if (caller.Role == CallerRole.Expert && !await IsMemberAsync(session, caller.TenantId, id, caller.UserId).ConfigureAwait(false))
        {
            // Audited as a denial either way; the caller of a team-process operation learns nothing from it.
            return (AuditOutcome.Denied, operation.TeamOnly
                ? new CaseStoreNotFoundException("case", id)
                : new CaseStoreAccessDeniedException(operation.AuditName, caller.Role, caseId), null);
        }

        if (caller.Role == CallerRole.CaseManager && operation.TeamOnly && row.OwnerId != caller.UserId
            && !await IsMemberAsync(session, caller.TenantId, id, caller.UserId).ConfigureAwait(false))
        {
            // Need-to-know: a case manager not involved in the case gets the answer of a case that does not exist.
            return (AuditOutcome.Denied, new CaseStoreNotFoundException("case", id), null);
        }

        return (AuditOutcome.Allowed, null, row);
    }

    private static async Task<bool> IsMemberAsync(Session session, string tenantId, Guid caseId, string userId) =>
        await session.ScalarAsync<long>(
            "SELECT COUNT(*) FROM case_members WHERE tenant_id = @TenantId AND case_id = @CaseId AND user_id = @UserId",
            new { TenantId = tenantId, CaseId = caseId.ToString("D"), UserId = userId }).ConfigureAwait(false) > 0;

    private static byte[] CaseKeyContext(string tenantId, Guid caseId) => Canonical.Encode("tma.case-key.v1", tenantId, caseId.ToString("D"));

    private static byte[] PseudonymKeyContext(string tenantId) => Canonical.Encode("tma.pseudonym-key.v1", tenantId);

    /// <summary>Unwraps the case's data key; throws <see cref="ContentUnavailableException"/> when it is shredded or cannot be unwrapped.</summary>
    private async Task<byte[]> CaseKeyAsync(OperationContext context, CaseRow caseRow)
    {
        var caseId = caseRow.CaseId;
        if (caseRow.ShreddedAt is not null)
        {
            throw new ContentUnavailableException(ContentUnavailableReason.Shredded, caseId);
        }

        var key = await context.Session.QuerySingleOrDefaultAsync<KeyRow>(
            "SELECT case_id AS CaseId, kek_id AS KekId, wrapped_key AS WrappedKey FROM case_keys WHERE tenant_id = @TenantId AND case_id = @CaseId",
            new { context.TenantId, CaseId = caseRow.Id }).ConfigureAwait(false)
            ?? throw new ContentUnavailableException(ContentUnavailableReason.Shredded, caseId);
        try
        {
            return await _keys.UnwrapAsync(new WrappedKey(key.KekId, key.WrappedKey), CaseKeyContext(context.TenantId, caseId), CancellationToken.None).ConfigureAwait(false);
        }
        catch (CryptographicException ex)
        {
            throw new ContentUnavailableException(ContentUnavailableReason.KeyUnavailable, caseId, inner: ex);
        }
    }
}
