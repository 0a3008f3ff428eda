using Tma.Research.Evaluation.Scoring;

namespace Tma.Research.Evaluation.Computation;

/// <summary>
/// Collects what an evaluation keeps per row, in growable arrays: the score (8 bytes) and level rank (1 byte) of each
/// score series, the outcome (1 byte) and a small id per group column (2 bytes). A million rows of one model take about
/// 12 MB, so a dataset streams through once and nothing else of it stays in memory.
/// </summary>
internal sealed class SampleBuilder
{
    /// <summary>The label of an empty group cell.</summary>
    public const string MissingGroup = "(missing)";

    private readonly int _series;
    private readonly bool _levels;
    private readonly GroupState[] _groups;
    private readonly int[] _insufficient;
    private double[][] _scores;
    private byte[][] _levelRanks;
    private bool[] _outcomes;
    private double[]? _times;
    private int _count;

    public SampleBuilder(int series, bool levels, IReadOnlyList<string> groupNames, int maxGroupLabels, int capacity = 4096, bool times = false)
    {
        _times = times ? new double[capacity] : null;
        _series = series;
        _levels = levels;
        _insufficient = new int[series];
        _scores = new double[series][];
        _levelRanks = new byte[levels ? series : 0][];
        for (var s = 0; s < series; s++)
        {
            _scores[s] = new double[capacity];
            if (levels)
            {
                _levelRanks[s] = new byte[capacity];
            }
        }

        _outcomes = new bool[capacity];
        _groups = [.. groupNames.Select(name => new GroupState(name, maxGroupLabels, capacity))];
    }

    public int Count => _count;

    /// <summary>Adds a row: its outcome, group labels (null = empty cell), one score per series and its follow-up time (when collected).</summary>
    public void Add(bool outcome, ReadOnlySpan<string?> groups, ReadOnlySpan<RowScore> scores, double time = double.NaN)
    {
        if (_count == _outcomes.Length)
        {
            Grow();
        }

        var i = _count++;
        _outcomes[i] = outcome;
        if (_times is not null)
        {
            _times[i] = time;
        }

        for (var s = 0; s < _series; s++)
        {
            _scores[s][i] = scores[s].Score;
            if (_levels)
            {
                _levelRanks[s][i] = (byte)scores[s].LevelRank;
            }

            if (scores[s].Insufficient)
            {
                _insufficient[s]++;
            }
        }

        for (var g = 0; g < _groups.Length; g++)
        {
            _groups[g].Add(i, groups[g]);
        }
    }

    public Sample Build() => new(
        _count,
        _outcomes,
        _scores,
        _levels ? _levelRanks : null,
        _insufficient,
        [.. _groups.Select(g => g.ToColumn())])
    {
        Times = _times,
    };

    private void Grow()
    {
        var capacity = checked(_outcomes.Length * 2);
        Array.Resize(ref _outcomes, capacity);
        if (_times is not null)
        {
            Array.Resize(ref _times, capacity);
        }
        for (var s = 0; s < _series; s++)
        {
            Array.Resize(ref _scores[s], capacity);
            if (_levels)
            {
                Array.Resize(ref _levelRanks[s], capacity);
            }
        }

        foreach (var group in _groups)
        {
            group.Grow(capacity);
        }
    }

    private sealed class GroupState(string name, int maxLabels, int capacity)
    {
        private readonly Dictionary<string, ushort> _ids = new(StringComparer.Ordinal);
        private readonly List<string> _labels = [];
        private ushort[] _rows = new ushort[capacity];
        private bool _overflowed;

        public void Add(int row, string? label)
        {
            if (_overflowed)
            {
                return;
            }

            label ??= MissingGroup;
            if (!_ids.TryGetValue(label, out var id))
            {
                if (_labels.Count >= maxLabels)
                {
                    _overflowed = true;
                    return;
                }

                id = (ushort)_labels.Count;
                _ids.Add(label, id);
                _labels.Add(label);
            }

            _rows[row] = id;
        }

        public void Grow(int newCapacity)
        {
            if (!_overflowed)
            {
                Array.Resize(ref _rows, newCapacity);
            }
        }

        public GroupColumn ToColumn() => new(name, _labels, _overflowed ? [] : _rows, _overflowed);
    }
}

/// <summary>The collected rows: arrays longer than <see cref="Count"/>, only the first <see cref="Count"/> entries count.</summary>
internal sealed record Sample(int Count, bool[] Outcomes, double[][] Scores, byte[][]? LevelRanks, int[] Insufficient, IReadOnlyList<GroupColumn> Groups)
{
    public ReadOnlySpan<bool> OutcomeSpan => Outcomes.AsSpan(0, Count);

    /// <summary>Follow-up time per row when a time column was read; null otherwise.</summary>
    public double[]? Times { get; init; }

    public ReadOnlySpan<double> ScoreSpan(int series) => Scores[series].AsSpan(0, Count);

    public int Events
    {
        get
        {
            var events = 0;
            foreach (var outcome in OutcomeSpan)
            {
                events += outcome ? 1 : 0;
            }

            return events;
        }
    }
}

/// <summary>One <c>group:</c> column: labels in order of first appearance and a label id per row.</summary>
/// <param name="Name">Column name without the prefix.</param>
/// <param name="Labels">Distinct labels.</param>
/// <param name="Ids">Label id per row (empty when the column overflowed).</param>
/// <param name="Overflowed">True when the column had more distinct labels than allowed and was not collected.</param>
internal sealed record GroupColumn(string Name, IReadOnlyList<string> Labels, ushort[] Ids, bool Overflowed);
