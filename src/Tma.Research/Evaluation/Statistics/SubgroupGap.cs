namespace Tma.Research.Evaluation.Statistics;

/// <summary>The largest pairwise difference of one rate between subgroups: the highest group minus the lowest.</summary>
/// <param name="HigherGroup">The subgroup with the highest rate.</param>
/// <param name="HigherRate">Its rate.</param>
/// <param name="LowerGroup">The subgroup with the lowest rate.</param>
/// <param name="LowerRate">Its rate.</param>
/// <param name="Difference">HigherRate − LowerRate (≥ 0).</param>
public sealed record SubgroupGap(string HigherGroup, double HigherRate, string LowerGroup, double LowerRate, double Difference)
{
    /// <summary>
    /// Newcombe's (1998) hybrid score interval of <see cref="Difference"/> (method 10, from the two Wilson intervals).
    /// It is the interval for these two named groups; it does not allow for their having been picked as the most
    /// different of several.
    /// </summary>
    public DifferenceEstimate? Interval { get; init; }
}
