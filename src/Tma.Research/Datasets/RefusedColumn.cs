namespace Tma.Research.Datasets;

/// <summary>A column the identifier screen refuses, and why.</summary>
/// <param name="Column">The header name.</param>
/// <param name="ColumnNumber">1-based field position in the header.</param>
/// <param name="Reason">Why it looks like a direct identifier (never quotes a cell's value).</param>
public sealed record RefusedColumn(string Column, int ColumnNumber, string Reason);
