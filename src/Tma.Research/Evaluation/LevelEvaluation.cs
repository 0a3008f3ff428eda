using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation;

/// <summary>Figures of the categorical output, the level users see.</summary>
public sealed record LevelEvaluation
{
    /// <summary>True when the figures below were computed.</summary>
    public required bool Computed { get; init; }

    /// <summary>Why not, when <see cref="Computed"/> is false (e.g. a score column has no levels).</summary>
    public string? SkippedReason { get; init; }

    /// <summary>Rows and observed outcome rate per level, lowest level first.</summary>
    public IReadOnlyList<LevelCount> Distribution { get; init; } = [];

    /// <summary>AUC of the level rank (ties within a level count half).</summary>
    public AucResult? Auc { get; init; }

    /// <summary>One row per level k: flagged when the level is k or higher (the lowest level's row flags everyone).</summary>
    public CutoffEvaluation? Cutoffs { get; init; }
}

/// <summary>Rows at one level.</summary>
/// <param name="Level">Level id.</param>
/// <param name="Label">Level label.</param>
/// <param name="Rank">0 = lowest.</param>
/// <param name="N">Rows at this level.</param>
/// <param name="Events">Of which with the outcome.</param>
/// <param name="ObservedRate">Events / N with its Wilson interval.</param>
public sealed record LevelCount(string Level, string Label, int Rank, int N, int Events, ProportionEstimate ObservedRate);
