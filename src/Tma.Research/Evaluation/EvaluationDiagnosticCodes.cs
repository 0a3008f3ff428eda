namespace Tma.Research.Evaluation;

/// <summary>
/// Codes of the problems an evaluation reports (TMA03xx). Dataset reading problems keep their TMA02xx codes
/// (<see cref="Datasets.DatasetDiagnosticCodes"/>).
/// </summary>
public static class EvaluationDiagnosticCodes
{
    /// <summary>All outcomes are equal, or fewer than 2 rows have one of the outcomes: AUC, sensitivity or specificity are undefined.</summary>
    public const string OneOutcome = "TMA0300";

    /// <summary>The dataset has none of the model's inputs: it belongs to another model.</summary>
    public const string ModelMismatch = "TMA0301";

    /// <summary>The model cannot be evaluated by this engine (kind not supported, engine range).</summary>
    public const string ModelNotEvaluable = "TMA0302";

    /// <summary>A score column named on the command line is not in the header.</summary>
    public const string MissingScoreColumn = "TMA0303";

    /// <summary>A score is empty, not a number, NaN or infinite.</summary>
    public const string BadScore = "TMA0304";

    /// <summary>The dataset has a header but no rows.</summary>
    public const string NoRows = "TMA0305";

    /// <summary>A ratings file for the agreement statistics does not have the documented layout.</summary>
    public const string BadRatings = "TMA0306";
}
