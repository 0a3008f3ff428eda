using Tma.Models.Cases;

namespace Tma.Research.Datasets;

/// <summary>
/// One data row of a dataset, as read by <see cref="DatasetReader"/>. The reader reuses this object and its buffers:
/// its contents are valid until the next <see cref="DatasetReader.MoveNext"/>; call <see cref="ToResolvedCase"/> to keep a copy.
/// </summary>
public sealed class DatasetRow
{
    private readonly double?[] _values;
    private readonly double?[] _relevance;
    private readonly string?[] _groups;

    internal DatasetRow(int inputCount, int groupCount)
    {
        _values = new double?[inputCount];
        _relevance = new double?[inputCount];
        _groups = new string?[groupCount];
    }

    /// <summary>1-based number of the data row (the header is not counted).</summary>
    public int RowNumber { get; internal set; }

    /// <summary>1-based line in the file where the row starts (the header is line 1).</summary>
    public int LineNumber { get; internal set; }

    /// <summary>Value per model input, in model order: level or category position, or the number; null = unknown (empty cell or no column).</summary>
    public ReadOnlySpan<double?> Values => _values;

    /// <summary>Relevance level position per input (presence inputs with a <c>&lt;id&gt;.relevance</c> column); null elsewhere.</summary>
    public ReadOnlySpan<double?> Relevance => _relevance;

    /// <summary>The outcome: true for <c>1</c>, false for <c>0</c>.</summary>
    public bool Outcome { get; internal set; }

    /// <summary>The follow-up time when <see cref="DatasetReadOptions.TimeColumn"/> is set (finite, ≥ 0); NaN otherwise.</summary>
    public double Time { get; internal set; } = double.NaN;

    /// <summary>Subgroup label per <c>group:</c> column, aligned with <see cref="DatasetHeader.GroupNames"/>; null = empty cell.</summary>
    public ReadOnlySpan<string?> Groups => _groups;

    /// <summary>The case key, or null when there is no key column or the cell is empty.</summary>
    public string? Key { get; internal set; }

    internal double?[] ValueBuffer => _values;

    internal double?[] RelevanceBuffer => _relevance;

    internal string?[] GroupBuffer => _groups;

    /// <summary>A resolved case with copies of this row's values (no observations, no reference date, default norm).</summary>
    public ResolvedCase ToResolvedCase() =>
        new((double?[])_values.Clone(), (double?[])_relevance.Clone(), [], asOf: null, norm: null);
}
