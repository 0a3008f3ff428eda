namespace Tma.Research.Datasets;

/// <summary>What a dataset's header row declares, checked against a model.</summary>
public sealed class DatasetHeader
{
    internal DatasetHeader(IReadOnlyList<string> columns, IReadOnlyList<string> groupNames, IReadOnlyList<string> missingInputs, bool hasKey)
    {
        Columns = columns;
        GroupNames = groupNames;
        MissingInputs = missingInputs;
        HasKey = hasKey;
    }

    /// <summary>The header's column names, in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Subgroup names (the part after <c>group:</c>), in file order.</summary>
    public IReadOnlyList<string> GroupNames { get; }

    /// <summary>Model inputs without a column; their values are always unknown.</summary>
    public IReadOnlyList<string> MissingInputs { get; }

    /// <summary>True when the file has the case-key column.</summary>
    public bool HasKey { get; }
}
