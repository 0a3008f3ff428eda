using Tma.Models.Diagnostics;

namespace Tma.Research.Datasets;

/// <summary>What <see cref="DatasetCheck.Run"/> found: the figures of a readable dataset, or why it was refused.</summary>
public sealed record DatasetCheckResult
{
    /// <summary>SHA-256 fingerprint of the file (<c>sha256:…</c>), or null when the file could not be read.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Columns refused by the identifier screen; when any, the dataset was not read further.</summary>
    public IReadOnlyList<RefusedColumn> RefusedColumns { get; init; } = [];

    /// <summary>Header and row errors (the first ones, when bad rows were skipped) and header warnings.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>Rows read without errors.</summary>
    public int Rows { get; init; }

    /// <summary>Bad rows (skipped, or the one that stopped the read).</summary>
    public int BadRows { get; init; }

    /// <summary>Rows whose outcome is 1.</summary>
    public int Positives { get; init; }

    /// <summary>Share of rows with outcome 1 (NaN when there are no rows).</summary>
    public double BaseRate => Rows == 0 ? double.NaN : (double)Positives / Rows;

    /// <summary>Unknown values per model input id, in model order (a missing column counts every row).</summary>
    public IReadOnlyList<KeyValuePair<string, int>> MissingPerInput { get; init; } = [];

    /// <summary>Subgroup names of the <c>group:</c> columns.</summary>
    public IReadOnlyList<string> GroupNames { get; init; } = [];

    /// <summary>True when the dataset was read to the end with nothing refused (bad rows may have been skipped, see <see cref="BadRows"/>).</summary>
    public bool Succeeded => RefusedColumns.Count == 0 && !Stopped;

    /// <summary>True when reading stopped early at a bad row or the header was rejected.</summary>
    public bool Stopped { get; init; }
}
