using Dapper;

namespace Tma.CaseStore;

public sealed partial class CaseStore
{
    /// <summary>
    /// True when the database answers and its schema is the one this library expects; used by hosts' readiness
    /// probes. Reads no tenant data and needs no caller.
    /// </summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(version) FROM schema_migrations", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return version == Migrations.Latest;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }
}
