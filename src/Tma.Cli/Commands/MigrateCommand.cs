using System.CommandLine;
using Tma.CaseStore;

namespace Tma.Cli.Commands;

/// <summary><c>tma migrate</c>: brings a case-store database to this version's schema, or prints the SQL for a DBA.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var store = PathOptions.Output("--store", null, "SQLite file of the embedded store.");
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string; replaces --store." };
        var script = new Option<bool>("--script") { Description = "Print the SQL of the pending migrations instead of applying them (reads the database's version; nothing is changed)." };
        var from = new Option<int?>("--from") { Description = "With --script and no database: the version to start from (0 = an empty database)." };
        var command = new Command("migrate", """
            Bring a case-store database to this version's schema: each pending migration in its own transaction,
            recorded in schema_migrations; a database newer than this tool is refused. Needs no store key.
            With --script, print the SQL instead, for a DBA who applies changes by hand.

            Example:
              tma migrate --postgres "Host=db;Database=tma;Username=tma_owner"
              tma migrate --postgres "Host=db;Database=tma;Username=tma_reader" --script > migrate.sql
              tma migrate --script --from 0 > schema.sql
            """);
        foreach (var option in new Option[] { store, postgres, script, from })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var sqlite = parse.GetValue(store);
            var pg = parse.GetValue(postgres);
            var start = parse.GetValue(from);
            if (sqlite is not null && pg is not null)
            {
                error.WriteLine("tma migrate: give --store or --postgres, not both");
                return ExitCodes.BadInput;
            }

            var backend = pg is not null ? StoreBackend.PostgreSql : StoreBackend.Sqlite;
            var connection = pg ?? sqlite?.Full;
            try
            {
                if (parse.GetValue(script))
                {
                    if (connection is null && start is null)
                    {
                        error.WriteLine("tma migrate --script: give the database (--store or --postgres) or the version to start from (--from)");
                        return ExitCodes.BadInput;
                    }

                    var after = start ?? await CaseStore.CaseStore.SchemaVersionOfAsync(backend, connection!, ct).ConfigureAwait(false);
                    if (after < 0 || after > CaseStore.CaseStore.SchemaVersion)
                    {
                        error.WriteLine($"tma migrate: schema version {after} is not one this tool knows (0–{CaseStore.CaseStore.SchemaVersion})");
                        return ExitCodes.BadInput;
                    }

                    output.Write(CaseStore.CaseStore.MigrationScript(backend, after));
                    return ExitCodes.Ok;
                }

                if (connection is null)
                {
                    error.WriteLine("tma migrate: give the database: --store <file> or --postgres <connection string>");
                    return ExitCodes.BadInput;
                }

                var done = await CaseStore.CaseStore.MigrateAsync(backend, connection, cancellationToken: ct).ConfigureAwait(false);
                output.WriteLine(done.From == done.To
                    ? $"tma migrate: the schema is current (version {done.To})"
                    : $"tma migrate: schema version {done.From} -> {done.To} ({done.To - done.From} migration(s) applied)");
                return ExitCodes.Ok;
            }
            catch (SchemaVersionException ex)
            {
                error.WriteLine($"tma migrate: {ex.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or ArgumentException)
            {
                // The connection string or the database (never its contents) is the user's to fix.
                error.WriteLine($"tma migrate: cannot use the database: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
