using System.Globalization;
using System.Text;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using nietras.SeparatedValues;

namespace Tma.Research.Datasets;

/// <summary>
/// Streams the rows of an anonymized dataset (RFC 4180 CSV, UTF-8, header row) checked against a model's inputs.
/// Intolerant: every bad cell is a located <see cref="Diagnostic"/>, never a silent coercion. By default reading stops
/// at the first bad row; with <see cref="DatasetReadOptions.SkipBadRows"/> bad rows are skipped and counted.
/// Not thread-safe; one reader per file and thread.
/// </summary>
public sealed class DatasetReader : IDisposable
{
    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private readonly string _path;
    private readonly ModelDefinition _model;
    private readonly DatasetReadOptions _options;
    private readonly SepReader _sep;
    private readonly ColumnRole[] _roles;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>?[] _levels;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>?[] _relevanceLevels;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>[] _groupLabels;
    private readonly CsvRowLoop _loop;
    private readonly Func<SepReader.Row, Diagnostic?> _parse;

    private DatasetReader(string path, ModelDefinition model, DatasetReadOptions options, SepReader sep, DatasetHeader header, ColumnRole[] roles)
    {
        _path = path;
        _model = model;
        _options = options;
        _sep = sep;
        _loop = new CsvRowLoop(path, options.SkipBadRows, options.MaxReportedErrors);
        _parse = ParseRow;
        _roles = roles;
        Header = header;
        Current = new DatasetRow(model.Inputs.Count, header.GroupNames.Count);
        _levels = new Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>?[model.Inputs.Count];
        _relevanceLevels = new Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>?[model.Inputs.Count];
        for (var i = 0; i < model.Inputs.Count; i++)
        {
            var input = model.Inputs[i];
            if (input.HasLevels)
            {
                _levels[i] = LevelLookup(input.Levels);
            }

            if (input.HasRelevance)
            {
                _relevanceLevels[i] = LevelLookup(input.RelevanceLevels);
            }
        }

        _groupLabels = new Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>[header.GroupNames.Count];
        for (var g = 0; g < _groupLabels.Length; g++)
        {
            _groupLabels[g] = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    /// <summary>The checked header.</summary>
    public DatasetHeader Header { get; }

    /// <summary>The current row (a reused object; see <see cref="DatasetRow"/>). Valid after <see cref="MoveNext"/> returned true.</summary>
    public DatasetRow Current { get; }

    /// <summary>Rows read without errors so far.</summary>
    public int RowCount => _loop.RowCount;

    /// <summary>Bad rows met so far (skipped, or the one that stopped the read).</summary>
    public int BadRowCount => _loop.BadRowCount;

    /// <summary>Row errors kept for reporting: the first <see cref="DatasetReadOptions.MaxReportedErrors"/> (at least the first).</summary>
    public IReadOnlyList<Diagnostic> Errors => _loop.Errors;

    /// <summary>True when reading stopped at a bad row (or an unreadable file) before the end.</summary>
    public bool Stopped => _loop.Stopped;

    /// <summary>
    /// Opens a dataset and checks its header against the model. All header problems are reported together; a missing
    /// input column is a warning. On failure the file is closed and the result carries the diagnostics.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="model">The model whose inputs the columns name.</param>
    /// <param name="options">Read options; <see cref="DatasetReadOptions.Default"/> when null.</param>
    /// <returns>The open reader (dispose it), or the header diagnostics.</returns>
    public static LoadResult<DatasetReader> Open(string path, ModelDefinition model, DatasetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        options ??= DatasetReadOptions.Default;
        var bag = new DiagnosticBag();
        if (!File.Exists(path))
        {
            return Fail(path, DatasetMessages.FileNotFound);
        }

        SepReader? sep = null;
        try
        {
            var text = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            sep = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = false, Trim = SepTrim.None }).From(text);
            if (!sep.MoveNext())
            {
                sep.Dispose();
                return Fail(path, DatasetMessages.EmptyFile);
            }

            var (header, roles, diagnostics) = ReadHeader(path, model, options, sep.Current);
            if (diagnostics.Any(d => d.Severity == Severity.Error))
            {
                sep.Dispose();
                return LoadResult<DatasetReader>.Failed(diagnostics);
            }

            var reader = new DatasetReader(path, model, options, sep, header, roles);
            reader.Warnings = diagnostics;
            return LoadResult<DatasetReader>.From(reader, bag);
        }
        catch (DecoderFallbackException)
        {
            sep?.Dispose();
            return Fail(path, DatasetMessages.NotUtf8(1));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            sep?.Dispose();
            return Fail(path, DatasetMessages.Unreadable(ex.Message));
        }
    }

    /// <summary>Header warnings (missing input columns).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; private set; } = [];

    /// <summary>
    /// Advances to the next good row. Returns false at the end of the file, or — unless bad rows are skipped — at the
    /// first bad row (then <see cref="Stopped"/> is true and <see cref="Errors"/> says where and why).
    /// </summary>
    public bool MoveNext() => _loop.MoveNext(_sep, _parse);

    /// <summary>Closes the file.</summary>
    public void Dispose() => _sep.Dispose();

    private Diagnostic? ParseRow(SepReader.Row row)
    {
        var current = Current;
        current.RowNumber = row.RowIndex;
        current.LineNumber = row.LineNumberFrom;
        var rowSpan = row.Span;
        if (row.ColCount != _roles.Length)
        {
            // A stray quote makes Sep read a quoted section over the separators: name the quote, not the count.
            for (var c = 0; rowSpan.Contains('"') && c < row.ColCount; c++)
            {
                var field = row[c].Span;
                if (!CsvText.TryUnquote(field, out _))
                {
                    return Error(DatasetDiagnosticCodes.MalformedQuotes, CsvText.Position(rowSpan, field, row.LineNumberFrom), DatasetMessages.MalformedQuotes);
                }
            }

            var column = row.ColCount > _roles.Length ? CsvText.Position(rowSpan, row[_roles.Length].Span, row.LineNumberFrom) : (row.LineNumberFrom, rowSpan.Length + 1);
            return Error(DatasetDiagnosticCodes.ColumnCount, column, DatasetMessages.ColumnCount(row.ColCount, _roles.Length));
        }

        Array.Clear(current.ValueBuffer);
        Array.Clear(current.RelevanceBuffer);
        Array.Clear(current.GroupBuffer);
        current.Key = null;
        for (var c = 0; c < _roles.Length; c++)
        {
            var raw = row[c].Span;
            if (!CsvText.TryUnquote(raw, out var cell))
            {
                return Error(DatasetDiagnosticCodes.MalformedQuotes, CsvText.Position(rowSpan, raw, row.LineNumberFrom), DatasetMessages.MalformedQuotes);
            }

            var role = _roles[c];
            if (cell.IsEmpty && role.Kind is not (ColumnKind.Outcome or ColumnKind.Time))
            {
                continue;
            }

            string? message = null;
            string code = DatasetDiagnosticCodes.UnknownLevel;
            switch (role.Kind)
            {
                case ColumnKind.Input:
                    (code, message) = ParseInput(role.Index, cell, current.ValueBuffer);
                    break;
                case ColumnKind.Relevance:
                    if (_relevanceLevels[role.Index]!.Value.TryGetValue(cell, out var relevance))
                    {
                        current.RelevanceBuffer[role.Index] = relevance;
                    }
                    else
                    {
                        var input = _model.Inputs[role.Index];
                        message = DatasetMessages.UnknownRelevance(input, Suggestions.Closest(cell.ToString(), input.RelevanceLevels.Select(l => l.Id)));
                    }

                    break;
                case ColumnKind.Outcome:
                    if (cell.Length == 1 && cell[0] is '0' or '1')
                    {
                        current.Outcome = cell[0] == '1';
                    }
                    else
                    {
                        (code, message) = (DatasetDiagnosticCodes.BadOutcome, DatasetMessages.BadOutcome(_options.OutcomeColumn));
                    }

                    break;
                case ColumnKind.Time:
                    if (double.TryParse(cell, NumberStyle, CultureInfo.InvariantCulture, out var time) && double.IsFinite(time) && time >= 0)
                    {
                        current.Time = time;
                    }
                    else
                    {
                        (code, message) = (DatasetDiagnosticCodes.BadTime, DatasetMessages.BadTime(_options.TimeColumn!));
                    }

                    break;
                case ColumnKind.Group:
                    var labels = _groupLabels[role.Index];
                    if (!labels.TryGetValue(cell, out var label))
                    {
                        label = cell.ToString();
                        labels[label] = label;
                    }

                    current.GroupBuffer[role.Index] = label;
                    break;
                case ColumnKind.Key:
                    current.Key = cell.ToString();
                    break;
            }

            if (message is not null)
            {
                return Error(code, CsvText.Position(rowSpan, raw, row.LineNumberFrom), message);
            }
        }

        return null;
    }

    private (string Code, string? Message) ParseInput(int index, ReadOnlySpan<char> cell, double?[] values)
    {
        var input = _model.Inputs[index];
        if (_levels[index] is { } levels)
        {
            if (levels.TryGetValue(cell, out var position))
            {
                values[index] = position;
                return (DatasetDiagnosticCodes.UnknownLevel, null);
            }

            return (DatasetDiagnosticCodes.UnknownLevel, DatasetMessages.UnknownLevel(input, Suggestions.Closest(cell.ToString(), input.Levels.Select(l => l.Id))));
        }

        if (!double.TryParse(cell, NumberStyle, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return (DatasetDiagnosticCodes.NotANumber, DatasetMessages.NotANumber(input.Id));
        }

        if ((input.Minimum is { } min && number < min) || (input.Maximum is { } max && number > max))
        {
            return (DatasetDiagnosticCodes.OutOfRange, DatasetMessages.OutOfRange(input));
        }

        values[index] = number;
        return (DatasetDiagnosticCodes.NotANumber, null);
    }

    private Diagnostic Error(string code, (int Line, int Column) position, string message) =>
        new(code, Severity.Error, new SourceLocation(_path, position.Line, position.Column), message);

    private static (DatasetHeader Header, ColumnRole[] Roles, List<Diagnostic> Diagnostics) ReadHeader(string path, ModelDefinition model, DatasetReadOptions options, SepReader.Row row)
    {
        var diagnostics = new List<Diagnostic>();
        var inputIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < model.Inputs.Count; i++)
        {
            inputIndex[model.Inputs[i].Id] = i;
        }

        var candidates = model.Inputs.Select(i => i.Id)
            .Concat(model.Inputs.Where(i => i.HasRelevance).Select(i => i.Id + ".relevance"))
            .Append(options.OutcomeColumn)
            .Append(options.KeyColumn)
            .Concat(options.TimeColumn is null ? [] : [options.TimeColumn])
            .ToArray();
        var roles = new ColumnRole[row.ColCount];
        var columns = new string[row.ColCount];
        var groups = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var present = new bool[model.Inputs.Count];
        var hasOutcome = false;
        var hasKey = false;
        var hasTime = false;
        var rowSpan = row.Span;
        for (var c = 0; c < row.ColCount; c++)
        {
            var raw = row[c].Span;
            var (line, column) = CsvText.Position(rowSpan, raw, 1); // the header starts on line 1 by definition
            var location = new SourceLocation(path, line, column);
            if (!CsvText.TryUnquote(raw, out var text))
            {
                diagnostics.Add(new(DatasetDiagnosticCodes.MalformedQuotes, Severity.Error, location, DatasetMessages.MalformedQuotes));
                columns[c] = raw.ToString();
                continue;
            }

            var name = text.ToString();
            columns[c] = name;
            if (!seen.Add(name))
            {
                diagnostics.Add(new(DatasetDiagnosticCodes.DuplicateColumn, Severity.Error, location, DatasetMessages.DuplicateColumn(name)));
                continue;
            }

            if (name.Length == 0)
            {
                diagnostics.Add(new(DatasetDiagnosticCodes.UnknownColumn, Severity.Error, location, DatasetMessages.EmptyColumnName));
            }
            else if (name == options.TimeColumn)
            {
                roles[c] = new(ColumnKind.Time, 0);
                hasTime = true;
            }
            else if (inputIndex.TryGetValue(name, out var index))
            {
                roles[c] = new(ColumnKind.Input, index);
                present[index] = true;
            }
            else if (name == options.OutcomeColumn)
            {
                roles[c] = new(ColumnKind.Outcome, 0);
                hasOutcome = true;
            }
            else if (name == options.KeyColumn)
            {
                roles[c] = new(ColumnKind.Key, 0);
                hasKey = true;
            }
            else if (name.StartsWith("group:", StringComparison.Ordinal))
            {
                if (name.Length == "group:".Length)
                {
                    diagnostics.Add(new(DatasetDiagnosticCodes.UnknownColumn, Severity.Error, location, DatasetMessages.EmptyGroupName));
                }

                roles[c] = new(ColumnKind.Group, groups.Count);
                groups.Add(name["group:".Length..]);
            }
            else if (name.EndsWith(".relevance", StringComparison.Ordinal) && inputIndex.TryGetValue(name[..^".relevance".Length], out var relevant))
            {
                if (model.Inputs[relevant].HasRelevance)
                {
                    roles[c] = new(ColumnKind.Relevance, relevant);
                }
                else
                {
                    diagnostics.Add(new(DatasetDiagnosticCodes.UnknownColumn, Severity.Error, location, DatasetMessages.NoRelevanceAxis(model.Inputs[relevant].Id)));
                }
            }
            else if (options.IgnoredColumns.Contains(name))
            {
                roles[c] = new(ColumnKind.Ignored, 0);
            }
            else
            {
                diagnostics.Add(new(DatasetDiagnosticCodes.UnknownColumn, Severity.Error, location, DatasetMessages.UnknownColumn(name, candidates)));
            }
        }

        if (!hasOutcome && !options.OutcomeOptional)
        {
            diagnostics.Add(new(DatasetDiagnosticCodes.MissingOutcome, Severity.Error, new SourceLocation(path, 1, 1), DatasetMessages.MissingOutcome(options.OutcomeColumn)));
        }

        if (options.TimeColumn is { } timeColumn && !hasTime)
        {
            diagnostics.Add(new(DatasetDiagnosticCodes.MissingTime, Severity.Error, new SourceLocation(path, 1, 1), DatasetMessages.MissingTime(timeColumn)));
        }

        var missing = new List<string>();
        for (var i = 0; i < present.Length; i++)
        {
            if (!present[i])
            {
                missing.Add(model.Inputs[i].Id);
                diagnostics.Add(new(DatasetDiagnosticCodes.MissingInput, Severity.Warning, new SourceLocation(path, 1, 1), DatasetMessages.MissingInput(model.Inputs[i].Id)));
            }
        }

        return (new DatasetHeader(columns, groups, missing, hasKey), roles, diagnostics);
    }

    private static LoadResult<DatasetReader> Fail(string path, string message) =>
        LoadResult<DatasetReader>.Failed([new Diagnostic(DatasetDiagnosticCodes.File, Severity.Error, SourceLocation.WholeFile(path), message)]);

    private static Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> LevelLookup(IReadOnlyList<ScaleLevel> levels)
    {
        var map = new Dictionary<string, int>(levels.Count, StringComparer.Ordinal);
        for (var i = 0; i < levels.Count; i++)
        {
            map[levels[i].Id] = i;
        }

        return map.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
