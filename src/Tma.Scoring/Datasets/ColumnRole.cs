namespace Tma.Scoring.Datasets;

/// <summary>What one physical column of a dataset holds.</summary>
internal enum ColumnKind
{
    Input,
    Relevance,
    Outcome,
    Group,
    Key,
}

/// <summary>A column's role and the index it feeds (input index or group index).</summary>
internal readonly record struct ColumnRole(ColumnKind Kind, int Index);
