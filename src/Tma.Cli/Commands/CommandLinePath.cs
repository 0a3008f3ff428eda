namespace Tma.Cli.Commands;

/// <summary>
/// A path given on the command line, normalised once by the parser (<see cref="PathOptions"/>).
/// </summary>
/// <param name="Full">
/// What commands open: <c>~/</c> expanded, made absolute against the current directory, without a trailing directory
/// separator; <c>-</c> stays <c>-</c>.
/// </param>
/// <param name="Given">The path as the user typed it, for messages.</param>
internal sealed record CommandLinePath(string Full, string Given)
{
    /// <summary>The value <c>-</c>: reserved for standard input or output, never normalised.</summary>
    public bool IsStandardStream => Given == PathOptions.StandardStream;

    /// <summary>
    /// A path named after this one (<c>tma.db</c> → <c>tma.db.keys</c>), in both forms: a trailing separator the user
    /// typed is dropped first, as it was from <see cref="Full"/>.
    /// </summary>
    public CommandLinePath Derive(Func<string, string> name) => new(name(Full), name(Path.TrimEndingDirectorySeparator(Given)));

    /// <summary>The path with <paramref name="suffix"/> appended to its name (see <see cref="Derive"/>).</summary>
    public CommandLinePath WithSuffix(string suffix) => Derive(path => path + suffix);

    /// <summary>The path as typed: what messages and the help's default values show.</summary>
    public override string ToString() => Given;
}
