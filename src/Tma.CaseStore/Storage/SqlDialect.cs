using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tma.CaseStore;

/// <summary>
/// Everything that differs between SQLite and PostgreSQL, in one place. All other SQL in the store is shared.
/// </summary>
internal sealed class SqlDialect : IAsyncDisposable
{
    private readonly string? _sqliteConnectionString;
    private readonly NpgsqlDataSource? _postgres;
    private readonly WriterGate? _writerGate;

    private SqlDialect(string? sqliteConnectionString, NpgsqlDataSource? postgres, WriterGate? writerGate)
    {
        _sqliteConnectionString = sqliteConnectionString;
        _postgres = postgres;
        _writerGate = writerGate;
    }

    public static SqlDialect ForSqlite(string path) => new(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        ForeignKeys = true,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString(), null, WriterGate.For(path));

    /// <summary>
    /// The data source is named, so that Npgsql's traces and metrics (<c>db.npgsql.data_source</c>,
    /// <c>db.client.connection.pool.name</c>) say <c>tma-store</c> instead of the connection string with its host and user name.
    /// </summary>
    public static SqlDialect ForPostgres(string connectionString) =>
        new(null, new NpgsqlDataSourceBuilder(Tuned(connectionString)) { Name = DataSourceName }.Build(), null);

    /// <summary>The diagnostics name of the PostgreSQL data source.</summary>
    public const string DataSourceName = "tma-store";

    /// <summary>
    /// Npgsql settings for the store's traffic, applied unless the connection string sets them: the store sends the
    /// same few statements over and over, so they are prepared once per connection (<c>Max Auto Prepare</c>, off by
    /// default in Npgsql; saves parsing and planning on every call), and it leaves no session state behind (no
    /// <c>SET</c>, temporary tables or session locks), so a pooled connection needs no reset (<c>No Reset On Close</c>).
    /// </summary>
    internal static string Tuned(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Given(string keyword) => given.Keys.Cast<string>().Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), keyword, StringComparison.OrdinalIgnoreCase));
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Given("MaxAutoPrepare"))
        {
            tuned.MaxAutoPrepare = 32;
        }

        if (!Given("NoResetOnClose"))
        {
            tuned.NoResetOnClose = true;
        }

        return tuned.ConnectionString;
    }

    public bool IsSqlite => _sqliteConnectionString is not null;

    /// <summary>The column type for binary data (ciphertexts, hashes).</summary>
    public string Blob => IsSqlite ? "BLOB" : "BYTEA";

    /// <summary>Locks the tenant row for the rest of the transaction; every operation takes it, which serialises the tenant's audit chain.
    /// SQLite needs no row lock: its write transactions (BEGIN IMMEDIATE) already exclude each other.</summary>
    public string LockTenantSql => IsSqlite
        ? "SELECT audit_head_seq AS HeadSequence, audit_head_hash AS HeadHash FROM tenants WHERE id = @TenantId"
        : "SELECT audit_head_seq AS HeadSequence, audit_head_hash AS HeadHash FROM tenants WHERE id = @TenantId FOR UPDATE";

    /// <summary>The version and shredding state of the cases whose ids are in the array <c>@Ids</c> (Dapper expands the list for SQLite; Npgsql takes an array).</summary>
    public string CaseStatesSql => IsSqlite
        ? "SELECT id AS Id, version AS Version, shredded_at AS ShreddedAt FROM cases WHERE tenant_id = @TenantId AND id IN @Ids"
        : "SELECT id AS Id, version AS Version, shredded_at AS ShreddedAt FROM cases WHERE tenant_id = @TenantId AND id = ANY(@Ids)";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            // FULL: a transaction acknowledged to the caller survives power loss, not only a process crash.
            // secure_delete: freed pages (e.g. a shredded data key) are overwritten with zeros.
            pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits for this process's turn to write (SQLite: one writer per database file, see <see cref="WriterGate"/>); null where the database orders writers itself.</summary>
    public async Task<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken) =>
        _writerGate is null ? null : await _writerGate.EnterAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Begins a write transaction: BEGIN IMMEDIATE on SQLite (takes the write lock up front, so no deadlock on upgrade), READ COMMITTED plus row locks on PostgreSQL.</summary>
    public async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    /// <summary>Statements run once, outside any transaction, before migrations.</summary>
    public string? DatabaseSetupSql => IsSqlite ? "PRAGMA journal_mode = WAL;" : null;

    /// <summary>Serialises concurrent migrators (several hosts starting against one PostgreSQL database).</summary>
    public string? MigrationLockSql => IsSqlite ? null : "SELECT pg_advisory_xact_lock(7207001)";

    /// <summary>Statements that make <paramref name="table"/> refuse UPDATE and DELETE (defence in depth under the hash chain).</summary>
    public IEnumerable<string> AppendOnlyGuard(string table)
    {
        if (IsSqlite)
        {
            yield return $"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END";
            yield return $"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END";
        }
        else
        {
            yield return $"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION tma_append_only()";
        }
    }

    /// <summary>Statements needed once before any <see cref="AppendOnlyGuard"/>.</summary>
    public IEnumerable<string> AppendOnlySupport()
    {
        if (!IsSqlite)
        {
            yield return "CREATE OR REPLACE FUNCTION tma_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$";
        }
    }

    public bool IsUniqueViolation(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>After crypto-shredding: make sure no copy of the deleted key stays in the write-ahead log.
    /// (PostgreSQL: dead tuples stay until VACUUM; see docs/case-store.md.)</summary>
    public async Task AfterShredAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is SqliteConnection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
    }
}
