using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation;

/// <summary>
/// <c>internalValidation</c> of report.json (<c>tma evaluate --validate-bootstrap B</c>): the optimism bootstrap
/// (Efron–Gong; Harrell's <c>validate</c>) of the score recalibrated by logistic regression, logit P = a + b·x, where x
/// is the score (or logit of the score when it is a probability). It says how much of the recalibrated model's
/// apparent performance is owed to fitting a and b on this very dataset. The model's own weights are not refitted: for
/// a points model they were not fitted to data; for a <c>tma train</c> classifier use <c>tma train --validate-bootstrap</c>.
/// </summary>
public sealed record InternalValidation
{
    /// <summary>What is validated, in words.</summary>
    public required string Method { get; init; }

    /// <summary>x of the recalibration: <c>score</c>, or <c>logit(score)</c> for a probability.</summary>
    public required string Predictor { get; init; }

    /// <summary>a of logit P = a + b·x fitted on all rows.</summary>
    public required double RecalibrationIntercept { get; init; }

    /// <summary>b of logit P = a + b·x fitted on all rows.</summary>
    public required double RecalibrationSlope { get; init; }

    /// <summary>B, the bootstrap resamples drawn.</summary>
    public required int Resamples { get; init; }

    /// <summary>The seed of the resamples (the report's seed).</summary>
    public required int Seed { get; init; }

    /// <summary>Resamples whose recalibration could not be fitted (they count for no index).</summary>
    public required int FailedFits { get; init; }

    /// <summary>The table: apparent, training, test, optimism, corrected and resamples used per index.</summary>
    public required IReadOnlyList<OptimismIndex> Indices { get; init; }

    /// <summary>Indices not reported, with the reason.</summary>
    public required IReadOnlyList<SkippedFigure> Skipped { get; init; }

    /// <summary>How to read the table (why the AUC optimism is 0 and the slope optimism is not).</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
