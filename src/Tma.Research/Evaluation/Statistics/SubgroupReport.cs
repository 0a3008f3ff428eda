namespace Tma.Research.Evaluation.Statistics;

/// <summary>Cut-off figures per subgroup and the largest gaps in error rates between subgroups.</summary>
/// <param name="CutoffLabel">What counts as flagged.</param>
/// <param name="Groups">One row per subgroup, ordered by label (ordinal).</param>
/// <param name="TruePositiveRateGap">
/// Largest gap in true-positive rate (sensitivity) over groups where it is defined (at least one case with the outcome);
/// <see langword="null"/> when fewer than two groups qualify.
/// </param>
/// <param name="FalsePositiveRateGap">
/// Largest gap in false-positive rate (1 − specificity) over groups with at least one case without the outcome;
/// <see langword="null"/> when fewer than two groups qualify.
/// </param>
public sealed record SubgroupReport(
    string CutoffLabel, IReadOnlyList<SubgroupRow> Groups, SubgroupGap? TruePositiveRateGap, SubgroupGap? FalsePositiveRateGap);
