namespace Tma.Research.Evaluation.Statistics;

/// <summary>Argument checks and the time order shared by the time-to-event statistics.</summary>
internal static class SurvivalInput
{
    /// <summary>Checks that times are finite and non-negative and as long as <paramref name="events"/>; throws otherwise.</summary>
    public static void Check(ReadOnlySpan<double> times, ReadOnlySpan<bool> events)
    {
        if (times.Length != events.Length)
        {
            throw new ArgumentException($"Length mismatch: times has {times.Length} values but events has {events.Length}.", nameof(times));
        }

        if (times.Length == 0)
        {
            throw new ArgumentException("times is empty; at least one follow-up time is needed.", nameof(times));
        }

        for (var i = 0; i < times.Length; i++)
        {
            if (!double.IsFinite(times[i]) || times[i] < 0)
            {
                throw new ArgumentException($"times[{i}] is not a finite non-negative number; follow-up times are durations.", nameof(times));
            }
        }
    }

    /// <summary>Checks scores as long as the times and free of NaN.</summary>
    public static void CheckScores(ReadOnlySpan<double> scores, int count)
    {
        if (scores.Length != count)
        {
            throw new ArgumentException($"Length mismatch: scores has {scores.Length} values but times has {count}.", nameof(scores));
        }

        for (var i = 0; i < scores.Length; i++)
        {
            if (double.IsNaN(scores[i]))
            {
                throw new ArgumentException($"scores[{i}] is NaN; every case needs a score.", nameof(scores));
            }
        }
    }

    /// <summary>
    /// Row indices sorted by time ascending, O(N log N). The order within tied times is unspecified but deterministic;
    /// every statistic aggregates tied times before using them.
    /// </summary>
    public static int[] OrderByTime(ReadOnlySpan<double> times)
    {
        var keys = times.ToArray();
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        return order;
    }
}
