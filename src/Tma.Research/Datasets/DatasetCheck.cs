using Tma.Models.Definitions;
using Tma.Models.Diagnostics;

namespace Tma.Research.Datasets;

/// <summary>The checks behind <c>tma dataset check</c>: identifier screen, then a full streaming read with figures.</summary>
public static class DatasetCheck
{
    /// <summary>Screens and reads a dataset against a model.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="model">The model whose inputs the columns name.</param>
    /// <param name="options">Read options; <see cref="DatasetReadOptions.Default"/> when null.</param>
    /// <returns>The figures, refused columns and diagnostics.</returns>
    public static DatasetCheckResult Run(string path, ModelDefinition model, DatasetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= DatasetReadOptions.Default;
        if (!File.Exists(path))
        {
            return Failed(DatasetReader.Open(path, model, options).Diagnostics);
        }

        var inputs = model.Inputs.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        bool IsInput(string column) =>
            inputs.Contains(column) || (column.EndsWith(".relevance", StringComparison.Ordinal) && inputs.Contains(column[..^".relevance".Length]));
        bool IsKnown(string column) =>
            IsInput(column) || column == options.OutcomeColumn || column == options.KeyColumn || column.StartsWith("group:", StringComparison.Ordinal);

        var fingerprint = DatasetFingerprint.Compute(path);
        var refused = IdentifierScreen.Screen(path, IsKnown, IsInput);
        if (refused.Count > 0)
        {
            return new DatasetCheckResult { Fingerprint = fingerprint, RefusedColumns = refused, Stopped = true };
        }

        var open = DatasetReader.Open(path, model, options);
        if (open.Value is null)
        {
            return Failed(open.Diagnostics) with { Fingerprint = fingerprint };
        }

        using var reader = open.Value;
        var missing = new int[model.Inputs.Count];
        var positives = 0;
        while (reader.MoveNext())
        {
            var row = reader.Current;
            positives += row.Outcome ? 1 : 0;
            var values = row.Values;
            for (var i = 0; i < values.Length; i++)
            {
                missing[i] += values[i].HasValue ? 0 : 1;
            }
        }

        return new DatasetCheckResult
        {
            Fingerprint = fingerprint,
            Diagnostics = [.. reader.Warnings, .. reader.Errors],
            Rows = reader.RowCount,
            BadRows = reader.BadRowCount,
            Positives = positives,
            Stopped = reader.Stopped,
            GroupNames = reader.Header.GroupNames,
            MissingPerInput = [.. model.Inputs.Select((input, i) => KeyValuePair.Create(input.Id, missing[i]))],
        };
    }

    private static DatasetCheckResult Failed(IReadOnlyList<Diagnostic> diagnostics) =>
        new() { Diagnostics = diagnostics, Stopped = true };
}
