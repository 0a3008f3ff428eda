namespace Tma.Research.Evaluation.Statistics;

/// <summary>Observed versus expected events in one band.</summary>
/// <param name="Band">The band label.</param>
/// <param name="N">Number of cases in the band.</param>
/// <param name="ObservedEvents">Cases with the outcome.</param>
/// <param name="ExpectedEvents">Sum of the predicted probabilities.</param>
/// <param name="ObservedRate">Observed event rate with its Wilson interval (NaN estimate when the band is empty).</param>
/// <param name="MeanPredicted">Mean predicted probability; NaN when the band is empty.</param>
/// <param name="ObservedToExpected">O / E; NaN when E is 0.</param>
public sealed record BandCalibration(
    string Band,
    int N,
    int ObservedEvents,
    double ExpectedEvents,
    ProportionEstimate ObservedRate,
    double MeanPredicted,
    double ObservedToExpected);
