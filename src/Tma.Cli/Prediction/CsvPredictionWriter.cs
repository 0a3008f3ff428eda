using System.Globalization;
using nietras.SeparatedValues;

namespace Tma.Cli.Prediction;

/// <summary>
/// Predictions as RFC 4180 CSV through Sep: invariant culture, numbers in round-trip (<c>R</c>) form, fields quoted
/// when they need it, empty cells for nulls, <c>true</c>/<c>false</c> for validity.
/// </summary>
internal sealed class CsvPredictionWriter : IPredictionWriter
{
    private readonly SepWriter _writer;
    private readonly TextWriter _text;
    private readonly string? _keyColumn;
    private bool _anyRow;

    /// <param name="text">Where the CSV goes (disposed with this writer unless <paramref name="leaveOpen"/>).</param>
    /// <param name="keyColumn">Name of the key column to write first, or null when the dataset has none.</param>
    /// <param name="leaveOpen">True when the caller disposes <paramref name="text"/>.</param>
    public CsvPredictionWriter(TextWriter text, string? keyColumn, bool leaveOpen)
    {
        _keyColumn = keyColumn;
        _text = text;
        _writer = Sep.New(',').Writer(static o => o with { Escape = true, CultureInfo = CultureInfo.InvariantCulture }).To(text, leaveOpen);
    }

    public void Write(Prediction prediction)
    {
        _anyRow = true;
        using var row = _writer.NewRow();
        if (_keyColumn is not null)
        {
            row[_keyColumn].Set(prediction.Key ?? "");
        }

        Span<char> number = stackalloc char[32];
        row["row"].Set(Format(prediction.Row, number));
        row["score"].Set(Format(prediction.Score, number));
        row["probability"].Set(prediction.Probability is { } p ? Format(p, number) : []);
        row["level"].Set(prediction.Level ?? "");
        row["conclusion"].Set(prediction.Conclusion);
        row["valid"].Set(prediction.Valid ? "true" : "false");
        row["indicators"].Set(prediction.Indicators);
        row["engine"].Set(prediction.Engine);
    }

    public void Complete()
    {
        if (!_anyRow)
        {
            // Sep writes the header with the first row; a dataset without rows still gets its header line.
            var names = _keyColumn is null ? Prediction.Columns : [_keyColumn, .. Prediction.Columns];
            _text.Write(string.Join(',', names.Select(Quote)) + "\n");
        }

        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static ReadOnlySpan<char> Format(double value, Span<char> buffer) =>
        value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture) ? buffer[..written] : value.ToString("R", CultureInfo.InvariantCulture);

    private static ReadOnlySpan<char> Format(int value, Span<char> buffer) =>
        value.TryFormat(buffer, out var written, provider: CultureInfo.InvariantCulture) ? buffer[..written] : value.ToString(CultureInfo.InvariantCulture);
}
