using Npgsql;
using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.Cli.Tests;

/// <summary>
/// `tma migrate` on PostgreSQL, the production database: the DBA's script and the tool build the same schema, and
/// the script of a current database is empty. Each test works in its own schema (search path), dropped afterwards.
/// </summary>
public sealed class MigratePostgresTests : IAsyncLifetime
{
    private readonly List<string> _schemas = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_schemas.Count == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Backends.PostgresConnectionString());
        await connection.OpenAsync();
        foreach (var schema in _schemas)
        {
            await ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
        }
    }

    [SkippableFact]
    public async Task The_script_from_an_empty_database_creates_the_same_schema_as_migrate()
    {
        var byTool = await NewSchemaAsync();
        var byScript = await NewSchemaAsync();

        var migrated = Cli.Run("migrate", "--postgres", byTool.ConnectionString);
        var script = Cli.Run("migrate", "--script", "--postgres", byScript.ConnectionString);
        Assert.Equal(0, migrated.Exit);
        Assert.Equal(0, script.Exit);
        Assert.Contains("schema 0 -> ", script.Out, StringComparison.Ordinal);
        await using (var connection = new NpgsqlConnection(byScript.ConnectionString))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, script.Out);
        }

        Assert.Equal(await ShapeAsync(byTool), await ShapeAsync(byScript));
        Assert.Equal(Enumerable.Range(1, Tma.CaseStore.CaseStore.SchemaVersion).Select(v => (long)v), await VersionsAsync(byScript));
        Assert.Equal(await VersionsAsync(byTool), await VersionsAsync(byScript));
    }

    [SkippableFact]
    public async Task A_second_run_and_the_script_of_a_current_database_change_nothing()
    {
        var database = await NewSchemaAsync();
        var latest = Tma.CaseStore.CaseStore.SchemaVersion;

        var first = Cli.Run("migrate", "--postgres", database.ConnectionString);
        var shape = await ShapeAsync(database);
        var second = Cli.Run("migrate", "--postgres", database.ConnectionString);
        var script = Cli.Run("migrate", "--script", "--postgres", database.ConnectionString);

        Assert.Equal($"tma migrate: schema version 0 -> {latest} ({latest} migration(s) applied)", first.Out.Trim());
        Assert.Equal($"tma migrate: the schema is current (version {latest})", second.Out.Trim());
        Assert.Equal(0, script.Exit);
        Assert.DoesNotContain("BEGIN;", script.Out, StringComparison.Ordinal);
        Assert.Equal(shape, await ShapeAsync(database));
    }

    [SkippableFact]
    public async Task A_role_that_may_only_read_and_write_rows_runs_the_store_on_a_schema_the_DBA_migrated()
    {
        var database = await NewSchemaAsync();
        var rowsRole = Environment.GetEnvironmentVariable("TMA_TEST_POSTGRES_ROWS_ROLE");
        Skip.If(string.IsNullOrEmpty(rowsRole) && Environment.GetEnvironmentVariable("CI") != "true", "TMA_TEST_POSTGRES_ROWS_ROLE is not set (bash .ci/postgres.sh sets it)");
        Assert.False(string.IsNullOrEmpty(rowsRole), "CI=true but TMA_TEST_POSTGRES_ROWS_ROLE is not set");
        Assert.Equal(0, Cli.Run("migrate", "--postgres", database.ConnectionString).Exit);
        await using (var owner = new NpgsqlConnection(database.ConnectionString))
        {
            // What docs/operations.md tells a DBA to grant the host's role: rows, never DDL.
            await owner.OpenAsync();
            await ExecuteAsync(owner, $"GRANT USAGE ON SCHEMA {database.SearchPath} TO {rowsRole}");
            await ExecuteAsync(owner, $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {database.SearchPath} TO {rowsRole}");
            await ExecuteAsync(owner, $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {database.SearchPath} TO {rowsRole}");
        }

        var rows = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = rowsRole };
        var keys = Tma.CaseStore.LocalKeyProvider.Parse(Tma.CaseStore.LocalKeyProvider.GenerateEntry("k1"));
        await using var store = await Tma.CaseStore.CaseStore.OpenAsync(Tma.CaseStore.CaseStoreOptions.ForPostgreSql(rows.ConnectionString, keys));
        var admin = new Tma.CaseStore.Caller("admin-1", "acme", Tma.CaseStore.CallerRole.Administrator);
        var manager = new Tma.CaseStore.Caller("manager-1", "acme", Tma.CaseStore.CallerRole.CaseManager);
        await store.CreateTenantAsync(admin);
        var created = await store.CreateCaseAsync(manager, new Tma.CaseStore.NewCase("rows-only subject", Tma.CaseStore.CaseCategory.Violence, new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal("rows-only subject", (await store.GetCaseAsync(manager, created.Id)).SubjectReference);
        Assert.True((await store.VerifyAuditChainAsync(new Tma.CaseStore.Caller("auditor-1", "acme", Tma.CaseStore.CallerRole.Auditor))).IsValid);
    }

    private async Task<NpgsqlConnectionStringBuilder> NewSchemaAsync()
    {
        var baseConnection = Backends.PostgresConnectionString();
        var schema = "m_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(baseConnection))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, $"CREATE SCHEMA {schema}");
        }

        _schemas.Add(schema);
        return new NpgsqlConnectionStringBuilder(baseConnection) { SearchPath = schema };
    }

    /// <summary>Every column (type, nullability, default) and every index definition, with the schema name taken out.</summary>
    private static async Task<string[]> ShapeAsync(NpgsqlConnectionStringBuilder database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var rows = new List<string>();
        await using (var columns = new NpgsqlCommand(
            """
            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, column_name
            """, connection))
        await using (var reader = await columns.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        await using (var indexes = new NpgsqlCommand(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname", connection))
        await using (var reader = await indexes.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0).Replace(database.SearchPath + ".", "", StringComparison.Ordinal));
            }
        }

        Assert.NotEmpty(rows);
        return [.. rows];
    }

    private static async Task<long[]> VersionsAsync(NpgsqlConnectionStringBuilder database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<long>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt64(0));
        }

        return [.. versions];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
