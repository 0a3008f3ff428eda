using Tma.Scoring.Assessments;

namespace Tma.Cli.Prediction;

/// <summary>One output row of <c>tma predict</c>: what the assessment of one dataset row says, without its inputs.</summary>
/// <param name="Key">The row's case key, or null (no key column, or an empty cell).</param>
/// <param name="Row">1-based data row number (the header is not counted).</param>
/// <param name="Score">The assessment's score (points, or a classifier's probability).</param>
/// <param name="Probability">The calibrated probability when the model gives one; otherwise null.</param>
/// <param name="Level">The level id; null when the case is unassessable.</param>
/// <param name="Conclusion">What the level means: <c>level</c>, <c>lowerBound</c> or <c>unassessable</c>.</param>
/// <param name="Valid">False when the missing-data policy judged the information insufficient.</param>
/// <param name="Indicators">Ids of the fired indicators, <c>;</c>-joined (empty when none fired).</param>
/// <param name="Engine">Which engine path scored the row.</param>
internal sealed record Prediction(string? Key, int Row, double Score, double? Probability, string? Level, string Conclusion, bool Valid, string Indicators, string Engine)
{
    /// <summary>The output columns, in order; <c>case_key</c> (or the --key name) comes first when the dataset has one.</summary>
    public static readonly string[] Columns = ["row", "score", "probability", "level", "conclusion", "valid", "indicators", "engine"];

    /// <summary>The prediction for a dataset row from its assessment.</summary>
    public static Prediction From(string? key, int row, Assessment assessment) => new(
        key,
        row,
        assessment.Score,
        assessment.Probability,
        assessment.Level,
        ConclusionName(assessment.Conclusion),
        assessment.Missing.IsValid,
        assessment.Indicators.Count == 0 ? "" : string.Join(';', assessment.Indicators.Select(static i => i.Id)),
        assessment.Engine);

    // The names the assessment JSON uses for the conclusion (camel case).
    private static string ConclusionName(Conclusion conclusion) => conclusion switch
    {
        Tma.Scoring.Assessments.Conclusion.Level => "level",
        Tma.Scoring.Assessments.Conclusion.LowerBound => "lowerBound",
        Tma.Scoring.Assessments.Conclusion.Unassessable => "unassessable",
        _ => conclusion.ToString(),
    };
}
