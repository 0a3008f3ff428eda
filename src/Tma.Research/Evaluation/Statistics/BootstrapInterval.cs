namespace Tma.Research.Evaluation.Statistics;

/// <summary>A statistic on the full sample with its percentile bootstrap interval.</summary>
/// <param name="Estimate">The statistic on the original sample.</param>
/// <param name="Lower">The (1 − level)/2 quantile of the valid resample statistics (Hyndman &amp; Fan type 7).</param>
/// <param name="Upper">The (1 + level)/2 quantile of the valid resample statistics.</param>
/// <param name="ConfidenceLevel">Confidence level.</param>
/// <param name="Resamples">Resamples drawn.</param>
/// <param name="ValidResamples">
/// Resamples on which the statistic was defined (not NaN). When this is well below <paramref name="Resamples"/> the
/// interval is conditional on the statistic being defined and should be read with care. May be ±∞ (e.g. NND when a
/// resample has no true positive).
/// </param>
public sealed record BootstrapInterval(
    double Estimate, double Lower, double Upper, double ConfidenceLevel, int Resamples, int ValidResamples);
