namespace Tma.Research.Evaluation.Statistics;

/// <summary>Brier score (Brier 1950, Monthly Weather Review 78:1–3): the mean squared difference between predicted probability and outcome.</summary>
public static class BrierScore
{
    /// <summary>Computes (1/N)·Σ (pᵢ − yᵢ)², with y = 1 for the outcome. 0 is perfect; always predicting the base rate π gives π(1 − π).</summary>
    /// <param name="probabilities">Predicted probability per case, in [0, 1].</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <returns>The Brier score in [0, 1].</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, or a probability is NaN or outside [0, 1] (its index is named).</exception>
    public static double Compute(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes)
    {
        InputGuard.ProbabilitiesAndOutcomes(probabilities, outcomes);
        var sum = 0.0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var d = probabilities[i] - (outcomes[i] ? 1.0 : 0.0);
            sum += d * d;
        }

        return sum / probabilities.Length;
    }
}
