namespace Tma.Research.Datasets;

/// <summary>What one physical column of a dataset holds.</summary>
internal enum ColumnKind
{
    Input,
    Relevance,
    Outcome,
    Group,
    Key,

    /// <summary>The follow-up time of a time-to-event analysis (a non-negative number); never a model input.</summary>
    Time,

    /// <summary>A column the caller declared as known but not used (e.g. the other model's inputs in a comparison).</summary>
    Ignored,
}

/// <summary>A column's role and the index it feeds (input index or group index).</summary>
internal readonly record struct ColumnRole(ColumnKind Kind, int Index);
