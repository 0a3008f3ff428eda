using System.Data;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;

namespace Tma.CaseStore;

/// <summary>One statement with its parameters (named <c>@Name</c> in the text), built ahead of the transaction that runs it.</summary>
internal sealed record SqlStatement(string Sql, params (string Name, object? Value, DbType Type)[] Parameters);

/// <summary>
/// Several statements sent as one command: PostgreSQL gets them in one round trip (Npgsql pipelines the statements
/// of a command), SQLite runs them in one call. Each statement's parameters get their own prefix, so statements can
/// use the same names. Parameter types are explicit, so that a null still has its column's type on PostgreSQL.
/// </summary>
internal sealed partial class SqlBatch
{
    private readonly StringBuilder _sql = new();
    private readonly DynamicParameters _parameters = new();

    /// <summary>How many statements were added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a statement that names its parameters <c>@Name</c>.</summary>
    public SqlBatch Add(string sql, params ReadOnlySpan<(string Name, object? Value, DbType Type)> parameters)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"s{Count}_");
        _sql.Append(ParameterReference().Replace(sql, "@" + prefix + "$1")).Append(";\n");
        foreach (var (name, value, type) in parameters)
        {
            _parameters.Add(prefix + name, value, type);
        }

        Count++;
        return this;
    }

    /// <summary>Adds a prepared statement.</summary>
    public SqlBatch Add(SqlStatement statement) => Add(statement.Sql, statement.Parameters);

    /// <summary>Runs every statement in the session's transaction.</summary>
    public Task<int> ExecuteAsync(Session session) => session.ExecuteAsync(_sql.ToString(), _parameters);

    [GeneratedRegex(@"@(\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterReference();
}
