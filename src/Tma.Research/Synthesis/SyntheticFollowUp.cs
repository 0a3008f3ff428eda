namespace Tma.Research.Synthesis;

/// <summary>
/// Follow-up times of synthetic rows (docs/datasets.md, "Synthetic data"): with event probability p = logistic(α + βθ)
/// within a window F, a constant hazard λ = −ln(1 − p)/F gives exactly P(T ≤ F) = p; an event row's time is drawn from
/// that exponential truncated to [0, F] by inversion, t = −ln(1 − U·p)/λ; a row without the event is censored at F.
/// Times are rounded to 2 decimals and drawn from their own seeded stream.
/// </summary>
internal sealed class SyntheticFollowUp(double window, SyntheticTruth truth, int seed)
{
    private readonly Random _random = new(unchecked((seed * 31) + 17));

    public double Next(SyntheticCase row)
    {
        var u = _random.NextDouble();
        if (!row.Outcome)
        {
            return window;
        }

        var p = Math.Clamp(SyntheticTruth.Logistic(truth.Alpha + (truth.Beta * row.Theta)), 1e-12, 1 - 1e-12);
        var hazard = -Math.Log(1 - p) / window;
        var time = -Math.Log(1 - (u * p)) / hazard;
        return Math.Round(Math.Min(time, window), 2);
    }
}
