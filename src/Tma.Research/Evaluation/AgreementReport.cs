using Tma.Research.Evaluation.Statistics;
using Tma.Scoring.Assessments;

namespace Tma.Research.Evaluation;

/// <summary>
/// Inter-rater agreement of several raters coding the same cases (<c>tma agreement</c>): per item and for the summary
/// level. Property names are the stable names of <c>report.json</c> (docs/evaluation.md).
/// </summary>
public sealed record AgreementReport
{
    /// <summary>Layout version, <see cref="EvaluationReport.CurrentFormatVersion"/>.</summary>
    public int FormatVersion { get; init; } = EvaluationReport.CurrentFormatVersion;

    /// <summary>Where the figures come from.</summary>
    public required AgreementProvenance Provenance { get; init; }

    /// <summary>One entry per item column, then the summary level (when the file has a level column).</summary>
    public required IReadOnlyList<ItemAgreement> Items { get; init; }

    /// <summary>Every figure that was not computed, with the reason.</summary>
    public required IReadOnlyList<SkippedFigure> Skipped { get; init; }
}

/// <summary>What agreement figures can be traced back to.</summary>
public sealed record AgreementProvenance
{
    /// <summary>The program, <c>tma</c>.</summary>
    public string Tool { get; init; } = "tma";

    /// <summary>Version of the program.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>File name of the ratings (without folders).</summary>
    public required string File { get; init; }

    /// <summary><c>sha256:&lt;hex&gt;</c> over the file bytes.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Data rows (one per case and rater).</summary>
    public required int Rows { get; init; }

    /// <summary>Distinct cases.</summary>
    public required int Cases { get; init; }

    /// <summary>Distinct raters (their ids are not reported).</summary>
    public required int Raters { get; init; }

    /// <summary>The model whose input levels and output levels give the categories their order, or null (numeric codes).</summary>
    public ModelReference? Model { get; init; }

    /// <summary><c>long</c> (a row per case and rater) or <c>wide</c> (a row per case, a column per rater, one item).</summary>
    public string? Layout { get; init; }

    /// <summary>Seed of the bootstrap of Krippendorff's α; null when no bootstrap ran.</summary>
    public int? Seed { get; init; }

    /// <summary>Bootstrap resamples (0 = none).</summary>
    public int? BootstrapResamples { get; init; }
}

/// <summary>Agreement on one item (or on the summary level).</summary>
public sealed record ItemAgreement
{
    /// <summary>The column name.</summary>
    public required string Item { get; init; }

    /// <summary>True for the summary: the level column, or the summary rating field of the model's judgement.</summary>
    public required bool IsLevel { get; init; }

    /// <summary><c>levels</c> (categories from the model, in their order) or <c>numeric</c> (values as given, categories = distinct values ascending).</summary>
    public required string Scale { get; init; }

    /// <summary>The ordered categories the κ statistics use.</summary>
    public required IReadOnlyList<string> Categories { get; init; }

    /// <summary>Cases with at least one rating of this item.</summary>
    public required int RatedCases { get; init; }

    /// <summary>Cases rated by every rater (the cases κ, Fleiss' κ and the ICC use; Krippendorff's α uses all pairable ratings).</summary>
    public required int CompleteCases { get; init; }

    /// <summary>Cohen's κ (two raters only).</summary>
    public KappaResult? CohenKappa { get; init; }

    /// <summary>Cohen's weighted κ with linear weights (two raters only).</summary>
    public KappaResult? WeightedKappaLinear { get; init; }

    /// <summary>Cohen's weighted κ with quadratic weights (two raters only).</summary>
    public KappaResult? WeightedKappaQuadratic { get; init; }

    /// <summary>Fleiss' κ over all raters.</summary>
    public FleissKappaResult? FleissKappa { get; init; }

    /// <summary>ICC(1,1), ICC(2,1) (absolute agreement) and ICC(3,1) (consistency) of the values or category positions.</summary>
    public IntraclassCorrelationResult? IntraclassCorrelation { get; init; }

    /// <summary>Krippendorff's α with the ordinal metric, using every pairable rating (missing ratings allowed).</summary>
    public KrippendorffAlphaResult? KrippendorffAlphaOrdinal { get; init; }

    /// <summary>Gwet's AC1 over all raters (nominal categories), on the cases every rater rated.</summary>
    public GwetAc1Result? GwetAc1 { get; init; }
}

/// <summary>How <see cref="AgreementEvaluator"/> reads a ratings file.</summary>
public sealed record AgreementOptions
{
    /// <summary>The defaults.</summary>
    public static AgreementOptions Default { get; } = new();

    /// <summary>Column with the case pseudonym. Default <c>case</c>.</summary>
    public string CaseColumn { get; init; } = "case";

    /// <summary>Column with the rater pseudonym. Default <c>rater</c>.</summary>
    public string RaterColumn { get; init; } = "rater";

    /// <summary>Column with the summary level, optional. Default <c>level</c>.</summary>
    public string LevelColumn { get; init; } = "level";

    /// <summary>Version written to the provenance; null = the engine version.</summary>
    public string? ToolVersion { get; init; }

    /// <summary>
    /// Wide layout: one row per case, one column per rater, the cells one item's ratings (as <c>psych::ICC(x)</c> and
    /// <c>irr::kappam.fleiss(x)</c> take them). A column named <see cref="CaseColumn"/> holds the case ids if present;
    /// otherwise the case is the row number. <see cref="RaterColumn"/> is not used.
    /// </summary>
    public bool Wide { get; init; }

    /// <summary>Wide layout: the item the ratings belong to (a model input, judgement rating field or the level column with a model); null = the file name without extension.</summary>
    public string? Item { get; init; }

    /// <summary>Wide layout: the case column must be present (it was named explicitly), instead of falling back to row numbers.</summary>
    public bool RequireCaseColumn { get; init; }

    /// <summary>Seed of the bootstrap of Krippendorff's α. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Resamples of the bootstrap of Krippendorff's α; 0 = none, else at least 10. Default 1000.</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>All problems with these options, or none.</summary>
    public IReadOnlyList<string> Validate() =>
        BootstrapResamples is not 0 and < 10
            ? [string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the number of bootstrap resamples must be 0 (off) or at least 10, not {BootstrapResamples}")]
            : [];
}
