namespace Tma.CaseStore;

/// <summary>Settings of a judgement export: the assessors' summary ratings of one model, for inter-rater agreement (see docs/case-store.md).</summary>
public sealed record JudgementExportOptions
{
    /// <summary>The model package whose assessments the decisions respond to (e.g. <c>workplace-violence-screening</c>); decisions on other models, or on no model, are left out.</summary>
    public required string PackageId { get; init; }

    /// <summary>
    /// The judgement fields to export, one column each, in this order: the model's <b>rating</b> fields. A value that is
    /// not a rating id (lower-case name) is never written, so free text such as a formulation cannot leave the store
    /// through this export even when a text field is named here.
    /// </summary>
    public required IReadOnlyList<string> Fields { get; init; }

    /// <summary>Keyed into the case and rater pseudonyms, as in <see cref="AnonymizedExportOptions.Purpose"/>; the same purpose gives the same case pseudonyms as the anonymized export.</summary>
    public string Purpose { get; init; } = "research";
}

/// <summary>What a judgement export wrote (also summarised in the audit trail).</summary>
/// <param name="CasesConsidered">Cases in the tenant that were not shredded.</param>
/// <param name="CasesRated">Cases with at least one exported rating row.</param>
/// <param name="Raters">Distinct raters (pseudonymous) in the output.</param>
/// <param name="RowsWritten">Rows in the CSV: one per case and rater, the rater's latest decision on that case.</param>
/// <param name="EarlierDecisionsSkipped">Decisions replaced by the same rater's later decision on the same case.</param>
/// <param name="ValuesWithheld">Values that were not rating ids (free text) and were left empty.</param>
/// <param name="Columns">The CSV header, in order: <c>case</c>, <c>rater</c>, then the fields.</param>
public sealed record JudgementExportReport(
    int CasesConsidered,
    int CasesRated,
    int Raters,
    int RowsWritten,
    int EarlierDecisionsSkipped,
    int ValuesWithheld,
    IReadOnlyList<string> Columns);
