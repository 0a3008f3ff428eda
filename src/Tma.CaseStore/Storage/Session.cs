using System.Data.Common;
using Dapper;

namespace Tma.CaseStore;

/// <summary>One connection and one write transaction; thin wrappers over Dapper.</summary>
internal sealed class Session : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly CancellationToken _cancellationToken;
    private bool _completed;

    private Session(SqlDialect dialect, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        Dialect = dialect;
        _connection = connection;
        _transaction = transaction;
        _cancellationToken = cancellationToken;
    }

    public SqlDialect Dialect { get; }

    public DbConnection Connection => _connection;

    public static async Task<Session> BeginAsync(SqlDialect dialect, CancellationToken cancellationToken)
    {
        var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            return new Session(dialect, connection, transaction, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

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

    public async Task CommitAsync()
    {
        await _transaction.CommitAsync(_cancellationToken).ConfigureAwait(false);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
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
    }
}
