using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Tma.CaseStore.Tests.Infrastructure;

/// <summary>
/// One isolated database per test: a fresh SQLite file in a temp folder, or a fresh PostgreSQL schema (selected
/// through the connection's search path). Gives raw SQL access for tamper tests and cleans up afterwards.
/// </summary>
public sealed class StoreHarness : IAsyncDisposable
{
    private readonly List<CaseStore> _stores = [];
    private readonly string? _directory;
    private readonly string? _schema;

    private StoreHarness(Backend backend, string target, string? directory, string? schema)
    {
        Backend = backend;
        Target = target;
        _directory = directory;
        _schema = schema;
    }

    public Backend Backend { get; }

    /// <summary>The SQLite path, or the PostgreSQL connection string with the test's search path.</summary>
    public string Target { get; }

    public string? Schema => _schema;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromSeconds(1) };

    public string SqlitePath => Backend == Backend.Sqlite ? Target : throw new InvalidOperationException("Not SQLite.");

    public static async Task<StoreHarness> CreateAsync(Backend backend)
    {
        if (backend == Backend.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "tma-casestore-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            return new StoreHarness(backend, Path.Combine(directory, "cases.db"), directory, null);
        }

        var baseConnection = Backends.PostgresConnectionString();
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(baseConnection))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE SCHEMA {schema}");
        }

        var builder = new NpgsqlConnectionStringBuilder(baseConnection) { SearchPath = schema };
        return new StoreHarness(backend, builder.ConnectionString, null, schema);
    }

    public CaseStoreOptions Options(IKeyProvider? keys = null) =>
        (Backend == Backend.Sqlite
            ? CaseStoreOptions.ForSqlite(Target, keys ?? TestKeys.Provider("k1"))
            : CaseStoreOptions.ForPostgreSql(Target, keys ?? TestKeys.Provider("k1"))) with { TimeProvider = Clock };

    public async Task<CaseStore> OpenAsync(IKeyProvider? keys = null)
    {
        var store = await CaseStore.OpenAsync(Options(keys));
        _stores.Add(store);
        return store;
    }

    public DbConnection RawConnection() => Backend == Backend.Sqlite
        ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Target, Pooling = false }.ToString())
        : new NpgsqlConnection(Target);

    public async Task<int> ExecuteRawAsync(string sql, object? parameters = null)
    {
        await using var connection = RawConnection();
        await connection.OpenAsync();
        return await connection.ExecuteAsync(sql, parameters);
    }

    public async Task<T?> ScalarRawAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = RawConnection();
        await connection.OpenAsync();
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
    }

    public async Task<List<T>> QueryRawAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = RawConnection();
        await connection.OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }

    /// <summary>What an attacker with database access does first: drop the append-only triggers of a table.</summary>
    public Task DropAppendOnlyGuardAsync(string table) => Backend == Backend.Sqlite
        ? ExecuteRawAsync($"DROP TRIGGER IF EXISTS {table}_no_update; DROP TRIGGER IF EXISTS {table}_no_delete;")
        : ExecuteRawAsync($"DROP TRIGGER IF EXISTS {table}_append_only ON {table}");

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind does not affect other tests.
            }
        }

        if (_schema is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Backends.PostgresConnectionString());
            await connection.OpenAsync();
            await connection.ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        }
    }
}
