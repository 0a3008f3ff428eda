namespace Tma.CaseStore;

/// <summary>Which database the store uses.</summary>
public enum StoreBackend
{
    /// <summary>An embedded SQLite file (WAL mode); the default for a single host.</summary>
    Sqlite = 1,

    /// <summary>A PostgreSQL database shared by many hosts.</summary>
    PostgreSql = 2,
}

/// <summary>How to open a <see cref="CaseStore"/>. Create with <see cref="ForSqlite"/> or <see cref="ForPostgreSql"/>.</summary>
public sealed record CaseStoreOptions
{
    private CaseStoreOptions(StoreBackend backend, string connection, IKeyProvider keyProvider)
    {
        Backend = backend;
        Connection = connection;
        KeyProvider = keyProvider;
    }

    /// <summary>Options for an SQLite file; it and its schema are created if missing.</summary>
    /// <param name="path">The database file path.</param>
    /// <param name="keyProvider">The key-encryption keys.</param>
    /// <returns>The options.</returns>
    public static CaseStoreOptions ForSqlite(string path, IKeyProvider keyProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(keyProvider);
        return new(StoreBackend.Sqlite, path, keyProvider);
    }

    /// <summary>Options for a PostgreSQL database; its schema is created or migrated if needed (the role needs CREATE on the schema in its search path).</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="keyProvider">The key-encryption keys.</param>
    /// <returns>The options.</returns>
    public static CaseStoreOptions ForPostgreSql(string connectionString, IKeyProvider keyProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(keyProvider);
        return new(StoreBackend.PostgreSql, connectionString, keyProvider);
    }

    /// <summary>The database kind.</summary>
    public StoreBackend Backend { get; }

    /// <summary>The SQLite path or the PostgreSQL connection string.</summary>
    public string Connection { get; }

    /// <summary>The key-encryption keys.</summary>
    public IKeyProvider KeyProvider { get; }

    /// <summary>The clock for every time the store records; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The largest document accepted, in bytes; default 32 MiB.</summary>
    public long MaxDocumentBytes { get; init; } = 32L * 1024 * 1024;

    /// <inheritdoc />
    public override string ToString() => $"CaseStoreOptions {{ Backend = {Backend} }}";
}
