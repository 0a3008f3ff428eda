namespace Tma.Research.Evaluation.Statistics;

/// <summary>The result of <see cref="OptimismBootstrap.Validate"/>.</summary>
/// <param name="Indices">One row per index that could be computed, in the order of <see cref="OptimismBootstrap.IndexNames"/>.</param>
/// <param name="ResamplesRequested">B, the bootstrap samples drawn.</param>
/// <param name="FailedFits">Resamples on which the procedure could not be fitted (they count for no index).</param>
/// <param name="Skipped">Indices not reported, with the reason (e.g. the apparent calibration fit is undefined).</param>
public sealed record OptimismValidation(IReadOnlyList<OptimismIndex> Indices, int ResamplesRequested, int FailedFits, IReadOnlyList<SkippedFigure> Skipped);
