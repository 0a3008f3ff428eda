namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// The cumulative/dynamic time-dependent AUC at a horizon τ with inverse-probability-of-censoring weights (Uno, Cai,
/// Tian &amp; Wei 2007, J Am Stat Assoc 102:527–537; Blanche, Dartigues &amp; Jacqmin-Gadda 2013, Stat Med 32:5381–5397, the
/// estimator of R's <c>timeROC</c>): cases are the rows with the event at or before τ, each weighted 1/Ĝ(T_i−); controls
/// are the rows still event-free after τ, each weighted 1/Ĝ(τ); rows censored at or before τ get weight 0.
/// AUC(τ) = Σ_i Σ_j w_i w_j [I(s_i &gt; s_j) + ½ I(s_i = s_j)] / (Σ_i w_i · Σ_j w_j). The control weight is the same for
/// every control, so it cancels: AUC(τ) = Σ_i w_i · (share of controls below s_i + ½ share tied) / Σ_i w_i. O(N log N).
/// </summary>
public static class TimeDependentAuc
{
    /// <summary>Computes AUC(τ).</summary>
    /// <param name="times">Follow-up time per row, finite and ≥ 0.</param>
    /// <param name="events">True for an event, false for censored.</param>
    /// <param name="scores">Risk score per row; higher = earlier event expected.</param>
    /// <param name="horizon">τ.</param>
    /// <returns>The estimate with the numbers of cases and controls.</returns>
    /// <exception cref="ArgumentException">Lengths differ, a time is negative or not finite, a score is NaN, or τ is not positive and finite.</exception>
    public static TimeDependentAucResult Compute(ReadOnlySpan<double> times, ReadOnlySpan<bool> events, ReadOnlySpan<double> scores, double horizon)
    {
        SurvivalInput.Check(times, events);
        SurvivalInput.CheckScores(scores, times.Length);
        if (!double.IsFinite(horizon) || horizon <= 0)
        {
            throw new ArgumentException("The horizon τ must be a positive finite time.", nameof(horizon));
        }

        var controls = new List<double>();
        var cases = 0;
        var censored = 0;
        for (var i = 0; i < times.Length; i++)
        {
            if (times[i] > horizon)
            {
                controls.Add(scores[i]);
            }
            else if (events[i])
            {
                cases++;
            }
            else
            {
                censored++;
            }
        }

        if (cases == 0 || controls.Count == 0)
        {
            return new TimeDependentAucResult(horizon, double.NaN, cases, controls.Count, censored);
        }

        var sorted = controls.ToArray();
        Array.Sort(sorted);
        var weights = CensoringWeights.Estimate(times, events);
        var numerator = 0.0;
        var denominator = 0.0;
        for (var i = 0; i < times.Length; i++)
        {
            if (times[i] > horizon || !events[i])
            {
                continue;
            }

            var w = 1.0 / weights.Before(times[i]);
            var below = LowerBound(sorted, scores[i]);
            var notAbove = UpperBound(sorted, scores[i]);
            numerator += w * (below + (0.5 * (notAbove - below))) / sorted.Length;
            denominator += w;
        }

        return new TimeDependentAucResult(horizon, numerator / denominator, cases, controls.Count, censored);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
