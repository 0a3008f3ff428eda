namespace Tma.Research.Evaluation.Statistics;

/// <summary>The integrated discrimination improvement of a new model over an old one, with its parts.</summary>
/// <param name="Improvement">IDI with Pencina et al.'s (2008) asymptotic SE, z, p and interval.</param>
/// <param name="MeanNewEvents">Mean new-model probability among cases with the outcome.</param>
/// <param name="MeanOldEvents">Mean old-model probability among cases with the outcome.</param>
/// <param name="MeanNewNonEvents">Mean new-model probability among cases without the outcome.</param>
/// <param name="MeanOldNonEvents">Mean old-model probability among cases without the outcome.</param>
/// <param name="Events">Cases with the outcome.</param>
/// <param name="NonEvents">Cases without the outcome.</param>
public sealed record IntegratedDiscriminationResult(
    ImprovementEstimate Improvement, double MeanNewEvents, double MeanOldEvents, double MeanNewNonEvents, double MeanOldNonEvents, int Events, int NonEvents)
{
    /// <summary>Discrimination slope of the new model (Yates): MeanNewEvents − MeanNewNonEvents.</summary>
    public double SlopeNew => MeanNewEvents - MeanNewNonEvents;

    /// <summary>Discrimination slope of the old model: MeanOldEvents − MeanOldNonEvents.</summary>
    public double SlopeOld => MeanOldEvents - MeanOldNonEvents;
}
