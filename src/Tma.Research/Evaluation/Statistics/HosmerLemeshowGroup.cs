namespace Tma.Research.Evaluation.Statistics;

/// <summary>One risk group of the Hosmer-Lemeshow test.</summary>
/// <param name="N">Cases in the group.</param>
/// <param name="ObservedEvents">Cases with the outcome.</param>
/// <param name="ExpectedEvents">Sum of the (clamped) predicted probabilities.</param>
/// <param name="MinPredicted">Lowest predicted probability in the group.</param>
/// <param name="MaxPredicted">Highest predicted probability in the group.</param>
public sealed record HosmerLemeshowGroup(int N, int ObservedEvents, double ExpectedEvents, double MinPredicted, double MaxPredicted);
