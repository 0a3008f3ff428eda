namespace Tma.CaseStore;

/// <summary>Settings of an anonymized export (see docs/case-store.md for the CSV format).</summary>
public sealed record AnonymizedExportOptions
{
    /// <summary>Every combination of quasi-identifier values in the output appears in at least this many rows; default 5, at least 2.</summary>
    public int K { get; init; } = 5;

    /// <summary>
    /// The columns that, combined, could single someone out (for example <c>category</c> or <c>in:department</c>),
    /// most useful first: when rows must be generalised the <b>last</b> one is suppressed first. Default: <c>category</c>.
    /// Allowed: <c>category</c>, <c>status</c>, <c>level</c>, <c>decision_level</c>, <c>decision_agreement</c>, <c>package</c>, <c>package_version</c> and any <c>in:&lt;input id&gt;</c>.
    /// </summary>
    public IReadOnlyList<string> QuasiIdentifiers { get; init; } = ["category"];

    /// <summary>
    /// Keyed into the pseudonyms, so exports for different purposes (studies) cannot be linked by pseudonym; exports
    /// with the same purpose from the same tenant can. Default <c>research</c>.
    /// </summary>
    public string Purpose { get; init; } = "research";
}

/// <summary>What an anonymized export wrote and what it suppressed (also summarised in the audit trail).</summary>
/// <param name="CasesConsidered">Cases in the tenant that were not shredded.</param>
/// <param name="CasesShredded">Shredded cases, left out.</param>
/// <param name="RowsWritten">Rows in the CSV (one per case).</param>
/// <param name="RowsSuppressed">Rows withheld because even with every quasi-identifier suppressed they would fall in a group smaller than k.</param>
/// <param name="CellsSuppressed">Per quasi-identifier column, how many cells were replaced by <c>*</c>.</param>
/// <param name="K">The k used.</param>
/// <param name="QuasiIdentifiers">The quasi-identifiers used.</param>
/// <param name="Columns">The CSV header, in order.</param>
public sealed record ExportReport(
    int CasesConsidered,
    int CasesShredded,
    int RowsWritten,
    int RowsSuppressed,
    IReadOnlyDictionary<string, int> CellsSuppressed,
    int K,
    IReadOnlyList<string> QuasiIdentifiers,
    IReadOnlyList<string> Columns);
