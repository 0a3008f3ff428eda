namespace Tma.Models.Diagnostics;

/// <summary>Collects every problem found while reading a file so that all of them are reported at once.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>All diagnostics collected so far, in the order they were found.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>True when at least one error was reported.</summary>
    public bool HasErrors => _items.Exists(d => d.Severity == Severity.Error);

    /// <summary>Reports an error.</summary>
    public void Error(string code, SourceLocation location, string message) =>
        _items.Add(new Diagnostic(code, Severity.Error, location, message));

    /// <summary>Reports a warning.</summary>
    public void Warning(string code, SourceLocation location, string message) =>
        _items.Add(new Diagnostic(code, Severity.Warning, location, message));

    /// <summary>Adds diagnostics found elsewhere.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>The diagnostics sorted by file, line and column, as users read them.</summary>
    public IReadOnlyList<Diagnostic> Sorted() => _items.Count == 0 ? [] :
        [.. _items.OrderBy(d => d.Location.File, StringComparer.Ordinal)
                  .ThenBy(d => d.Location.Line)
                  .ThenBy(d => d.Location.Column)];
}
