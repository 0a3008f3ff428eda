using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation;

/// <summary>Figures per subgroup of one <c>group:</c> column, for the bias examination the AI Act asks for.</summary>
public sealed record SubgroupEvaluation
{
    /// <summary>Column name without the <c>group:</c> prefix.</summary>
    public required string Column { get; init; }

    /// <summary>Group labels, ordinal order (an empty cell is the group <c>(missing)</c>).</summary>
    public required IReadOnlyList<string> Groups { get; init; }

    /// <summary>AUC of the score within each group.</summary>
    public required IReadOnlyList<SubgroupAuc> Auc { get; init; }

    /// <summary>Cut-off figures per group and the largest TPR/FPR gaps, one entry per cut-off (levels, then score cut-offs).</summary>
    public required IReadOnlyList<SubgroupReport> Cutoffs { get; init; }

    /// <summary>The cut-off with the largest true-positive-rate gap between groups, or null when no gap is defined.</summary>
    public LargestGap? LargestTruePositiveRateGap { get; init; }

    /// <summary>The cut-off with the largest false-positive-rate gap between groups, or null when no gap is defined.</summary>
    public LargestGap? LargestFalsePositiveRateGap { get; init; }

    /// <summary>The largest AUC difference between two groups with its Wald interval, or null when fewer than two groups have an AUC.</summary>
    public SubgroupAucGap? AucGap { get; init; }
}

/// <summary>The AUC within one subgroup.</summary>
/// <param name="Group">Group label.</param>
/// <param name="N">Rows in the group.</param>
/// <param name="Events">Of which with the outcome.</param>
/// <param name="Auc">AUC with DeLong interval, or null when the group has fewer than 2 rows with either outcome.</param>
public sealed record SubgroupAuc(string Group, int N, int Events, AucResult? Auc);

/// <summary>Where a rate differs most between subgroups.</summary>
/// <param name="Cutoff">The cut-off, e.g. <c>band ≥ high</c>.</param>
/// <param name="Gap">The groups with the highest and lowest rate and the difference.</param>
public sealed record LargestGap(string Cutoff, SubgroupGap Gap);
