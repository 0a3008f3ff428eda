namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// The Kaplan–Meier product-limit estimator of the survival function (Kaplan &amp; Meier 1958, J Am Stat Assoc
/// 53:457–481) with Greenwood's variance (Greenwood 1926, Reports on Public Health and Medical Subjects 33) and
/// pointwise log-log intervals (Kalbfleisch &amp; Prentice 2002, §4.3; R <c>survfit(..., conf.type = "log-log")</c>).
/// The log-log interval stays inside [0, 1] without clipping, which the plain and log intervals (R's default "log")
/// do not. Events at a time happen before censorings at the same time: the censored rows are at risk for them.
/// O(N log N).
/// </summary>
public static class KaplanMeier
{
    /// <summary>Estimates S(t) from follow-up times and event indicators.</summary>
    /// <param name="times">Follow-up time per row, finite and ≥ 0.</param>
    /// <param name="events">True when the event happened at that time, false when the row was censored then.</param>
    /// <param name="confidenceLevel">Level of the pointwise intervals, in (0, 1).</param>
    /// <returns>The curve.</returns>
    /// <exception cref="ArgumentException">The inputs are empty, of different lengths, or a time is negative or not finite.</exception>
    public static KaplanMeierCurve Estimate(ReadOnlySpan<double> times, ReadOnlySpan<bool> events, double confidenceLevel = 0.95)
    {
        SurvivalInput.Check(times, events);
        var z = InputGuard.NormalQuantile(confidenceLevel);
        var order = SurvivalInput.OrderByTime(times);
        var steps = new List<KaplanMeierStep>();
        var n = times.Length;
        var survival = 1.0;
        var greenwood = 0.0; // Σ d / (n (n − d)): the variance of log S(t)
        var totalEvents = 0;
        var start = 0;
        while (start < n)
        {
            var time = times[order[start]];
            var end = start;
            var deaths = 0;
            while (end < n && times[order[end]] == time)
            {
                deaths += events[order[end]] ? 1 : 0;
                end++;
            }

            var atRisk = n - start;
            if (deaths > 0)
            {
                survival *= 1.0 - ((double)deaths / atRisk);
                greenwood = deaths < atRisk ? greenwood + ((double)deaths / ((double)atRisk * (atRisk - deaths))) : double.PositiveInfinity;
                totalEvents += deaths;
            }

            var (se, lower, upper) = Interval(survival, greenwood, z);
            steps.Add(new KaplanMeierStep(time, atRisk, deaths, end - start - deaths, survival, se, lower, upper));
            start = end;
        }

        return new KaplanMeierCurve([.. steps], n, totalEvents, confidenceLevel);
    }

    /// <summary>
    /// The Greenwood standard error S·√Σ and the log-log interval S^exp(±z·√Σ / log S), where Σ = Σ d/(n(n − d)) is
    /// Greenwood's variance of log S. S = 1 (no event yet) gives [1, 1]; S = 0 gives [0, 0].
    /// </summary>
    internal static (double StandardError, double Lower, double Upper) Interval(double survival, double greenwood, double z)
    {
        if (survival >= 1.0)
        {
            return (0.0, 1.0, 1.0);
        }

        if (survival <= 0.0 || double.IsPositiveInfinity(greenwood))
        {
            return (0.0, 0.0, 0.0);
        }

        var seLog = Math.Sqrt(greenwood);
        var logS = Math.Log(survival);
        var spread = z * seLog / Math.Abs(logS);
        return (survival * seLog, Math.Pow(survival, Math.Exp(spread)), Math.Pow(survival, Math.Exp(-spread)));
    }
}
