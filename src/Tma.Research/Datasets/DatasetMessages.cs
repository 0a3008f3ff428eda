using System.Globalization;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;

namespace Tma.Research.Datasets;

/// <summary>The dataset reader's user-facing messages, in one place. They never echo a cell's value (personal data).</summary>
internal static class DatasetMessages
{
    public static string FileNotFound => "the dataset file does not exist";

    public static string EmptyFile => "the dataset file is empty; it needs a header row";

    public static string NotUtf8(int line) => $"the file is not valid UTF-8 (at or after line {line.ToString(CultureInfo.InvariantCulture)})";

    public static string Unreadable(string reason) => $"the dataset cannot be read: {reason}";

    public static string UnknownColumn(string name, IEnumerable<string> candidates) =>
        $"column `{name}` is neither a model input, the outcome, a `group:` column nor the case key{Suggestions.DidYouMean(name, candidates)}";

    public static string EmptyColumnName => "a header column has no name";

    public static string EmptyGroupName => "a `group:` column needs a name after the colon, e.g. `group:site`";

    public static string NoRelevanceAxis(string input) => $"input `{input}` has no relevance axis, so it cannot have a `{input}.relevance` column";

    public static string DuplicateColumn(string name) => $"column `{name}` appears more than once in the header";

    public static string MissingOutcome(string outcome) => $"the header has no outcome column `{outcome}` (set another name with the outcome option)";

    public static string MissingInput(string input) => $"model input `{input}` has no column; its value is unknown in every row";

    public static string ColumnCount(int fields, int expected) =>
        $"the row has {fields.ToString(CultureInfo.InvariantCulture)} field(s) but the header has {expected.ToString(CultureInfo.InvariantCulture)}";

    public static string UnknownLevel(InputDefinition input, string? hint) =>
        $"the value in column `{input.Id}` is not one of its {(input.Type == InputType.Categorical ? "categories" : "levels")} ({string.Join(", ", input.Levels.Select(l => l.Id))}){Hint(hint)}";

    public static string UnknownRelevance(InputDefinition input, string? hint) =>
        $"the value in column `{input.Id}.relevance` is not one of its relevance levels ({string.Join(", ", input.RelevanceLevels.Select(l => l.Id))}){Hint(hint)}";

    public static string NotANumber(string input) =>
        $"the value in column `{input}` is not a finite number (use invariant notation such as 12 or 3.5, no thousands separators)";

    public static string OutOfRange(InputDefinition input) =>
        $"the value in column `{input.Id}` is outside its range [{Format(input.Minimum)}, {Format(input.Maximum)}]";

    public static string BadOutcome(string outcome) => $"the outcome in column `{outcome}` must be exactly 0 or 1";

    public static string MissingTime(string time) => $"the header has no follow-up time column `{time}` (the time option names it)";

    public static string BadTime(string time) =>
        $"the follow-up time in column `{time}` must be a finite number ≥ 0 in invariant notation (such as 365 or 12.5); every row needs one";

    public static string MalformedQuotes => "a quoted field is not closed properly (RFC 4180: a field in quotes ends with a quote, and quotes inside it are doubled)";

    private static string Hint(string? hint) => hint is null ? "" : $" — did you mean `{hint}`?";

    private static string Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "…";
}
