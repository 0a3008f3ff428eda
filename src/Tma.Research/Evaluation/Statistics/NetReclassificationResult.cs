namespace Tma.Research.Evaluation.Statistics;

/// <summary>A net reclassification improvement of a new model over an old one, with its parts and counts.</summary>
/// <param name="Improvement">NRI = event part + non-event part, with Pencina et al.'s (2008) SE, z, p and interval.</param>
/// <param name="EventPart">P(up | event) − P(down | event).</param>
/// <param name="NonEventPart">P(down | no event) − P(up | no event).</param>
/// <param name="UpEvents">Cases with the outcome moved up by the new model.</param>
/// <param name="DownEvents">Cases with the outcome moved down.</param>
/// <param name="UpNonEvents">Cases without the outcome moved up.</param>
/// <param name="DownNonEvents">Cases without the outcome moved down.</param>
/// <param name="Events">Cases with the outcome.</param>
/// <param name="NonEvents">Cases without the outcome.</param>
public sealed record NetReclassificationResult(
    ImprovementEstimate Improvement, double EventPart, double NonEventPart, int UpEvents, int DownEvents, int UpNonEvents, int DownNonEvents, int Events, int NonEvents);
