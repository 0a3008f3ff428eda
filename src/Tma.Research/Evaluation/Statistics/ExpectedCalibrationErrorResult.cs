namespace Tma.Research.Evaluation.Statistics;

/// <summary>Expected calibration error and the bins it was computed from.</summary>
/// <param name="Value">ECE = Σ_b (n_b / N)·|observed rate_b − mean predicted_b| over non-empty bins.</param>
/// <param name="Bins">All bins, lowest first, including empty ones.</param>
public sealed record ExpectedCalibrationErrorResult(double Value, IReadOnlyList<CalibrationBin> Bins);
