using System.Globalization;
using System.Text;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Research.Datasets;
using nietras.SeparatedValues;

namespace Tma.Research.Evaluation.Computation;

/// <summary>
/// The wide layout of <c>psych::ICC(x)</c> and <c>irr::kappam.fleiss(x)</c>: one row per case, one column per rater,
/// the cells one item's ratings (empty = not rated), optionally a case column (else the case is the row number).
/// </summary>
internal sealed partial class RatingsTable
{
    /// <summary>Reads a wide ratings file of the single item <see cref="AgreementOptions.Item"/> (default: the file name stem).</summary>
    public static LoadResult<RatingsTable> ReadWide(string path, ModelDefinition? model, AgreementOptions options)
    {
        if (!File.Exists(path))
        {
            return Fail(new SourceLocation(path, 0, 0), DatasetDiagnosticCodes.File, "the ratings file does not exist");
        }

        var itemName = string.IsNullOrEmpty(options.Item) ? Path.GetFileNameWithoutExtension(path) : options.Item;
        if (ItemFor(itemName, -1, model, options) is null)
        {
            return Fail(new SourceLocation(path, 0, 0), EvaluationDiagnosticCodes.BadRatings,
                $"the item `{itemName}` (--item, default the file name) is neither `{options.LevelColumn}`, an input of model `{model!.Id}` nor a rating field of its judgement"
                + Suggestions.DidYouMean(itemName, model.Inputs.Select(i => i.Id).Concat(RatingFields(model).Select(f => f.Id))));
        }

        try
        {
            using var text = new StreamReader(path, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
            using var sep = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = false, Trim = SepTrim.None }).From(text);
            if (!sep.MoveNext())
            {
                return Fail(new SourceLocation(path, 0, 0), DatasetDiagnosticCodes.File, "the ratings file is empty; it needs a header row naming the raters");
            }

            var names = new string[sep.Current.ColCount];
            var caseIndex = -1;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var raterSpecs = new List<ItemSpec>();
            for (var c = 0; c < names.Length; c++)
            {
                names[c] = CsvText.TryUnquote(sep.Current[c].Span, out var name) ? name.ToString() : sep.Current[c].ToString();
                if (!seen.Add(names[c]))
                {
                    return Fail(new SourceLocation(path, 1, c + 1), DatasetDiagnosticCodes.DuplicateColumn, $"column `{names[c]}` appears more than once in the header");
                }

                if (names[c] == options.CaseColumn)
                {
                    caseIndex = c;
                    continue;
                }

                var spec = ItemFor(itemName, c, model, options)!;
                spec.Label = $"rater column `{names[c]}` (item `{itemName}`)";
                raterSpecs.Add(spec);
            }

            if (caseIndex < 0 && options.RequireCaseColumn)
            {
                return Fail(new SourceLocation(path, 1, 1), EvaluationDiagnosticCodes.BadRatings, $"the header has no case column `{options.CaseColumn}`");
            }

            if (raterSpecs.Count < 2)
            {
                return Fail(new SourceLocation(path, 1, 1), EvaluationDiagnosticCodes.BadRatings,
                    string.Create(CultureInfo.InvariantCulture, $"a wide ratings file needs at least 2 rater columns; the header has {raterSpecs.Count}"));
            }

            var cases = new Dictionary<string, int>(StringComparer.Ordinal);
            var rows = new List<double?[]>();
            while (sep.MoveNext())
            {
                var row = sep.Current;
                var line = row.LineNumberFrom;
                if (row.ColCount != names.Length)
                {
                    return Fail(new SourceLocation(path, line, 1), DatasetDiagnosticCodes.ColumnCount,
                        string.Create(CultureInfo.InvariantCulture, $"the row has {row.ColCount} field(s) but the header has {names.Length}"));
                }

                if (caseIndex >= 0)
                {
                    var caseId = Cell(row, caseIndex, path, line, out var caseLocation);
                    if (string.IsNullOrEmpty(caseId))
                    {
                        return Fail(caseLocation, EvaluationDiagnosticCodes.BadRatings, $"the case in column `{options.CaseColumn}` is empty or badly quoted");
                    }

                    if (!cases.TryAdd(caseId, cases.Count))
                    {
                        return Fail(caseLocation, EvaluationDiagnosticCodes.BadRatings, "this case already has a row on an earlier line; a wide file has one row per case");
                    }
                }

                if (Values(row, raterSpecs, path, line, out var failure) is not { } values)
                {
                    return failure!;
                }

                rows.Add(values);
            }

            if (rows.Count == 0)
            {
                return Fail(new SourceLocation(path, 0, 0), EvaluationDiagnosticCodes.NoRows, "the ratings file has a header but no rows");
            }

            var matrix = new double?[raterSpecs.Count, rows.Count];
            for (var c = 0; c < rows.Count; c++)
            {
                for (var r = 0; r < raterSpecs.Count; r++)
                {
                    matrix[r, c] = rows[c][r];
                }
            }

            var first = raterSpecs[0];
            var item = new RatedItem(itemName, first.IsLevel, first.Categories, matrix);
            return LoadResult<RatingsTable>.From(new RatingsTable(rows.Count, rows.Count, raterSpecs.Count, [item]), new DiagnosticBag());
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
}
