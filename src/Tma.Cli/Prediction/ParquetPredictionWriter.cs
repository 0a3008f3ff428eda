using Parquet;
using Parquet.Schema;

namespace Tma.Cli.Prediction;

/// <summary>
/// Predictions as Parquet through Parquet.Net: the same columns as the CSV with their natural types (row int32, score
/// double, probability nullable double, valid boolean, the rest strings), written in row groups of
/// <see cref="RowGroupSize"/> rows while the dataset streams, so memory stays bounded. The model's id, version and
/// content hash go into the file's key-value metadata (<c>tma.model.id</c>, <c>tma.model.version</c>, <c>tma.model.contentHash</c>).
/// </summary>
internal sealed class ParquetPredictionWriter : IPredictionWriter
{
    /// <summary>Rows per row group: large enough for good compression, small enough to keep memory flat.</summary>
    public const int RowGroupSize = 65_536;

    private readonly ParquetWriter _writer;
    private readonly DataField<string>? _key;
    private readonly DataField<int> _row = new("row");
    private readonly DataField<double> _score = new("score");
    private readonly DataField<double?> _probability = new("probability");
    private readonly DataField<string> _level = new("level", nullable: true);
    private readonly DataField<string> _conclusion = new("conclusion");
    private readonly DataField<bool> _valid = new("valid");
    private readonly DataField<string> _indicators = new("indicators");
    private readonly DataField<string> _engine = new("engine");
    private readonly List<Prediction> _buffer = new(RowGroupSize);

    /// <param name="stream">A seekable stream the file is written to (disposed by the caller).</param>
    /// <param name="keyColumn">Name of the key column to write first, or null when the dataset has none.</param>
    /// <param name="metadata">Key-value metadata for the file footer.</param>
    public ParquetPredictionWriter(Stream stream, string? keyColumn, IReadOnlyDictionary<string, string> metadata)
    {
        _key = keyColumn is null ? null : new DataField<string>(keyColumn, nullable: true);
        Field[] fields = [.. (_key is null ? Array.Empty<Field>() : [_key]), _row, _score, _probability, _level, _conclusion, _valid, _indicators, _engine];
        _writer = ParquetWriter.CreateAsync(new ParquetSchema(fields), stream).GetAwaiter().GetResult();
        _writer.CustomMetadata = metadata.ToDictionary();
    }

    public void Write(Prediction prediction)
    {
        _buffer.Add(prediction);
        if (_buffer.Count == RowGroupSize)
        {
            Flush();
        }
    }

    public void Complete()
    {
        Flush();
    }

    public void Dispose() => _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();

    // The CLI action is synchronous; Parquet.Net's API is asynchronous over a local file or memory stream.
    private void Flush()
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        using (var group = _writer.CreateRowGroup())
        {
            if (_key is not null)
            {
                Wait(group.WriteAsync(_key, Strings(static p => p.Key)));
            }

            Wait(group.WriteAsync<int>(_row, _buffer.Select(static p => p.Row).ToArray()));
            Wait(group.WriteAsync<double>(_score, _buffer.Select(static p => p.Score).ToArray()));
            Wait(group.WriteAsync<double>(_probability, (ReadOnlyMemory<double?>)_buffer.Select(static p => p.Probability).ToArray()));
            Wait(group.WriteAsync(_level, Strings(static p => p.Level)));
            Wait(group.WriteAsync(_conclusion, Strings(static p => p.Conclusion)));
            Wait(group.WriteAsync<bool>(_valid, _buffer.Select(static p => p.Valid).ToArray()));
            Wait(group.WriteAsync(_indicators, Strings(static p => p.Indicators)));
            Wait(group.WriteAsync(_engine, Strings(static p => p.Engine)));
            group.CompleteValidate();
        }

        _buffer.Clear();
    }

    private string?[] Strings(Func<Prediction, string?> select) => [.. _buffer.Select(select)];

    private static void Wait(Task task) => task.GetAwaiter().GetResult();

    private static void Wait(ValueTask task) => task.AsTask().GetAwaiter().GetResult();
}
