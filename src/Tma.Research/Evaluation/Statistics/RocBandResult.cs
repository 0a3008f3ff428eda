namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Pointwise confidence band of the ROC curve at a grid of specificities (<see cref="RocBand"/>): report.json's
/// <c>score.rocBand</c>. The arrays are parallel, one entry per grid point.
/// </summary>
public sealed record RocBandResult
{
    /// <summary>The grid of specificities, ascending (0, 0.02, …, 1 by default).</summary>
    public required IReadOnlyList<double> Specificities { get; init; }

    /// <summary>Sensitivity of the empirical curve on the full sample at each specificity.</summary>
    public required IReadOnlyList<double> Sensitivity { get; init; }

    /// <summary>Lower limit of the stratified percentile bootstrap band (type-7 quantile of the resampled sensitivities).</summary>
    public required IReadOnlyList<double> Lower { get; init; }

    /// <summary>Upper limit of the band.</summary>
    public required IReadOnlyList<double> Upper { get; init; }

    /// <summary>Confidence level of each pointwise interval (not a simultaneous band).</summary>
    public required double ConfidenceLevel { get; init; }

    /// <summary>Bootstrap resamples drawn.</summary>
    public required int Resamples { get; init; }

    /// <summary>
    /// Null when the bootstrap used every distinct score; otherwise the number of groups of adjacent distinct scores it
    /// used instead (for scores with very many distinct values, to bound the cost; see docs/statistics.md).
    /// </summary>
    public int? ScoreGroups { get; init; }
}
