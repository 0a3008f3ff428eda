namespace Tma.Research.Evaluation.Statistics;

/// <summary>Krippendorff's α.</summary>
/// <param name="Alpha">1 − D_o / D_e.</param>
/// <param name="ObservedDisagreement">D_o = (1/n)·Σ_c Σ_k o_ck δ²_ck.</param>
/// <param name="ExpectedDisagreement">D_e = 1/(n(n−1))·Σ_c Σ_k n_c n_k δ²_ck.</param>
/// <param name="PairableValues">n, the number of values in units with at least 2 values.</param>
/// <param name="PairableUnits">Units with at least 2 values (the others are ignored).</param>
/// <param name="Metric">The difference function used.</param>
public sealed record KrippendorffAlphaResult(
    double Alpha, double ObservedDisagreement, double ExpectedDisagreement, int PairableValues, int PairableUnits, KrippendorffMetric Metric)
{
    /// <summary>Seeded percentile bootstrap interval over units (<see cref="KrippendorffAlphaBootstrap"/>); null when no bootstrap ran.</summary>
    public BootstrapInterval? Bootstrap { get; init; }
}
