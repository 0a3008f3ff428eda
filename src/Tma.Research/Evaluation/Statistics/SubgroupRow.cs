namespace Tma.Research.Evaluation.Statistics;

/// <summary>The cut-off figures of one subgroup.</summary>
/// <param name="Group">The subgroup label.</param>
/// <param name="Row">Its 2×2 table, rates, Wilson intervals, NND, NSD and base rate.</param>
public sealed record SubgroupRow(string Group, CutoffRow Row);
