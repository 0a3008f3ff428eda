namespace Tma.Research.Evaluation.Statistics;

/// <summary>The log-rank test of equal survival in k groups.</summary>
/// <param name="ChiSquare">(O − E)ᵀ V⁻ (O − E) over the groups.</param>
/// <param name="DegreesOfFreedom">The rank of V: k − 1 when every group has rows at risk at some event time.</param>
/// <param name="PValue">P(χ²_df ≥ ChiSquare); NaN when df = 0.</param>
/// <param name="Groups">Observed and expected events per group, in the order given.</param>
public sealed record LogRankResult(double ChiSquare, int DegreesOfFreedom, double PValue, IReadOnlyList<LogRankGroup> Groups);

/// <summary>One group of a log-rank test.</summary>
/// <param name="Group">Group index as given.</param>
/// <param name="N">Rows in the group.</param>
/// <param name="Observed">Events observed.</param>
/// <param name="Expected">Events expected under equal hazards: Σ over event times of d·n_g/n.</param>
public sealed record LogRankGroup(int Group, int N, int Observed, double Expected);
