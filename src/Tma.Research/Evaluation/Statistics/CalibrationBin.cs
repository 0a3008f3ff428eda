namespace Tma.Research.Evaluation.Statistics;

/// <summary>One bin of a reliability diagram.</summary>
/// <param name="Lower">Lower edge of the bin (inclusive).</param>
/// <param name="Upper">Upper edge of the bin (exclusive, except 1.0 for the last bin).</param>
/// <param name="N">Number of cases in the bin.</param>
/// <param name="MeanPredicted">Mean predicted probability in the bin; NaN when the bin is empty.</param>
/// <param name="ObservedRate">Share of cases with the outcome in the bin; NaN when the bin is empty.</param>
public sealed record CalibrationBin(double Lower, double Upper, int N, double MeanPredicted, double ObservedRate);
