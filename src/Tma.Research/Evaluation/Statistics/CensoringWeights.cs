namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Inverse-probability-of-censoring weights (IPCW): Ĝ is the Kaplan–Meier estimate of the censoring distribution
/// (the "reverse" Kaplan–Meier: censoring is the event, and events are censored for it). As in Uno et al. (2011) and
/// Blanche et al. (2013), a row's weight uses the left limit Ĝ(T−), so censorings at an event's own time do not lower
/// that event's weight (events come first at tied times).
/// </summary>
public sealed class CensoringWeights
{
    private readonly KaplanMeierCurve _censoring;

    private CensoringWeights(KaplanMeierCurve censoring) => _censoring = censoring;

    /// <summary>The reverse Kaplan–Meier estimate Ĝ.</summary>
    public KaplanMeierCurve Censoring => _censoring;

    /// <summary>Estimates Ĝ from follow-up times and event indicators.</summary>
    /// <param name="times">Follow-up time per row, finite and ≥ 0.</param>
    /// <param name="events">True for an event, false for censored.</param>
    /// <returns>The censoring distribution.</returns>
    public static CensoringWeights Estimate(ReadOnlySpan<double> times, ReadOnlySpan<bool> events)
    {
        SurvivalInput.Check(times, events);
        var censored = new bool[events.Length];
        for (var i = 0; i < censored.Length; i++)
        {
            censored[i] = !events[i];
        }

        return new CensoringWeights(KaplanMeier.Estimate(times, censored));
    }

    /// <summary>Ĝ(t−): the probability of still being uncensored just before <paramref name="time"/>.</summary>
    public double Before(double time) => LeftLimit(time);

    /// <summary>Ĝ(t): the probability of still being uncensored just after <paramref name="time"/>.</summary>
    public double At(double time) => _censoring.SurvivalAt(time);

    // The reverse curve puts censorings (its "events") after the events at a tied time only through the left limit:
    // Ĝ(t−) leaves out everything at t, which is what the weights need.
    private double LeftLimit(double time) => _censoring.SurvivalBefore(time);
}
