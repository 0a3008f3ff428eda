using System.Globalization;
using System.Text;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Research.Datasets;
using nietras.SeparatedValues;

namespace Tma.Research.Evaluation.Computation;

/// <summary>
/// A ratings file read into memory (such files are small): long format, one row per case and rater, one column per
/// item and optionally the summary level. A value is a number, or — with a model — a level id of the item's input
/// (a number for numeric inputs), a level id of the model's output levels for the level column, or a level id of a
/// rating field of the model's judgement (the assessors' summary ratings; the summary field counts as the summary
/// level). A name that is both an input and a judgement field is read as the input. Empty = not rated.
/// </summary>
internal sealed partial class RatingsTable
{
    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private RatingsTable(int rows, int cases, int raters, IReadOnlyList<RatedItem> items)
    {
        Rows = rows;
        Cases = cases;
        Raters = raters;
        Items = items;
    }

    public int Rows { get; }

    public int Cases { get; }

    public int Raters { get; }

    public IReadOnlyList<RatedItem> Items { get; }

    public static LoadResult<RatingsTable> Read(string path, ModelDefinition? model, AgreementOptions options)
    {
        if (!File.Exists(path))
        {
            return Fail(new SourceLocation(path, 0, 0), DatasetDiagnosticCodes.File, "the ratings file does not exist");
        }

        try
        {
            using var text = new StreamReader(path, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
            using var sep = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = false, Trim = SepTrim.None }).From(text);
            if (!sep.MoveNext())
            {
                return Fail(new SourceLocation(path, 0, 0), DatasetDiagnosticCodes.File, "the ratings file is empty; it needs a header row");
            }

            var names = new string[sep.Current.ColCount];
            for (var c = 0; c < names.Length; c++)
            {
                names[c] = CsvText.TryUnquote(sep.Current[c].Span, out var name) ? name.ToString() : sep.Current[c].ToString();
            }

            var header = Header(path, names, model, options);
            if (header.Diagnostics.Count > 0)
            {
                return LoadResult<RatingsTable>.Failed(header.Diagnostics);
            }

            var cases = new Dictionary<string, int>(StringComparer.Ordinal);
            var raters = new Dictionary<string, int>(StringComparer.Ordinal);
            var seen = new HashSet<(int, int)>();
            var rows = new List<(int Case, int Rater, double?[] Values)>();
            while (sep.MoveNext())
            {
                var row = sep.Current;
                var line = row.LineNumberFrom;
                if (row.ColCount != names.Length)
                {
                    return Fail(new SourceLocation(path, line, 1), DatasetDiagnosticCodes.ColumnCount,
                        string.Create(CultureInfo.InvariantCulture, $"the row has {row.ColCount} field(s) but the header has {names.Length}"));
                }

                var caseId = Cell(row, header.CaseIndex, path, line, out var caseLocation);
                var raterId = Cell(row, header.RaterIndex, path, line, out var raterLocation);
                if (string.IsNullOrEmpty(caseId))
                {
                    return Fail(caseLocation, EvaluationDiagnosticCodes.BadRatings, $"the case in column `{options.CaseColumn}` is empty or badly quoted");
                }

                if (string.IsNullOrEmpty(raterId))
                {
                    return Fail(raterLocation, EvaluationDiagnosticCodes.BadRatings, $"the rater in column `{options.RaterColumn}` is empty or badly quoted");
                }

                var caseIndex = IndexOf(cases, caseId);
                var raterIndex = IndexOf(raters, raterId);
                if (!seen.Add((caseIndex, raterIndex)))
                {
                    return Fail(caseLocation, EvaluationDiagnosticCodes.BadRatings, "this case was already rated by this rater on an earlier line; each case and rater has one row");
                }

                if (Values(row, header.Items, path, line, out var failure) is not { } values)
                {
                    return failure!;
                }

                rows.Add((caseIndex, raterIndex, values));
            }

            if (rows.Count == 0)
            {
                return Fail(new SourceLocation(path, 0, 0), EvaluationDiagnosticCodes.NoRows, "the ratings file has a header but no rows");
            }

            var items = new List<RatedItem>();
            for (var k = 0; k < header.Items.Count; k++)
            {
                var matrix = new double?[raters.Count, cases.Count];
                foreach (var (c, r, values) in rows)
                {
                    matrix[r, c] = values[k];
                }

                var spec = header.Items[k];
                items.Add(new RatedItem(spec.Name, spec.IsLevel, spec.Categories, matrix));
            }

            return LoadResult<RatingsTable>.From(new RatingsTable(rows.Count, cases.Count, raters.Count, items), new DiagnosticBag());
        }
        catch (DecoderFallbackException)
        {
            return Fail(new SourceLocation(path, 0, 0), DatasetDiagnosticCodes.File, "the file is not valid UTF-8");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Fail(new SourceLocation(path, 0, 0), DatasetDiagnosticCodes.File, $"the ratings file cannot be read: {ex.Message}");
        }
    }

    /// <summary>The unquoted cell text (null when badly quoted) and where it starts.</summary>
    /// <summary>
    /// One value per spec from a row (an item per column in long files, a rater per column in wide ones): an empty cell
    /// is a missing rating; a badly quoted cell or one that does not parse is the row's located error.
    /// </summary>
    private static double?[]? Values(SepReader.Row row, IReadOnlyList<ItemSpec> specs, string path, int line, out LoadResult<RatingsTable>? failure)
    {
        failure = null;
        var values = new double?[specs.Count];
        for (var k = 0; k < specs.Count; k++)
        {
            var cell = Cell(row, specs[k].Column, path, line, out var location);
            if (cell is null)
            {
                failure = Fail(location, DatasetDiagnosticCodes.MalformedQuotes, "a quoted field is not closed properly");
                return null;
            }

            if (cell.Length == 0)
            {
                continue;
            }

            var (value, problem) = specs[k].Parse(cell);
            if (problem is not null)
            {
                failure = Fail(location, EvaluationDiagnosticCodes.BadRatings, problem);
                return null;
            }

            values[k] = value;
        }

        return values;
    }

    private static string? Cell(SepReader.Row row, int column, string path, int line, out SourceLocation location)
    {
        var raw = row[column].Span;
        var (l, col) = CsvText.Position(row.Span, raw, line);
        location = new SourceLocation(path, l, col);
        return CsvText.TryUnquote(raw, out var cell) ? cell.ToString() : null;
    }

    private static int IndexOf(Dictionary<string, int> map, string key)
    {
        if (!map.TryGetValue(key, out var index))
        {
            index = map.Count;
            map.Add(key, index);
        }

        return index;
    }

    private static (int CaseIndex, int RaterIndex, List<ItemSpec> Items, List<Diagnostic> Diagnostics) Header(
        string path, string[] names, ModelDefinition? model, AgreementOptions options)
    {
        var diagnostics = new List<Diagnostic>();
        var items = new List<ItemSpec>();
        int caseIndex = -1, raterIndex = -1;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < names.Length; c++)
        {
            var name = names[c];
            var location = new SourceLocation(path, 1, c + 1);
            if (!seen.Add(name))
            {
                diagnostics.Add(new Diagnostic(DatasetDiagnosticCodes.DuplicateColumn, Severity.Error, location, $"column `{name}` appears more than once in the header"));
                continue;
            }

            if (name == options.CaseColumn)
            {
                caseIndex = c;
            }
            else if (name == options.RaterColumn)
            {
                raterIndex = c;
            }
            else if (ItemFor(name, c, model, options) is { } item)
            {
                items.Add(item);
            }
            else
            {
                diagnostics.Add(new Diagnostic(EvaluationDiagnosticCodes.BadRatings, Severity.Error, location, UnknownItem(name, model!, options)));
            }
        }

        if (caseIndex < 0)
        {
            diagnostics.Add(new Diagnostic(EvaluationDiagnosticCodes.BadRatings, Severity.Error, new SourceLocation(path, 1, 1), $"the header has no case column `{options.CaseColumn}`"));
        }

        if (raterIndex < 0)
        {
            diagnostics.Add(new Diagnostic(EvaluationDiagnosticCodes.BadRatings, Severity.Error, new SourceLocation(path, 1, 1), $"the header has no rater column `{options.RaterColumn}`"));
        }

        if (items.Count == 0 && diagnostics.Count == 0)
        {
            diagnostics.Add(new Diagnostic(EvaluationDiagnosticCodes.BadRatings, Severity.Error, new SourceLocation(path, 1, 1), "the header has no item or level column to compute agreement on"));
        }

        return (caseIndex, raterIndex, items, diagnostics);
    }

    /// <summary>How the column <paramref name="name"/> is read: the level, a model input, a judgement rating field, or numeric without a model; null when the model knows no such item.</summary>
    private static ItemSpec? ItemFor(string name, int column, ModelDefinition? model, AgreementOptions options)
    {
        if (name == options.LevelColumn)
        {
            return model is null ? ItemSpec.Numeric(name, column, isLevel: true) : ItemSpec.Levels(name, column, isLevel: true, model.Levels.Select(l => l.Id).ToArray());
        }

        if (model is null)
        {
            return ItemSpec.Numeric(name, column, isLevel: false);
        }

        if (model.Inputs.FirstOrDefault(i => i.Id == name) is { } input)
        {
            return input.HasLevels ? ItemSpec.Levels(name, column, isLevel: false, input.Levels.Select(l => l.Id).ToArray()) : ItemSpec.Numeric(name, column, isLevel: false);
        }

        // An assessor's summary rating (exported from the store's decisions): ordinal in the declared order.
        return RatingField(model, name) is { } field
            ? ItemSpec.Levels(name, column, isLevel: field.Id == model.Judgement!.Summary, field.Levels.Select(l => l.Id).ToArray())
            : null;
    }

    private static string UnknownItem(string name, ModelDefinition model, AgreementOptions options)
    {
        var known = model.Inputs.Select(i => i.Id).Concat(RatingFields(model).Select(f => f.Id));
        return $"column `{name}` is neither `{options.CaseColumn}`, `{options.RaterColumn}`, `{options.LevelColumn}`, an input of model `{model.Id}` nor a rating field of its judgement"
            + Suggestions.DidYouMean(name, known);
    }

    private static IEnumerable<JudgementField> RatingFields(ModelDefinition model) =>
        model.Judgement?.Fields.Where(f => f.Type == JudgementFieldType.Rating) ?? [];

    private static JudgementField? RatingField(ModelDefinition model, string name) =>
        RatingFields(model).FirstOrDefault(f => f.Id == name);

    private static LoadResult<RatingsTable> Fail(SourceLocation location, string code, string message) =>
        LoadResult<RatingsTable>.Failed([new Diagnostic(code, Severity.Error, location, message)]);

    /// <summary>How one column's values are read.</summary>
    private sealed class ItemSpec
    {
        private Dictionary<string, int>? _levels;

        public required string Name { get; init; }

        public required int Column { get; init; }

        public required bool IsLevel { get; init; }

        /// <summary>The model's categories in order, or null for numeric values.</summary>
        public IReadOnlyList<string>? Categories { get; init; }

        /// <summary>How messages name the column; default <c>column `Name`</c> (wide files name the rater column and the item).</summary>
        public string? Label { get; set; }

        public static ItemSpec Numeric(string name, int column, bool isLevel) => new() { Name = name, Column = column, IsLevel = isLevel };

        public static ItemSpec Levels(string name, int column, bool isLevel, string[] levels) =>
            new() { Name = name, Column = column, IsLevel = isLevel, Categories = levels, _levels = levels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal) };

        public (double Value, string? Problem) Parse(string cell)
        {
            if (_levels is not null)
            {
                return _levels.TryGetValue(cell, out var position)
                    ? (position, null)
                    : (0, $"the value in {Label ?? $"column `{Name}`"} is not one of its levels ({string.Join(", ", Categories!)})" + Suggestions.DidYouMean(cell, Categories!));
            }

            return double.TryParse(cell, NumberStyle, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? (value, null)
                : (0, $"the value in {Label ?? $"column `{Name}`"} is not a number; without a model, ratings are numeric codes (give the model to use its level ids)");
        }
    }
}

/// <summary>The ratings of one item: raters × cases, null = not rated.</summary>
/// <param name="Name">Column name.</param>
/// <param name="IsLevel">True for the summary: the level column, or the summary rating field of the model's judgement.</param>
/// <param name="Categories">Ordered categories from the model (values are their positions), or null for numeric values.</param>
/// <param name="Ratings">Raters × cases.</param>
internal sealed record RatedItem(string Name, bool IsLevel, IReadOnlyList<string>? Categories, double?[,] Ratings);
