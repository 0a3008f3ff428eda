using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation;

/// <summary>The partial AUC of the score over a range of specificity (or sensitivity), raw and McClish-standardised.</summary>
public sealed record PartialAucEvaluation
{
    /// <summary>Whether the range is of specificity (default) or sensitivity.</summary>
    public required PartialAucFocus Focus { get; init; }

    /// <summary>Lower end of the range, e.g. 0.8.</summary>
    public required double From { get; init; }

    /// <summary>Upper end of the range, e.g. 1.</summary>
    public required double To { get; init; }

    /// <summary>The partial area, between 0 and <see cref="MaximumArea"/>.</summary>
    public required double Area { get; init; }

    /// <summary>McClish's standardised partial area: 0.5 = chance, 1 = perfect within the range.</summary>
    public required double Corrected { get; init; }

    /// <summary>The area of a score without information (the diagonal) over the range.</summary>
    public required double ChanceArea { get; init; }

    /// <summary>The area of a perfect score over the range: To − From.</summary>
    public required double MaximumArea { get; init; }

    /// <summary>Stratified bootstrap interval of <see cref="Area"/>, or null when skipped (see the report's skipped list).</summary>
    public BootstrapInterval? AreaInterval { get; init; }

    /// <summary>Stratified bootstrap interval of <see cref="Corrected"/>, or null when skipped.</summary>
    public BootstrapInterval? CorrectedInterval { get; init; }
}

/// <summary>The Youden-optimal cut-off of the score.</summary>
public sealed record YoudenEvaluation
{
    /// <summary>Youden's J = max (sensitivity + specificity − 1) over the distinct scores as thresholds.</summary>
    public required double Index { get; init; }

    /// <summary>The threshold attaining J (flagged when score ≥ threshold); the highest when several tie.</summary>
    public required double Threshold { get; init; }

    /// <summary>Sensitivity at <see cref="Threshold"/>.</summary>
    public required double Sensitivity { get; init; }

    /// <summary>Specificity at <see cref="Threshold"/>.</summary>
    public required double Specificity { get; init; }

    /// <summary>Every threshold attaining J exactly, highest first.</summary>
    public required IReadOnlyList<double> TiedThresholds { get; init; }

    /// <summary>Stratified bootstrap interval of <see cref="Index"/>, or null when skipped.</summary>
    public BootstrapInterval? IndexInterval { get; init; }

    /// <summary>Stratified bootstrap interval of <see cref="Threshold"/> (the highest tie on every resample), or null when skipped.</summary>
    public BootstrapInterval? ThresholdInterval { get; init; }
}

/// <summary>The largest difference of the AUC between two subgroups, with a Wald interval from their DeLong SEs.</summary>
/// <param name="HigherGroup">The group with the highest AUC.</param>
/// <param name="HigherAuc">Its AUC.</param>
/// <param name="LowerGroup">The group with the lowest AUC.</param>
/// <param name="LowerAuc">Its AUC.</param>
/// <param name="Difference">HigherAuc − LowerAuc with SE √(SE₁² + SE₂²), z, p and interval (independent groups).</param>
public sealed record SubgroupAucGap(string HigherGroup, double HigherAuc, string LowerGroup, double LowerAuc, AucDifference Difference);

/// <summary>
/// Integrated discrimination improvement and category-free net reclassification improvement of B over A (B is the
/// "new" model). Both need probabilities: a score that is not one is replaced by its logistic recalibration fitted on
/// these rows (in-sample, which favours neither side but is optimistic for both).
/// </summary>
public sealed record ReclassificationEvaluation
{
    /// <summary>Where A's probabilities come from: <c>score</c> (A's score is a probability) or <c>logisticRecalibration</c>.</summary>
    public required string ProbabilitiesA { get; init; }

    /// <summary>Where B's probabilities come from.</summary>
    public required string ProbabilitiesB { get; init; }

    /// <summary>A's recalibration P = 1/(1 + exp(−(a + b·score))), or null when A's score is used as it is.</summary>
    public LogisticFit? RecalibrationA { get; init; }

    /// <summary>B's recalibration, or null when B's score is used as it is.</summary>
    public LogisticFit? RecalibrationB { get; init; }

    /// <summary>IDI of B over A (Pencina et al. 2008) with its parts, SE, z, p and interval.</summary>
    public required IntegratedDiscriminationResult IntegratedDiscrimination { get; init; }

    /// <summary>NRI(&gt;0) of B over A (Pencina, D'Agostino &amp; Steyerberg 2011) with its parts, SE, z, p and interval.</summary>
    public required NetReclassificationResult ContinuousNri { get; init; }
}

/// <summary>A logistic regression of the outcome on a score, P = 1/(1 + exp(−(Intercept + Slope·score))).</summary>
/// <param name="Intercept">a.</param>
/// <param name="Slope">b, per unit of the score.</param>
public sealed record LogisticFit(double Intercept, double Slope);
