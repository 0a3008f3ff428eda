using Dapper;

namespace Tma.CaseStore;

/// <summary>A versioned schema change. Versions are applied in order, each in its own transaction, at start-up.</summary>
internal sealed record Migration(int Version, string Description, Func<SqlDialect, IEnumerable<string>> Statements);

/// <summary>The schema's history and the code that brings a database up to date.</summary>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "tenants, cases, keys, members, observations, assessments, decisions, documents, audit log", Initial),
        new(2, "decisions: the assessor's structured professional judgement", AssessorJudgement),
        new(3, "observations: the reliability of the source", ObservationReliability),
        new(4, "assessments: the date the case was assessed as of", AssessmentAsOf),
        new(5, "the process around the score: review schedule, persons of a case, four-eyes confirmation of overrides", ProcessAroundTheScore),
        new(6, "tasks and notes of the case team", TasksAndNotes),
    ];

    public static int Latest => All[^1].Version;

    // The assessor's own ratings and formulation beside the model's result (encrypted JSON; null for older decisions).
    private static IEnumerable<string> AssessorJudgement(SqlDialect d)
    {
        yield return $"ALTER TABLE decisions ADD COLUMN judgement {d.Blob} NULL";
    }

    // How directly the source knows the fact (encrypted like the source; null for older observations and when unstated).
    private static IEnumerable<string> ObservationReliability(SqlDialect d)
    {
        yield return $"ALTER TABLE observations ADD COLUMN reliability {d.Blob} NULL";
    }

    // The date the facts were taken as of (null for older assessments, which were as of the time they were made).
    private static IEnumerable<string> AssessmentAsOf(SqlDialect d)
    {
        yield return "ALTER TABLE assessments ADD COLUMN as_of BIGINT NULL";
    }

    // Issue 15. The case's next review (a date in clear, like retain_until, so that due reviews can be listed without
    // unwrapping keys; its reason is encrypted), the persons of a case (references and notes encrypted; a removed
    // person keeps a tombstone without content), whether a decision waits for a second case manager (null for older
    // decisions, which took effect when recorded) and the second case manager's confirmation or rejection.
    private static IEnumerable<string> ProcessAroundTheScore(SqlDialect d)
    {
        yield return "ALTER TABLE cases ADD COLUMN next_review_at BIGINT NULL";
        yield return $"ALTER TABLE cases ADD COLUMN review_reason {d.Blob} NULL";
        yield return "ALTER TABLE cases ADD COLUMN review_source TEXT NULL";
        yield return "ALTER TABLE cases ADD COLUMN review_set_by TEXT NULL";
        yield return "ALTER TABLE cases ADD COLUMN review_set_at BIGINT NULL";
        yield return "CREATE INDEX ix_cases_review ON cases (tenant_id, next_review_at)";
        yield return $"""
            CREATE TABLE case_persons (
                tenant_id TEXT NOT NULL,
                id TEXT NOT NULL,
                case_id TEXT NOT NULL,
                person_role TEXT NOT NULL,
                reference {d.Blob} NULL,
                note {d.Blob} NULL,
                added_by TEXT NOT NULL,
                added_at BIGINT NOT NULL,
                removed_by TEXT NULL,
                removed_at BIGINT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id))
            """;
        yield return "CREATE INDEX ix_case_persons_case ON case_persons (tenant_id, case_id, added_at)";
        yield return "ALTER TABLE decisions ADD COLUMN needs_confirmation BIGINT NULL";
        yield return $"""
            CREATE TABLE decision_reviews (
                tenant_id TEXT NOT NULL,
                decision_id TEXT NOT NULL,
                case_id TEXT NOT NULL,
                outcome TEXT NOT NULL,
                comment {d.Blob} NULL,
                reviewed_by TEXT NOT NULL,
                reviewed_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, decision_id),
                FOREIGN KEY (tenant_id, decision_id) REFERENCES decisions (tenant_id, id),
                FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id))
            """;
        foreach (var statement in d.AppendOnlyGuard("decision_reviews"))
        {
            yield return statement;
        }
    }

    // The team's work on a case: tasks (mutable: status, owner, due date, with their own version) and notes
    // (append-only). Texts are encrypted under the case's data key like other content.
    private static IEnumerable<string> TasksAndNotes(SqlDialect d)
    {
        var blob = d.Blob;
        yield return $"""
            CREATE TABLE tasks (
                tenant_id TEXT NOT NULL,
                id TEXT NOT NULL,
                case_id TEXT NOT NULL,
                title {blob} NOT NULL,
                description {blob} NULL,
                owner_id TEXT NOT NULL,
                due_at BIGINT NOT NULL,
                status TEXT NOT NULL,
                assessment_id TEXT NULL,
                action_id {blob} NULL,
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                completed_by TEXT NULL,
                completed_at BIGINT NULL,
                completion_note {blob} NULL,
                cancelled_by TEXT NULL,
                cancelled_at BIGINT NULL,
                cancel_reason {blob} NULL,
                version BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id))
            """;
        yield return "CREATE INDEX ix_tasks_case ON tasks (tenant_id, case_id, due_at)";
        yield return "CREATE INDEX ix_tasks_owner ON tasks (tenant_id, owner_id, status, due_at)";
        yield return $"""
            CREATE TABLE notes (
                tenant_id TEXT NOT NULL,
                id TEXT NOT NULL,
                case_id TEXT NOT NULL,
                text {blob} NOT NULL,
                reply_to_id TEXT NULL,
                author_id TEXT NOT NULL,
                written_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id))
            """;
        yield return "CREATE INDEX ix_notes_case ON notes (tenant_id, case_id, written_at)";
        foreach (var statement in d.AppendOnlyGuard("notes"))
        {
            yield return statement;
        }
    }

    private static IEnumerable<string> Initial(SqlDialect d)
    {
        var blob = d.Blob;
        yield return $"""
            CREATE TABLE tenants (
                id TEXT NOT NULL PRIMARY KEY,
                created_at BIGINT NOT NULL,
                pseudonym_kek_id TEXT NOT NULL,
                pseudonym_key {blob} NOT NULL,
                audit_head_seq BIGINT NOT NULL,
                audit_head_hash {blob} NOT NULL)
            """;
        yield return $"""
            CREATE TABLE cases (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                id TEXT NOT NULL,
                subject_ref {blob} NOT NULL,
                category TEXT NOT NULL,
                status TEXT NOT NULL,
                owner_id TEXT NOT NULL,
                retain_until BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                shredded_at BIGINT NULL,
                version BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, id))
            """;
        yield return $"""
            CREATE TABLE case_keys (
                tenant_id TEXT NOT NULL,
                case_id TEXT NOT NULL,
                kek_id TEXT NOT NULL,
                wrapped_key {blob} NOT NULL,
                wrapped_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, case_id),
                FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id))
            """;
        yield return """
            CREATE TABLE case_members (
                tenant_id TEXT NOT NULL,
                case_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                member_role TEXT NOT NULL,
                added_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, case_id, user_id),
                FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id))
            """;
        yield return $"""
            CREATE TABLE observations (
                tenant_id TEXT NOT NULL,
                id TEXT NOT NULL,
                case_id TEXT NOT NULL,
                input_id {blob} NOT NULL,
                value {blob} NOT NULL,
                source {blob} NOT NULL,
                observed_at BIGINT NOT NULL,
                entered_at BIGINT NOT NULL,
                rater_id TEXT NOT NULL,
                supersedes_id TEXT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id))
            """;
        yield return "CREATE INDEX ix_observations_case ON observations (tenant_id, case_id, observed_at)";
        yield return "CREATE UNIQUE INDEX ux_observations_supersedes ON observations (tenant_id, supersedes_id)";
        yield return $"""
            CREATE TABLE assessments (
                tenant_id TEXT NOT NULL,
                id TEXT NOT NULL,
                case_id TEXT NOT NULL,
                package_id TEXT NOT NULL,
                package_version TEXT NOT NULL,
                package_hash TEXT NOT NULL,
                is_challenger BIGINT NOT NULL,
                level {blob} NOT NULL,
                score {blob} NULL,
                inputs {blob} NOT NULL,
                result {blob} NOT NULL,
                assessed_at BIGINT NOT NULL,
                entered_at BIGINT NOT NULL,
                entered_by TEXT NOT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id))
            """;
        yield return "CREATE INDEX ix_assessments_case ON assessments (tenant_id, case_id, assessed_at)";
        yield return $"""
            CREATE TABLE decisions (
                tenant_id TEXT NOT NULL,
                id TEXT NOT NULL,
                case_id TEXT NOT NULL,
                assessment_id TEXT NULL,
                final_level {blob} NOT NULL,
                rationale {blob} NOT NULL,
                agreement TEXT NOT NULL,
                decided_by TEXT NOT NULL,
                decided_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id))
            """;
        yield return "CREATE INDEX ix_decisions_case ON decisions (tenant_id, case_id, decided_at)";
        yield return $"""
            CREATE TABLE documents (
                tenant_id TEXT NOT NULL,
                id TEXT NOT NULL,
                case_id TEXT NOT NULL,
                name {blob} NOT NULL,
                content_type {blob} NOT NULL,
                size BIGINT NOT NULL,
                content {blob} NOT NULL,
                uploaded_by TEXT NOT NULL,
                uploaded_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id))
            """;
        yield return "CREATE INDEX ix_documents_case ON documents (tenant_id, case_id, uploaded_at)";
        yield return $"""
            CREATE TABLE audit_log (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                seq BIGINT NOT NULL,
                at BIGINT NOT NULL,
                actor_id TEXT NOT NULL,
                actor_role TEXT NOT NULL,
                action TEXT NOT NULL,
                outcome TEXT NOT NULL,
                case_id TEXT NULL,
                record_id TEXT NULL,
                detail TEXT NULL,
                prev_hash {blob} NOT NULL,
                hash {blob} NOT NULL,
                PRIMARY KEY (tenant_id, seq))
            """;

        foreach (var statement in d.AppendOnlySupport())
        {
            yield return statement;
        }

        foreach (var table in new[] { "audit_log", "observations", "assessments", "decisions", "documents" })
        {
            foreach (var statement in d.AppendOnlyGuard(table))
            {
                yield return statement;
            }
        }
    }

    /// <summary>The schema version of the database: 0 when it has none yet.</summary>
    public static async Task<int> CurrentAsync(SqlDialect dialect, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(dialect.IsSqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return exists == 0
            ? 0
            : (int)(await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(version) FROM schema_migrations", cancellationToken: cancellationToken)).ConfigureAwait(false) ?? 0);
    }

    /// <summary>
    /// The SQL that brings a database from <paramref name="after"/> to <see cref="Latest"/>, one transaction per
    /// migration, each recording itself in <c>schema_migrations</c> — for a DBA who applies changes by hand.
    /// </summary>
    public static string Script(SqlDialect dialect, int after)
    {
        var text = new System.Text.StringBuilder();
        text.Append("-- TMA case store: schema ").Append(after).Append(" -> ").Append(Latest).Append(dialect.IsSqlite ? " (SQLite)" : " (PostgreSQL)").Append('\n');
        text.Append("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL);\n");
        foreach (var migration in All.Where(m => m.Version > after))
        {
            text.Append("\n-- ").Append(migration.Version).Append(": ").Append(migration.Description).Append('\n');
            text.Append("BEGIN;\n");
            if (dialect.MigrationLockSql is { } lockSql)
            {
                text.Append(lockSql).Append(";\n");
            }

            foreach (var statement in migration.Statements(dialect))
            {
                text.Append(statement.Trim()).Append(";\n");
            }

            // applied_at in milliseconds since 1970, as the store writes it.
            var now = dialect.IsSqlite ? "CAST(strftime('%s','now') AS INTEGER) * 1000" : "CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT)";
            text.Append("INSERT INTO schema_migrations (version, description, applied_at) VALUES (")
                .Append(migration.Version).Append(", '").Append(migration.Description.Replace("'", "''", StringComparison.Ordinal)).Append("', ").Append(now).Append(");\n");
            text.Append("COMMIT;\n");
        }

        return text.ToString();
    }

    /// <summary>Brings the database up to <see cref="Latest"/>; refuses a database that is newer than this library.</summary>
    public static async Task ApplyAsync(SqlDialect dialect, TimeProvider time, CancellationToken cancellationToken)
    {
        await using (var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            if (dialect.DatabaseSetupSql is { } setup)
            {
                await connection.ExecuteAsync(new CommandDefinition(setup, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }

        // A current database needs no DDL at all: a production role limited to reading and writing rows (the schema
        // changed by a DBA with `tma migrate --script`) must be able to start. PostgreSQL checks the CREATE privilege
        // even for CREATE TABLE IF NOT EXISTS on an existing table, so that statement is not even sent.
        var current = await CurrentAsync(dialect, cancellationToken).ConfigureAwait(false);
        if (current > Latest)
        {
            throw new SchemaVersionException($"The database schema is at version {current}, newer than this library's {Latest}; upgrade the library.");
        }

        if (current == Latest)
        {
            return;
        }

        // Under the migration lock too: PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against itself (two hosts
        // starting together on an empty schema both pass the check and one fails on the catalog's unique index).
        await using (var session = await LockedSessionAsync(dialect, cancellationToken).ConfigureAwait(false))
        {
            await session.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)").ConfigureAwait(false);
            await session.CommitAsync().ConfigureAwait(false);
        }

        foreach (var migration in All)
        {
            await using var session = await LockedSessionAsync(dialect, cancellationToken).ConfigureAwait(false);
            var applied = await session.QueryAsync<long>("SELECT version FROM schema_migrations").ConfigureAwait(false);
            var newest = applied.Count == 0 ? 0 : applied.Max();
            if (newest > Latest)
            {
                throw new SchemaVersionException($"The database schema is at version {newest}, newer than this library's {Latest}; upgrade the library.");
            }

            if (applied.Contains(migration.Version))
            {
                continue;
            }

            try
            {
                foreach (var statement in migration.Statements(dialect))
                {
                    await session.ExecuteAsync(statement).ConfigureAwait(false);
                }

                await session.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@Version, @Description, @At)",
                    new { Version = (long)migration.Version, migration.Description, At = time.GetUtcNow().ToUnixTimeMilliseconds() }).ConfigureAwait(false);
                await session.CommitAsync().ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException ex)
            {
                throw new SchemaVersionException($"Migration {migration.Version} failed and was rolled back.", ex);
            }
        }
    }

    /// <summary>A write transaction holding the migration lock (PostgreSQL: a transaction-scoped advisory lock; SQLite's
    /// BEGIN IMMEDIATE already excludes other writers), so that hosts starting together migrate one after another.</summary>
    private static async Task<Session> LockedSessionAsync(SqlDialect dialect, CancellationToken cancellationToken)
    {
        var session = await Session.BeginAsync(dialect, cancellationToken).ConfigureAwait(false);
        try
        {
            if (dialect.MigrationLockSql is { } lockSql)
            {
                await session.ExecuteAsync(lockSql).ConfigureAwait(false);
            }

            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
