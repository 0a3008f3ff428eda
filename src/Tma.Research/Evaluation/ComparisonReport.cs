using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation;

/// <summary>
/// Two scores of the same rows side by side (<c>tma compare</c>): the full evaluation of each, DeLong's paired test of
/// their AUC difference, and how the level users see changes from A to B. Property names are the stable names of
/// <c>report.json</c> (docs/evaluation.md).
/// </summary>
public sealed record ComparisonReport
{
    /// <summary>Layout version, <see cref="EvaluationReport.CurrentFormatVersion"/>.</summary>
    public int FormatVersion { get; init; } = EvaluationReport.CurrentFormatVersion;

    /// <summary>The evaluation of A on the rows both could score.</summary>
    public required EvaluationReport A { get; init; }

    /// <summary>The evaluation of B on the same rows.</summary>
    public required EvaluationReport B { get; init; }

    /// <summary>DeLong's paired test of AUC(A) − AUC(B) for the continuous scores: difference, SE, z, two-sided p, interval.</summary>
    public required DeLongTestResult ScoreAuc { get; init; }

    /// <summary>The same test for the level ranks, or null when either has no levels.</summary>
    public DeLongTestResult? LevelAuc { get; init; }

    /// <summary>Cross-table of A's level against B's level, or null when either has no levels.</summary>
    public LevelChanges? LevelChanges { get; init; }

    /// <summary>IDI and continuous NRI of B over A on probabilities (recalibrated when a score is not one), or null when they could not be computed.</summary>
    public ReclassificationEvaluation? Reclassification { get; init; }

    /// <summary>Figures of the comparison that were not computed, with the reason (each side lists its own too).</summary>
    public required IReadOnlyList<SkippedFigure> Skipped { get; init; }
}

/// <summary>How the level changes from A to B on the same rows.</summary>
public sealed record LevelChanges
{
    /// <summary>A's level ids, lowest first (the rows of <see cref="Counts"/>).</summary>
    public required IReadOnlyList<string> LevelsA { get; init; }

    /// <summary>B's level ids, lowest first (the columns of <see cref="Counts"/>).</summary>
    public required IReadOnlyList<string> LevelsB { get; init; }

    /// <summary>Counts[i][j]: rows at A's level i and B's level j.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> Counts { get; init; }

    /// <summary>
    /// Counts[i][j] for rows with the outcome only (the rest are <see cref="Counts"/> minus these), from which the
    /// reclassification figures follow.
    /// </summary>
    public required IReadOnlyList<IReadOnlyList<int>> EventCounts { get; init; }

    /// <summary>True when both have the same level ids in the same order, so "up" and "down" are defined.</summary>
    public required bool Comparable { get; init; }

    /// <summary>Why up/down are not defined, when <see cref="Comparable"/> is false.</summary>
    public string? NotComparableReason { get; init; }

    /// <summary>Rows at a higher level under B than under A (null when not comparable).</summary>
    public Movement? Up { get; init; }

    /// <summary>Rows at a lower level under B than under A.</summary>
    public Movement? Down { get; init; }

    /// <summary>Rows at the same level.</summary>
    public Movement? Unchanged { get; init; }

    /// <summary>
    /// Categorical net reclassification improvement of B over A (Pencina et al. 2008): [P(up | event) − P(down | event)] +
    /// [P(down | no event) − P(up | no event)]; null when not comparable.
    /// </summary>
    public NetReclassification? NetReclassification { get; init; }
}

/// <summary>Rows that moved one way.</summary>
/// <param name="Rows">All rows that moved this way.</param>
/// <param name="WithOutcome">Of which with the outcome.</param>
/// <param name="WithoutOutcome">Of which without.</param>
public sealed record Movement(int Rows, int WithOutcome, int WithoutOutcome);

/// <summary>The categorical net reclassification improvement and its two parts.</summary>
/// <param name="Events">P(up | event) − P(down | event): positive when B puts more cases with the outcome higher.</param>
/// <param name="NonEvents">P(down | no event) − P(up | no event): positive when B puts more cases without the outcome lower.</param>
/// <param name="Total">Events + NonEvents, in [−2, 2].</param>
public sealed record NetReclassification(double Events, double NonEvents, double Total)
{
    /// <summary>Total with Pencina et al.'s (2008) standard error, z, two-sided p and Wald interval; null when a class is empty.</summary>
    public ImprovementEstimate? Interval { get; init; }
}
