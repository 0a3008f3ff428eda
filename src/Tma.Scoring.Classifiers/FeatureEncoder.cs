using Tma.Models.Definitions;

namespace Tma.Scoring.Classifiers;

/// <summary>
/// Turns a row's resolved values (level or category positions, numbers; null = unknown) into the feature vector a
/// classifier package declares: scores or positions of ordered levels, numbers, one-hot categories, standardisation,
/// and the declared missing-value handling. Immutable and safe to share between threads.
/// </summary>
internal sealed class FeatureEncoder
{
    private readonly Slot[] _slots;

    public FeatureEncoder(ModelDefinition model, IReadOnlyList<FeatureDefinition>? features = null)
    {
        var declared = features ?? model.Classifier?.Features ?? throw new ArgumentException($"Model {model.Id} is not a classifier.", nameof(model));
        _slots = new Slot[declared.Count];
        var column = 0;
        for (var f = 0; f < declared.Count; f++)
        {
            var feature = declared[f];
            var input = model.Inputs[feature.InputIndex];
            var scale = feature.Relevance ? input.RelevanceLevels : input.Levels;
            var scores = feature.Encoding == FeatureEncoding.Score ? scale.Select(l => l.Score).ToArray() : null;
            _slots[f] = new Slot(feature, column, scores);
            column += feature.Columns.Count;
        }

        ColumnCount = column;
        Features = declared;
        Columns = [.. declared.SelectMany(f => f.Columns)];
    }

    /// <summary>Length of the feature vector.</summary>
    public int ColumnCount { get; }

    /// <summary>The features, in order.</summary>
    public IReadOnlyList<FeatureDefinition> Features { get; }

    /// <summary>Column names, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The first column of feature <paramref name="feature"/>.</summary>
    public int FirstColumn(int feature) => _slots[feature].Column;

    /// <summary>The encoded value of a known input value before standardisation (ordered and numeric features), or the category position (one-hot).</summary>
    public double Raw(int feature, double value)
    {
        var slot = _slots[feature];
        return slot.Scores is { } scores ? scores[(int)value] : value;
    }

    /// <summary>The feature's input value (or relevance) in a row.</summary>
    public static double? Value(FeatureDefinition feature, ReadOnlySpan<double?> values, ReadOnlySpan<double?> relevance) =>
        feature.Relevance ? (relevance.IsEmpty ? null : relevance[feature.InputIndex]) : values[feature.InputIndex];

    /// <summary>Writes the feature vector of one row into <paramref name="vector"/> (length <see cref="ColumnCount"/>).</summary>
    public void Encode(ReadOnlySpan<double?> values, ReadOnlySpan<double?> relevance, Span<float> vector)
    {
        vector.Clear();
        foreach (var slot in _slots)
        {
            var feature = slot.Feature;
            var value = Value(feature, values, relevance);
            var known = value.HasValue;
            if (feature.Encoding == FeatureEncoding.OneHot)
            {
                var category = known ? (int)value!.Value : feature.Fill is { } fill ? (int)fill : -1;
                if (category >= 0)
                {
                    vector[slot.Column + category] = 1f;
                }

                if (feature.Missing == MissingValueStrategy.Indicator && !known)
                {
                    vector[slot.Column + feature.Categories.Count] = 1f;
                }

                continue;
            }

            // Without a fill an unknown value sits at the training mean when standardised (0 after standardisation), else at 0.
            var raw = known ? Raw(slot, value!.Value) : feature.Fill ?? (feature.Standardize ? feature.Mean ?? 0 : 0);
            if (feature.Standardize && feature.Mean is { } mean && feature.StandardDeviation is { } sd)
            {
                raw = (raw - mean) / sd;
            }

            vector[slot.Column] = (float)raw;
            if (feature.Missing == MissingValueStrategy.Indicator && !known)
            {
                vector[slot.Column + 1] = 1f;
            }
        }
    }

    /// <summary>Encodes one row into a new array.</summary>
    public float[] Encode(ReadOnlySpan<double?> values, ReadOnlySpan<double?> relevance)
    {
        var vector = new float[ColumnCount];
        Encode(values, relevance, vector);
        return vector;
    }

    private static double Raw(Slot slot, double value) => slot.Scores is { } scores ? scores[(int)value] : value;

    private sealed record Slot(FeatureDefinition Feature, int Column, double[]? Scores);
}
