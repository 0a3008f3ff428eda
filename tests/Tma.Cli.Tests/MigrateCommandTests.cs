using Microsoft.Data.Sqlite;

namespace Tma.Cli.Tests;

/// <summary>`tma migrate` brings a database to the current schema and prints the SQL for a DBA.</summary>
public sealed class MigrateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tma-migrate-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void An_empty_database_is_brought_to_the_current_schema_and_a_second_run_changes_nothing()
    {
        var db = Path.Combine(_directory, "tma.db");
        var latest = Tma.CaseStore.CaseStore.SchemaVersion;

        var first = Cli.Run("migrate", "--store", db);
        var second = Cli.Run("migrate", "--store", db);

        Assert.Equal(0, first.Exit);
        Assert.Equal($"tma migrate: schema version 0 -> {latest} ({latest} migration(s) applied)", first.Out.Trim());
        Assert.Equal(0, second.Exit);
        Assert.Equal($"tma migrate: the schema is current (version {latest})", second.Out.Trim());
        Assert.Equal(Enumerable.Range(1, latest).Select(v => (long)v), Versions(db));
    }

    [Fact]
    public void The_script_from_an_empty_database_creates_the_same_schema_as_migrate()
    {
        var bySql = Path.Combine(_directory, "by-script.db");
        var byTool = Path.Combine(_directory, "by-tool.db");

        var script = Cli.Run("migrate", "--script", "--from", "0");
        Assert.Equal(0, script.Exit);
        using (var connection = new SqliteConnection($"Data Source={bySql}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = script.Out;
            command.ExecuteNonQuery();
        }

        Cli.Run("migrate", "--store", byTool);

        Assert.Equal(Schema(byTool), Schema(bySql));
        Assert.Equal(Versions(byTool), Versions(bySql));
    }

    [Fact]
    public void The_script_of_a_current_database_has_no_migration_and_changes_nothing()
    {
        var db = Path.Combine(_directory, "tma.db");
        Cli.Run("migrate", "--store", db);

        var script = Cli.Run("migrate", "--store", db, "--script");

        Assert.Equal(0, script.Exit);
        Assert.DoesNotContain("BEGIN;", script.Out, StringComparison.Ordinal);
        Assert.Contains($"schema {Tma.CaseStore.CaseStore.SchemaVersion} -> {Tma.CaseStore.CaseStore.SchemaVersion}", script.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "migrate" }, "give the database")]
    [InlineData(new[] { "migrate", "--script" }, "give the database (--store or --postgres) or the version to start from (--from)")]
    [InlineData(new[] { "migrate", "--script", "--from", "99" }, "schema version 99 is not one this tool knows")]
    public void Missing_or_impossible_input_is_a_usage_error(string[] args, string message)
    {
        var (exit, output, error) = Cli.Run(args);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private static long[] Versions(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
        using var reader = command.ExecuteReader();
        var versions = new List<long>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt64(0));
        }

        return [.. versions];
    }

    private static string[] Schema(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return [.. rows];
    }
}
