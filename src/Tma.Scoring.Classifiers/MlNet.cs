using Microsoft.ML.Data;

namespace Tma.Scoring.Classifiers;

/// <summary>A feature vector with an outcome, as ML.NET reads it.</summary>
internal sealed class LabelledRow
{
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}

/// <summary>A feature vector without an outcome (single-case scoring).</summary>
internal sealed class FeatureRow
{
    public float[] Features { get; set; } = [];
}

/// <summary>What the package's model file gives per row.</summary>
internal sealed class ScoredRow
{
    public float Score { get; set; }

    public float Probability { get; set; }

    public float[] FeatureContributions { get; set; } = [];
}

/// <summary>The ML.NET schema of classifier model files: column names and the feature vector with its slot names (training writes it, scoring checks it).</summary>
internal static class MlNet
{
    public const string FeaturesColumn = "Features";
    public const string LabelColumn = "Label";
    public const string ContributionsColumn = "FeatureContributions";

    /// <summary>A schema definition for <typeparamref name="T"/> whose feature vector has the given column names as slot names.</summary>
    public static SchemaDefinition Schema<T>(IReadOnlyList<string> columns)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        var column = schema[FeaturesColumn];
        column.ColumnType = new VectorDataViewType(NumberDataViewType.Single, columns.Count);
        var names = new VBuffer<ReadOnlyMemory<char>>(columns.Count, [.. columns.Select(c => c.AsMemory())]);
        column.AddAnnotation("SlotNames", names, new VectorDataViewType(TextDataViewType.Instance, columns.Count));
        return schema;
    }
}
