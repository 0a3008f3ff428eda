namespace Tma.Models.Diagnostics;

/// <summary>A place in a source file: 1-based line and column. Line 0 means "the file as a whole".</summary>
/// <param name="File">Path of the file as the user gave it.</param>
/// <param name="Line">1-based line, or 0 when the problem concerns the whole file.</param>
/// <param name="Column">1-based column, or 0 when the problem concerns the whole file.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location that names only the file.</summary>
    public static SourceLocation WholeFile(string file) => new(file, 0, 0);

    /// <summary>The location moved <paramref name="columns"/> characters to the right on the same line.</summary>
    public SourceLocation Offset(int columns) => this with { Column = Column + columns };

    /// <summary>Formats as <c>file:line:column</c> (or just <c>file</c> for whole-file locations).</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
