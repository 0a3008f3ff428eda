namespace Tma.Research.Datasets;

/// <summary>Stable diagnostic codes for dataset files; docs/datasets.md lists them with examples.</summary>
public static class DatasetDiagnosticCodes
{
    /// <summary>The file is missing, empty, not valid UTF-8, or cannot be read.</summary>
    public const string File = "TMA0200";

    /// <summary>A header column is neither an input, the outcome, a <c>group:</c> column nor the case key.</summary>
    public const string UnknownColumn = "TMA0201";

    /// <summary>A header column appears twice.</summary>
    public const string DuplicateColumn = "TMA0202";

    /// <summary>The outcome column is missing from the header.</summary>
    public const string MissingOutcome = "TMA0203";

    /// <summary>A row has a different number of fields than the header.</summary>
    public const string ColumnCount = "TMA0204";

    /// <summary>A cell is not a level (or category) of its input.</summary>
    public const string UnknownLevel = "TMA0205";

    /// <summary>A numeric cell is not a finite number in invariant notation.</summary>
    public const string NotANumber = "TMA0206";

    /// <summary>A numeric cell is outside the input's declared range.</summary>
    public const string OutOfRange = "TMA0207";

    /// <summary>An outcome cell is not exactly <c>0</c> or <c>1</c>.</summary>
    public const string BadOutcome = "TMA0208";

    /// <summary>A model input has no column (warning: every value of that input is unknown).</summary>
    public const string MissingInput = "TMA0209";

    /// <summary>A quoted field is not closed properly (RFC 4180).</summary>
    public const string MalformedQuotes = "TMA0210";

    /// <summary>A column looks like a direct identifier and is refused.</summary>
    public const string IdentifierColumn = "TMA0211";

    /// <summary>The follow-up time column asked for (time-to-event evaluation) is missing from the header.</summary>
    public const string MissingTime = "TMA0212";

    /// <summary>A follow-up time cell is empty, not a finite number, or negative.</summary>
    public const string BadTime = "TMA0213";
}
