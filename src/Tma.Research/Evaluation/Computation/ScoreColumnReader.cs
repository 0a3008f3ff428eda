using System.Globalization;
using System.Text;
using Tma.Models.Diagnostics;
using Tma.Research.Datasets;
using nietras.SeparatedValues;

namespace Tma.Research.Evaluation.Computation;

/// <summary>
/// Streams a dataset whose score is already a column (or several): the score columns, the outcome and the <c>group:</c>
/// columns are read, every other column is ignored. As intolerant as <see cref="DatasetReader"/>: an empty, non-numeric,
/// NaN or infinite score or a bad outcome is a located error; messages name the column, never the cell's value.
/// </summary>
internal sealed class ScoreColumnReader : IDisposable
{
    private const int MaxReportedErrors = 20;

    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private readonly string _path;
    private readonly EvaluationOptions _options;
    private readonly SepReader _sep;
    private readonly int _columnCount;
    private readonly int[] _scoreIndex;
    private readonly string[] _scoreNames;
    private readonly int _outcomeIndex;
    private readonly int _timeIndex;
    private readonly int[] _groupIndex;
    private readonly CsvRowLoop _loop;
    private readonly Func<SepReader.Row, Diagnostic?> _parse;
    private readonly Dictionary<string, string>[] _groupLabels;

    private ScoreColumnReader(string path, EvaluationOptions options, SepReader sep, int columnCount, int[] scoreIndex, string[] scoreNames, int outcomeIndex, int[] groupIndex, string[] groupNames, int timeIndex)
    {
        _timeIndex = timeIndex;
        _path = path;
        _options = options;
        _sep = sep;
        _loop = new CsvRowLoop(path, options.SkipBadRows, MaxReportedErrors);
        _parse = ParseRow;
        _columnCount = columnCount;
        _scoreIndex = scoreIndex;
        _scoreNames = scoreNames;
        _outcomeIndex = outcomeIndex;
        _groupIndex = groupIndex;
        GroupNames = groupNames;
        Scores = new double[scoreIndex.Length];
        Groups = new string?[groupIndex.Length];
        FirstLineOutsideUnitInterval = new int?[scoreIndex.Length];
        _groupLabels = [.. groupIndex.Select(_ => new Dictionary<string, string>(StringComparer.Ordinal))];
    }

    public IReadOnlyList<string> GroupNames { get; }

    /// <summary>Scores of the current row, one per requested column.</summary>
    public double[] Scores { get; }

    public bool Outcome { get; private set; }

    /// <summary>The current row's follow-up time when a time column is read; NaN otherwise.</summary>
    public double Time { get; private set; } = double.NaN;

    public string?[] Groups { get; }

    public int RowCount => _loop.RowCount;

    public int BadRowCount => _loop.BadRowCount;

    public bool Stopped => _loop.Stopped;

    public IReadOnlyList<Diagnostic> Errors => _loop.Errors;

    /// <summary>Per score column, the first line with a value outside [0, 1], or null when all values so far lie in it.</summary>
    public int?[] FirstLineOutsideUnitInterval { get; }

    public static LoadResult<ScoreColumnReader> Open(string path, IReadOnlyList<string> scoreColumns, EvaluationOptions options)
    {
        if (!File.Exists(path))
        {
            return Fail(path, 0, 0, DatasetDiagnosticCodes.File, "the dataset file does not exist");
        }

        SepReader? sep = null;
        try
        {
            var text = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            sep = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = false, Trim = SepTrim.None }).From(text);
            if (!sep.MoveNext())
            {
                sep.Dispose();
                return Fail(path, 0, 0, DatasetDiagnosticCodes.File, "the dataset file is empty; it needs a header row");
            }

            var header = sep.Current;
            var names = new string[header.ColCount];
            var diagnostics = new List<Diagnostic>();
            for (var c = 0; c < header.ColCount; c++)
            {
                var raw = header[c].Span;
                if (!CsvText.TryUnquote(raw, out var name))
                {
                    var (line, column) = CsvText.Position(header.Span, raw, 1);
                    diagnostics.Add(new Diagnostic(DatasetDiagnosticCodes.MalformedQuotes, Severity.Error, new SourceLocation(path, line, column), "a quoted field is not closed properly (RFC 4180: a field in quotes ends with a quote, and quotes inside it are doubled)"));
                }

                names[c] = name.ToString();
            }

            var location = new SourceLocation(path, 1, 1);
            int Find(string name, string code, string missing)
            {
                var found = -1;
                for (var c = 0; c < names.Length; c++)
                {
                    if (names[c] != name)
                    {
                        continue;
                    }

                    if (found >= 0)
                    {
                        diagnostics.Add(new Diagnostic(DatasetDiagnosticCodes.DuplicateColumn, Severity.Error, location, $"column `{name}` appears more than once in the header"));
                    }

                    found = c;
                }

                if (found < 0)
                {
                    diagnostics.Add(new Diagnostic(code, Severity.Error, location, missing));
                }

                return found;
            }

            var scoreIndex = new int[scoreColumns.Count];
            for (var s = 0; s < scoreColumns.Count; s++)
            {
                var name = scoreColumns[s];
                var hint = Suggestions.Closest(name, names.Where(n => n != options.OutcomeColumn));
                scoreIndex[s] = Find(name, EvaluationDiagnosticCodes.MissingScoreColumn,
                    $"the header has no score column `{name}`" + (hint is null ? "" : $" — did you mean `{hint}`?"));
                if (name == options.OutcomeColumn || name.StartsWith("group:", StringComparison.Ordinal))
                {
                    diagnostics.Add(new Diagnostic(EvaluationDiagnosticCodes.MissingScoreColumn, Severity.Error, location, $"column `{name}` is the outcome or a group column, not a score"));
                }
            }

            var outcomeIndex = Find(options.OutcomeColumn, DatasetDiagnosticCodes.MissingOutcome,
                $"the header has no outcome column `{options.OutcomeColumn}` (set another name with the outcome option)");
            var timeIndex = options.TimeColumn is { } timeColumn
                ? Find(timeColumn, DatasetDiagnosticCodes.MissingTime, $"the header has no follow-up time column `{timeColumn}` (the time option names it)")
                : -1;
            if (options.TimeColumn is { } time && scoreColumns.Contains(time))
            {
                diagnostics.Add(new Diagnostic(EvaluationDiagnosticCodes.MissingScoreColumn, Severity.Error, location, $"column `{time}` is the follow-up time, not a score"));
            }

            var groups = Enumerable.Range(0, names.Length).Where(c => names[c].StartsWith("group:", StringComparison.Ordinal)).ToArray();
            if (diagnostics.Count > 0)
            {
                sep.Dispose();
                return LoadResult<ScoreColumnReader>.Failed(diagnostics);
            }

            return LoadResult<ScoreColumnReader>.From(
                new ScoreColumnReader(path, options, sep, names.Length, scoreIndex, [.. scoreColumns], outcomeIndex, groups, [.. groups.Select(c => names[c]["group:".Length..])], timeIndex),
                new DiagnosticBag());
        }
        catch (DecoderFallbackException)
        {
            sep?.Dispose();
            return Fail(path, 1, 1, DatasetDiagnosticCodes.File, "the file is not valid UTF-8 (at or after line 1)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            sep?.Dispose();
            return Fail(path, 0, 0, DatasetDiagnosticCodes.File, $"the dataset cannot be read: {ex.Message}");
        }
    }

    public bool MoveNext() => _loop.MoveNext(_sep, _parse);

    /// <summary>Closes the file.</summary>
    public void Dispose() => _sep.Dispose();

    private Diagnostic? ParseRow(SepReader.Row row)
    {
        var rowSpan = row.Span;
        var lineNumber = row.LineNumberFrom;
        if (row.ColCount != _columnCount)
        {
            return Error(DatasetDiagnosticCodes.ColumnCount, (lineNumber, 1),
                string.Create(CultureInfo.InvariantCulture, $"the row has {row.ColCount} field(s) but the header has {_columnCount}"));
        }

        for (var s = 0; s < _scoreIndex.Length; s++)
        {
            var raw = row[_scoreIndex[s]].Span;
            var position = CsvText.Position(rowSpan, raw, lineNumber);
            if (!CsvText.TryUnquote(raw, out var cell))
            {
                return Error(DatasetDiagnosticCodes.MalformedQuotes, position, "a quoted field is not closed properly");
            }

            var name = _scoreNames[s];
            if (cell.IsEmpty)
            {
                return Error(EvaluationDiagnosticCodes.BadScore, position, $"the score in column `{name}` is empty; every row needs a score (drop rows without one, or impute them on purpose before evaluating)");
            }

            if (!double.TryParse(cell, NumberStyle, CultureInfo.InvariantCulture, out var value))
            {
                var lower = cell.ToString().Trim().ToLowerInvariant();
                var message = lower is "nan" or "+nan" or "-nan"
                    ? $"the score in column `{name}` is NaN; every row needs a numeric score"
                    : lower.Contains("inf", StringComparison.Ordinal)
                        ? $"the score in column `{name}` is infinite; scores must be finite numbers"
                        : $"the score in column `{name}` is not a number (use invariant notation such as 0.25 or 12, no thousands separators)";
                return Error(EvaluationDiagnosticCodes.BadScore, position, message);
            }

            if (!double.IsFinite(value))
            {
                return Error(EvaluationDiagnosticCodes.BadScore, position, double.IsNaN(value)
                    ? $"the score in column `{name}` is NaN; every row needs a numeric score"
                    : $"the score in column `{name}` is infinite; scores must be finite numbers");
            }

            Scores[s] = value;
            if (value is < 0.0 or > 1.0 && FirstLineOutsideUnitInterval[s] is null)
            {
                FirstLineOutsideUnitInterval[s] = position.Line;
            }
        }

        var outcomeRaw = row[_outcomeIndex].Span;
        if (!CsvText.TryUnquote(outcomeRaw, out var outcome) || outcome.Length != 1 || outcome[0] is not ('0' or '1'))
        {
            return Error(DatasetDiagnosticCodes.BadOutcome, CsvText.Position(rowSpan, outcomeRaw, lineNumber), $"the outcome in column `{_options.OutcomeColumn}` must be exactly 0 or 1");
        }

        Outcome = outcome[0] == '1';
        if (_timeIndex >= 0)
        {
            var timeRaw = row[_timeIndex].Span;
            if (!CsvText.TryUnquote(timeRaw, out var timeCell)
                || !double.TryParse(timeCell, NumberStyle, CultureInfo.InvariantCulture, out var time) || !double.IsFinite(time) || time < 0)
            {
                return Error(DatasetDiagnosticCodes.BadTime, CsvText.Position(rowSpan, timeRaw, lineNumber),
                    $"the follow-up time in column `{_options.TimeColumn}` must be a finite number ≥ 0 in invariant notation (such as 365 or 12.5); every row needs one");
            }

            Time = time;
        }
        for (var g = 0; g < _groupIndex.Length; g++)
        {
            var raw = row[_groupIndex[g]].Span;
            if (!CsvText.TryUnquote(raw, out var cell))
            {
                return Error(DatasetDiagnosticCodes.MalformedQuotes, CsvText.Position(rowSpan, raw, lineNumber), "a quoted field is not closed properly");
            }

            if (cell.IsEmpty)
            {
                Groups[g] = null;
                continue;
            }

            var labels = _groupLabels[g];
            var lookup = labels.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(cell, out var label))
            {
                label = cell.ToString();
                labels[label] = label;
            }

            Groups[g] = label;
        }

        return null;
    }

    private Diagnostic Error(string code, (int Line, int Column) position, string message) =>
        new(code, Severity.Error, new SourceLocation(_path, position.Line, position.Column), message);

    private static LoadResult<ScoreColumnReader> Fail(string path, int line, int column, string code, string message) =>
        LoadResult<ScoreColumnReader>.Failed([new Diagnostic(code, Severity.Error, new SourceLocation(path, line, column), message)]);
}
