namespace Tma.Cli.Commands;

/// <summary>
/// Forwards text to another writer with the path of standard input's temporary copy replaced by <c>&lt;stdin&gt;</c>,
/// so a command that reads <c>-</c> locates its problems as <c>&lt;stdin&gt;:line:column</c>, never by a temporary file
/// that is gone when the command ends.
/// </summary>
internal sealed class RelabellingWriter(TextWriter inner, StandardInput stdin) : TextWriter
{
    public override System.Text.Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value) => inner.Write(value is null ? null : stdin.Relabel(value));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : stdin.Relabel(value));

    public override void Flush() => inner.Flush();
}
