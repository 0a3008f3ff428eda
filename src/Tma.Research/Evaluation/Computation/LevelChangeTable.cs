namespace Tma.Research.Evaluation.Computation;

/// <summary>The cross-table of two level assignments of the same rows, with up/down movements and the categorical NRI.</summary>
internal static class LevelChangeTable
{
    public static LevelChanges Compute(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<bool> outcomes, string[] levelsA, string[] levelsB, double confidenceLevel = 0.95)
    {
        var counts = new int[levelsA.Length][];
        var eventCounts = new int[levelsA.Length][];
        for (var i = 0; i < levelsA.Length; i++)
        {
            counts[i] = new int[levelsB.Length];
            eventCounts[i] = new int[levelsB.Length];
        }

        for (var r = 0; r < a.Length; r++)
        {
            counts[a[r]][b[r]]++;
            if (outcomes[r])
            {
                eventCounts[a[r]][b[r]]++;
            }
        }

        var comparable = levelsA.AsSpan().SequenceEqual(levelsB);
        var table = new LevelChanges
        {
            LevelsA = levelsA,
            LevelsB = levelsB,
            Counts = counts,
            EventCounts = eventCounts,
            Comparable = comparable,
            NotComparableReason = comparable ? null : $"the models have different levels ({string.Join(", ", levelsA)} against {string.Join(", ", levelsB)}), so moving up or down is not defined; read the cross-table",
        };
        if (!comparable)
        {
            return table;
        }

        int upEvents = 0, up = 0, downEvents = 0, down = 0, sameEvents = 0, same = 0, events = 0;
        for (var i = 0; i < levelsA.Length; i++)
        {
            for (var j = 0; j < levelsB.Length; j++)
            {
                events += eventCounts[i][j];
                if (j > i)
                {
                    up += counts[i][j];
                    upEvents += eventCounts[i][j];
                }
                else if (j < i)
                {
                    down += counts[i][j];
                    downEvents += eventCounts[i][j];
                }
                else
                {
                    same += counts[i][j];
                    sameEvents += eventCounts[i][j];
                }
            }
        }

        var nonEvents = a.Length - events;
        var nriEvents = events == 0 ? double.NaN : (double)(upEvents - downEvents) / events;
        var nriNonEvents = nonEvents == 0 ? double.NaN : (double)((down - downEvents) - (up - upEvents)) / nonEvents;
        return table with
        {
            Up = new Movement(up, upEvents, up - upEvents),
            Down = new Movement(down, downEvents, down - downEvents),
            Unchanged = new Movement(same, sameEvents, same - sameEvents),
            NetReclassification = new NetReclassification(nriEvents, nriNonEvents, nriEvents + nriNonEvents)
            {
                Interval = events == 0 || nonEvents == 0
                    ? null
                    : Statistics.Reclassification.FromMovements(upEvents, downEvents, events, up - upEvents, down - downEvents, nonEvents, confidenceLevel).Improvement,
            },
        };
    }
}
