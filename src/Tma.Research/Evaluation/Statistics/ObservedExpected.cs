namespace Tma.Research.Evaluation.Statistics;

/// <summary>Observed versus expected events per band (e.g. the level a model shows its users).</summary>
public static class ObservedExpected
{
    /// <summary>Sums observed events and predicted probabilities per band. O(n).</summary>
    /// <param name="probabilities">Predicted probability per case, in [0, 1].</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="bands">Band label per case.</param>
    /// <param name="bandOrder">All band labels, lowest first; every band is reported, empty ones too.</param>
    /// <param name="confidenceLevel">Confidence level of the Wilson interval of each observed rate; default 0.95.</param>
    /// <returns>One entry per band, in <paramref name="bandOrder"/> order.</returns>
    /// <exception cref="ArgumentException">
    /// Lengths differ, input is empty, a probability is NaN or outside [0, 1], a case's band is not in
    /// <paramref name="bandOrder"/>, or the confidence level is not in (0, 1).
    /// </exception>
    public static IReadOnlyList<BandCalibration> ByBand(
        ReadOnlySpan<double> probabilities,
        ReadOnlySpan<bool> outcomes,
        IReadOnlyList<string> bands,
        IReadOnlyList<string> bandOrder,
        double confidenceLevel = 0.95)
    {
        InputGuard.ConfidenceLevel(confidenceLevel);
        InputGuard.ProbabilitiesAndOutcomes(probabilities, outcomes);
        var index = BandIndex.Resolve(bands, outcomes.Length, bandOrder);
        var k = bandOrder.Count;
        var n = new int[k];
        var observed = new int[k];
        var expected = new double[k];
        for (var i = 0; i < index.Length; i++)
        {
            n[index[i]]++;
            observed[index[i]] += outcomes[i] ? 1 : 0;
            expected[index[i]] += probabilities[i];
        }

        var result = new BandCalibration[k];
        for (var b = 0; b < k; b++)
        {
            result[b] = new BandCalibration(
                bandOrder[b],
                n[b],
                observed[b],
                expected[b],
                WilsonInterval.Compute(observed[b], n[b], confidenceLevel),
                n[b] == 0 ? double.NaN : expected[b] / n[b],
                expected[b] > 0 ? observed[b] / expected[b] : double.NaN);
        }

        return result;
    }
}
