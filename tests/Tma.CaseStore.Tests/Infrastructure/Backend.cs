namespace Tma.CaseStore.Tests.Infrastructure;

/// <summary>The databases every store test runs against.</summary>
public enum Backend
{
    Sqlite,
    Postgres,
}

public static class Backends
{
    public const string PostgresVariable = "TMA_TEST_POSTGRES";

    /// <summary>Theory data: every test runs once per backend.</summary>
    public static TheoryData<Backend> All => new() { Backend.Sqlite, Backend.Postgres };

    /// <summary>
    /// The PostgreSQL connection string, or a skip with the reason when it is not configured. Under CI=true a
    /// missing PostgreSQL is a failure, never a skip.
    /// </summary>
    public static string PostgresConnectionString()
    {
        var connectionString = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"CI=true but {PostgresVariable} is not set: the PostgreSQL case-store tests must run in CI. Run `eval \"$(bash .ci/postgres.sh)\"` first.");
        }

        Skip.If(true, $"PostgreSQL tests skipped: {PostgresVariable} is not set. Run `eval \"$(bash .ci/postgres.sh)\"` (as root) to run them locally.");
        throw new InvalidOperationException("unreachable");
    }
}
