namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Uno's concordance truncated at τ (Uno, Cai, Pencina, D'Agostino &amp; Wei 2011, Stat Med 30:1105–1117, eq. (5)):
/// C_τ = Σ_ij Δ_i Ĝ(T_i−)⁻² I(T_i &lt; τ) I(i before j) [I(s_i &gt; s_j) + ½ I(s_i = s_j)] / Σ_ij Δ_i Ĝ(T_i−)⁻² I(T_i &lt; τ) I(i before j),
/// Ĝ the Kaplan–Meier estimate of the censoring distribution (<see cref="CensoringWeights"/>). Unlike Harrell's C it
/// converges to a quantity that does not depend on the censoring distribution. "i before j" is the comparability of
/// <see cref="ConcordanceSweep"/> (as Harrell's C here, so that without censoring and with τ beyond the last time both
/// agree exactly). The paper's ½ for tied scores follows Harrell's convention. O(N log N).
/// </summary>
public static class UnoC
{
    /// <summary>Computes C_τ.</summary>
    /// <param name="times">Follow-up time per row, finite and ≥ 0.</param>
    /// <param name="events">True for an event, false for censored.</param>
    /// <param name="scores">Risk score per row; higher = earlier event expected.</param>
    /// <param name="horizon">τ: only events before it are compared.</param>
    /// <returns>C_τ, NaN when no comparable pair has its event before τ.</returns>
    /// <exception cref="ArgumentException">Lengths differ, a time is negative or not finite, a score is NaN, or τ is not positive and finite.</exception>
    public static double Compute(ReadOnlySpan<double> times, ReadOnlySpan<bool> events, ReadOnlySpan<double> scores, double horizon)
    {
        if (!double.IsFinite(horizon) || horizon <= 0)
        {
            throw new ArgumentException("The horizon τ must be a positive finite time.", nameof(horizon));
        }

        var sweep = new ConcordanceSweep(times, events, scores);
        var weights = CensoringWeights.Estimate(times, events);
        var sweepTimes = sweep.Times;
        var numerator = 0.0;
        var denominator = 0.0;
        sweep.AsEarlier((row, lower, equal, higher) =>
        {
            var time = sweepTimes[row];
            if (time >= horizon)
            {
                return;
            }

            var g = weights.Before(time);
            var w = 1.0 / (g * g);
            numerator += w * (lower + (0.5 * equal));
            denominator += w * (lower + equal + higher);
        });

        return denominator > 0 ? numerator / denominator : double.NaN;
    }
}
