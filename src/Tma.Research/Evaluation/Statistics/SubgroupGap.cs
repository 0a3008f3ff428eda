namespace Tma.Research.Evaluation.Statistics;

/// <summary>The largest pairwise difference of one rate between subgroups: the highest group minus the lowest.</summary>
/// <param name="HigherGroup">The subgroup with the highest rate.</param>
/// <param name="HigherRate">Its rate.</param>
/// <param name="LowerGroup">The subgroup with the lowest rate.</param>
/// <param name="LowerRate">Its rate.</param>
/// <param name="Difference">HigherRate − LowerRate (≥ 0).</param>
public sealed record SubgroupGap(string HigherGroup, double HigherRate, string LowerGroup, double LowerRate, double Difference);
