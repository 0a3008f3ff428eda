namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Counts, for every row, its comparable pairs by score order in O(N log N) with a Fenwick tree over score ranks.
/// A pair (i, j) is comparable when row i had the event and row j was still under observation after it: T_i &lt; T_j, or
/// T_i = T_j with j censored (censoring at an event time comes after the event, as in the Kaplan–Meier estimator and
/// R's <c>survival::concordance</c>). Two events at the same time are not comparable. Pair (i, j) is concordant when
/// the earlier event has the higher score, tied when the scores are equal, discordant otherwise.
/// </summary>
internal sealed class ConcordanceSweep
{
    private readonly int[] _order;
    private readonly int[] _rank;
    private readonly int _ranks;

    public ConcordanceSweep(ReadOnlySpan<double> times, ReadOnlySpan<bool> events, ReadOnlySpan<double> scores)
    {
        SurvivalInput.Check(times, events);
        SurvivalInput.CheckScores(scores, times.Length);
        Times = times.ToArray();
        Events = events.ToArray();
        _order = SurvivalInput.OrderByTime(times);
        (_rank, _ranks) = DenseRanks(scores);
    }

    public double[] Times { get; }

    public bool[] Events { get; }

    public int Count => Times.Length;

    /// <summary>
    /// Per event row i (as the earlier member): how many comparable later rows have a lower, equal and higher score.
    /// <paramref name="visit"/> is called once per event row, in time order.
    /// </summary>
    public void AsEarlier(Action<int, long, long, long> visit)
    {
        var tree = new Fenwick(_ranks);
        var n = Count;
        var end = n;
        while (end > 0)
        {
            var time = Times[_order[end - 1]];
            var start = end - 1;
            while (start > 0 && Times[_order[start - 1]] == time)
            {
                start--;
            }

            // The censored rows at this time outlive its events; the events at this time do not.
            for (var p = start; p < end; p++)
            {
                if (!Events[_order[p]])
                {
                    tree.Add(_rank[_order[p]]);
                }
            }

            for (var p = start; p < end; p++)
            {
                var row = _order[p];
                if (Events[row])
                {
                    var r = _rank[row];
                    var below = tree.Prefix(r - 1);
                    var equal = tree.Prefix(r) - below;
                    visit(row, below, equal, tree.Total - below - equal);
                }
            }

            for (var p = start; p < end; p++)
            {
                if (Events[_order[p]])
                {
                    tree.Add(_rank[_order[p]]);
                }
            }

            end = start;
        }
    }

    /// <summary>Per row j (as the later member): how many comparable earlier events have a higher, equal and lower score.</summary>
    public void AsLater(Action<int, long, long, long> visit)
    {
        var tree = new Fenwick(_ranks);
        var n = Count;
        var start = 0;
        while (start < n)
        {
            var time = Times[_order[start]];
            var end = start;
            while (end < n && Times[_order[end]] == time)
            {
                end++;
            }

            for (var pass = 0; pass < 2; pass++)
            {
                // Pass 0: the events at this time see only strictly earlier events. Pass 1: the censored rows also see them.
                for (var p = start; p < end; p++)
                {
                    var row = _order[p];
                    if (Events[row] == (pass == 0))
                    {
                        var r = _rank[row];
                        var below = tree.Prefix(r - 1);
                        var equal = tree.Prefix(r) - below;
                        visit(row, tree.Total - below - equal, equal, below);
                    }
                }

                if (pass == 0)
                {
                    for (var p = start; p < end; p++)
                    {
                        if (Events[_order[p]])
                        {
                            tree.Add(_rank[_order[p]]);
                        }
                    }
                }
            }

            start = end;
        }
    }

    private static (int[] Rank, int Count) DenseRanks(ReadOnlySpan<double> scores)
    {
        var sorted = scores.ToArray();
        Array.Sort(sorted);
        var distinct = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                sorted[distinct++] = sorted[i];
            }
        }

        var rank = new int[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            rank[i] = Array.BinarySearch(sorted, 0, distinct, scores[i]) + 1; // 1-based for the tree
        }

        return (rank, distinct);
    }

    /// <summary>Counts per score rank with O(log R) insertion and prefix sums.</summary>
    private sealed class Fenwick(int size)
    {
        private readonly long[] _tree = new long[size + 1];

        public long Total { get; private set; }

        public void Add(int rank)
        {
            Total++;
            for (var i = rank; i < _tree.Length; i += i & -i)
            {
                _tree[i]++;
            }
        }

        public long Prefix(int rank)
        {
            var sum = 0L;
            for (var i = rank; i > 0; i -= i & -i)
            {
                sum += _tree[i];
            }

            return sum;
        }
    }
}
