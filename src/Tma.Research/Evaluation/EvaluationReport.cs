namespace Tma.Research.Evaluation;

/// <summary>
/// Everything <c>tma evaluate</c> reports about one score (a model's output or a dataset column) on one dataset: how it
/// was produced (provenance), discrimination of the continuous score, calibration when the score is a probability,
/// figures of the categorical level users see, and subgroup figures. Figures that cannot be computed are listed in
/// <see cref="Skipped"/> with the reason, never silently left out. Property names are the stable names of
/// <c>report.json</c> (camelCase), documented in docs/evaluation.md.
/// </summary>
public sealed record EvaluationReport
{
    /// <summary>The version of this report's layout; raised when a name changes meaning or disappears.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Layout version, <see cref="CurrentFormatVersion"/>.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Where every figure comes from: tool, dataset fingerprint, model id/version/hash, seed.</summary>
    public required EvaluationProvenance Provenance { get; init; }

    /// <summary>Rows evaluated, events and the base rate.</summary>
    public required SampleSummary Sample { get; init; }

    /// <summary>Discrimination of the continuous score (AUC, ROC, precision-recall, distribution, cut-offs).</summary>
    public required ScoreEvaluation Score { get; init; }

    /// <summary>Probability-scale figures (Brier, calibration, ECE, Hosmer-Lemeshow), or why they were skipped.</summary>
    public required CalibrationEvaluation Calibration { get; init; }

    /// <summary>Figures of the level (band) users see, or why there is none.</summary>
    public required LevelEvaluation Levels { get; init; }

    /// <summary>One entry per analysed <c>group:</c> column (2 to the allowed number of labels); the others are listed in <see cref="Skipped"/>.</summary>
    public required IReadOnlyList<SubgroupEvaluation> Subgroups { get; init; }

    /// <summary>Net benefit across threshold probabilities (decision curve), or null when no probability is available (see <see cref="Skipped"/>).</summary>
    public DecisionCurveEvaluation? DecisionCurve { get; init; }

    /// <summary>
    /// Time-to-event figures when the dataset has a follow-up time column (<c>--time</c>); null otherwise, and then left
    /// out of <c>report.json</c> so that reports without a time column keep their layout.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public TimeToEventEvaluation? TimeToEvent { get; init; }

    /// <summary>Every figure that was not computed, with the reason.</summary>
    public required IReadOnlyList<SkippedFigure> Skipped { get; init; }

    /// <summary>
    /// The optimism bootstrap of the score's logistic recalibration (<c>--validate-bootstrap B</c>), or null when not asked for
    /// (docs/evaluation.md, <c>internalValidation</c>).
    /// </summary>
    public InternalValidation? InternalValidation { get; init; }

    /// <summary>Things to read the figures with (missing input columns, rows with insufficient information, few events).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}
