namespace Tma.Research.Evaluation.Statistics;

/// <summary>Stratified bootstrap intervals of the partial AUC and the Youden-optimal cut-off (<see cref="RocBootstrap"/>).</summary>
/// <param name="PartialAuc">The partial area.</param>
/// <param name="CorrectedPartialAuc">McClish's standardised partial area.</param>
/// <param name="YoudenIndex">Youden's J.</param>
/// <param name="YoudenThreshold">The Youden-optimal threshold (highest of ties on every resample).</param>
public sealed record DiscriminationIntervals(
    BootstrapInterval PartialAuc, BootstrapInterval CorrectedPartialAuc, BootstrapInterval YoudenIndex, BootstrapInterval YoudenThreshold);
