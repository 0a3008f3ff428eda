namespace Tma.Research.Datasets;

/// <summary>How a dataset file is read. Immutable; the defaults stop at the first bad row.</summary>
public sealed record DatasetReadOptions
{
    /// <summary>The default options.</summary>
    public static DatasetReadOptions Default { get; } = new();

    /// <summary>Name of the outcome column (values exactly <c>0</c> or <c>1</c>); default <c>outcome</c>.</summary>
    public string OutcomeColumn { get; init; } = "outcome";

    /// <summary>Name of the optional case-key column (never a feature); default <c>case_key</c>.</summary>
    public string KeyColumn { get; init; } = "case_key";

    /// <summary>
    /// When true, a dataset without the outcome column is read too (every row's <see cref="DatasetRow.Outcome"/> is then
    /// false), for scoring rows whose outcome is not known; default false: the outcome column is required. An outcome
    /// column that is present is always checked.
    /// </summary>
    public bool OutcomeOptional { get; init; }

    /// <summary>
    /// Name of the follow-up time column of a time-to-event analysis (finite numbers ≥ 0, e.g. days; the outcome is then
    /// the event indicator: 1 = the event happened at that time, 0 = censored then), or null (default) for none. When
    /// set, the column is required and every cell must hold a time.
    /// </summary>
    public string? TimeColumn { get; init; }

    /// <summary>When true, bad rows are skipped and counted instead of stopping the read; default false.</summary>
    public bool SkipBadRows { get; init; }

    /// <summary>How many row errors are kept for reporting when bad rows are skipped; default 20.</summary>
    public int MaxReportedErrors { get; init; } = 20;

    /// <summary>
    /// Columns that are expected in the file but not read (for example the other model's inputs when two models are
    /// compared on one dataset). Any other column the model does not know is still an error. Empty by default.
    /// </summary>
    public IReadOnlySet<string> IgnoredColumns { get; init; } = new HashSet<string>();
}
