namespace Tma.CaseStore;

/// <summary>What <see cref="CaseStore.MigrateAsync"/> did.</summary>
/// <param name="From">The schema version before (0 for an empty database).</param>
/// <param name="To">The schema version after (<see cref="CaseStore.SchemaVersion"/>).</param>
public sealed record SchemaMigration(int From, int To);

public sealed partial class CaseStore
{
    /// <summary>The schema version of a database (0 when it has none yet), without changing it.</summary>
    /// <param name="backend">SQLite or PostgreSQL.</param>
    /// <param name="connection">The SQLite file or the PostgreSQL connection string.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static async Task<int> SchemaVersionOfAsync(StoreBackend backend, string connection, CancellationToken cancellationToken = default)
    {
        await using var dialect = Dialect(backend, connection);
        return await Migrations.CurrentAsync(dialect, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies the pending migrations (each in its own transaction) without opening the store; no key is needed.</summary>
    /// <param name="backend">SQLite or PostgreSQL.</param>
    /// <param name="connection">The SQLite file or the PostgreSQL connection string.</param>
    /// <param name="time">The clock for <c>applied_at</c>; default the system clock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SchemaVersionException">The database is newer than this library, or a migration failed (and was rolled back).</exception>
    public static async Task<SchemaMigration> MigrateAsync(StoreBackend backend, string connection, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        if (backend == StoreBackend.Sqlite)
        {
            CreatePrivateFile(connection);
        }

        await using var dialect = Dialect(backend, connection);
        var from = await Migrations.CurrentAsync(dialect, cancellationToken).ConfigureAwait(false);
        await Migrations.ApplyAsync(dialect, time ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
        return new SchemaMigration(from, Migrations.Latest);
    }

    /// <summary>The SQL that brings a database from schema <paramref name="after"/> to <see cref="SchemaVersion"/>, for a DBA.</summary>
    /// <param name="backend">Which SQL dialect.</param>
    /// <param name="after">The database's current version (0 for an empty database).</param>
    public static string MigrationScript(StoreBackend backend, int after = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        // Only the dialect's spelling is used; no connection is opened.
        var dialect = backend == StoreBackend.Sqlite ? SqlDialect.ForSqlite(":memory:") : SqlDialect.ForPostgres("Host=unused");
        try
        {
            return Migrations.Script(dialect, after);
        }
        finally
        {
            dialect.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static SqlDialect Dialect(StoreBackend backend, string connection) =>
        backend == StoreBackend.Sqlite ? SqlDialect.ForSqlite(connection) : SqlDialect.ForPostgres(connection);
}
