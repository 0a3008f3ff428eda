using System.Data.Common;
using Dapper;

namespace Tma.CaseStore;

/// <summary>One connection and (for writes) one write transaction; thin wrappers over Dapper.</summary>
internal sealed class Session : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction? _transaction;
    private readonly IDisposable? _writerTurn;
    private readonly CancellationToken _cancellationToken;
    private bool _completed;

    private Session(SqlDialect dialect, DbConnection connection, DbTransaction? transaction, IDisposable? writerTurn, CancellationToken cancellationToken)
    {
        Dialect = dialect;
        _connection = connection;
        _transaction = transaction;
        _writerTurn = writerTurn;
        _cancellationToken = cancellationToken;
    }

    public SqlDialect Dialect { get; }

    public DbConnection Connection => _connection;

    /// <summary>Opens a write session: this process's writer turn (SQLite), a connection and a write transaction.</summary>
    public static async Task<Session> BeginAsync(SqlDialect dialect, CancellationToken cancellationToken)
    {
        var turn = await dialect.EnterWriterAsync(cancellationToken).ConfigureAwait(false);
        DbConnection? connection = null;
        try
        {
            connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            return new Session(dialect, connection, transaction, turn, cancellationToken);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            turn?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a read session: a connection without a transaction, each statement reading the latest committed data.
    /// For the reads that prepare a write outside the tenant lock; what they saw is checked again under the lock.
    /// </summary>
    public static async Task<Session> ReadAsync(SqlDialect dialect, CancellationToken cancellationToken) =>
        new(dialect, await dialect.OpenAsync(cancellationToken).ConfigureAwait(false), null, null, cancellationToken);

    private CommandDefinition Command(string sql, object? parameters) =>
        new(sql, parameters, _transaction, cancellationToken: _cancellationToken);

    public Task<int> ExecuteAsync(string sql, object? parameters = null) =>
        _connection.ExecuteAsync(Command(sql, parameters));

    public async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null) =>
        (await _connection.QueryAsync<T>(Command(sql, parameters)).ConfigureAwait(false)).AsList();

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null) =>
        _connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters));

    public Task<T> ScalarAsync<T>(string sql, object? parameters = null) =>
        _connection.ExecuteScalarAsync<T>(Command(sql, parameters))!;

    public Task<SqlMapper.GridReader> QueryMultipleAsync(string sql, object? parameters = null) =>
        _connection.QueryMultipleAsync(Command(sql, parameters));

    public async Task CommitAsync()
    {
        if (_transaction is null)
        {
            throw new InvalidOperationException("A read session has nothing to commit.");
        }

        await _transaction.CommitAsync(_cancellationToken).ConfigureAwait(false);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            return;
        }

        if (!_completed)
        {
            try
            {
                await _transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // The transaction is already finished (for example the connection broke); nothing to roll back.
            }
            catch (DbException)
            {
                // The same, reported by the provider.
            }
        }

        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _writerTurn?.Dispose();
    }
}
