using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation;

/// <summary>Discrimination of the continuous score.</summary>
public sealed record ScoreEvaluation
{
    /// <summary>What the score is called (<c>score</c>, or the column name).</summary>
    public required string Name { get; init; }

    /// <summary>True when the score is a probability in [0, 1] and the probability-scale figures were computed.</summary>
    public required bool IsProbability { get; init; }

    /// <summary>Smallest score.</summary>
    public required double Minimum { get; init; }

    /// <summary>Largest score.</summary>
    public required double Maximum { get; init; }

    /// <summary>Mean score of rows with the outcome.</summary>
    public required double MeanWithOutcome { get; init; }

    /// <summary>Mean score of rows without the outcome.</summary>
    public required double MeanWithoutOutcome { get; init; }

    /// <summary>Mann-Whitney AUC with DeLong standard error and Wald interval (docs/statistics.md).</summary>
    public required AucResult Auc { get; init; }

    /// <summary>ROC points ("positive when score ≥ threshold"), thinned for plotting; the first is (0, 0) at threshold +∞.</summary>
    public required IReadOnlyList<RocPoint> Roc { get; init; }

    /// <summary>Number of points of the full ROC curve (one per distinct score, plus the origin) before thinning.</summary>
    public required int RocPointsTotal { get; init; }

    /// <summary>Area under the precision-recall curve (average precision).</summary>
    public required PrecisionRecallEvaluation PrecisionRecall { get; init; }

    /// <summary>Score distribution by outcome, for the histogram.</summary>
    public required ScoreDistribution Distribution { get; init; }

    /// <summary>The table at the requested score cut-offs, or null when none were requested.</summary>
    public CutoffEvaluation? Cutoffs { get; init; }

    /// <summary>Partial AUC over the requested specificity (or sensitivity) range, McClish-standardised, with bootstrap intervals.</summary>
    public PartialAucEvaluation? PartialAuc { get; init; }

    /// <summary>The Youden-optimal cut-off with bootstrap intervals of J and of the threshold.</summary>
    public YoudenEvaluation? Youden { get; init; }

    /// <summary>
    /// Pointwise stratified-bootstrap confidence band of the sensitivity at a grid of specificities (as pROC's
    /// <c>ci.se</c>), or null when the bootstrap is off (see the report's skipped list).
    /// </summary>
    public RocBandResult? RocBand { get; init; }
}

/// <summary>Area under the precision-recall curve.</summary>
public sealed record PrecisionRecallEvaluation
{
    /// <summary>Average precision: Σ (Rₖ − Rₖ₋₁)·Pₖ over distinct thresholds (step-wise, not the trapezoid rule).</summary>
    public required double AveragePrecision { get; init; }

    /// <summary>What a score without information achieves: the base rate.</summary>
    public required double ChanceLevel { get; init; }

    /// <summary>Seeded percentile bootstrap interval, or null when skipped (see the report's skipped list).</summary>
    public BootstrapInterval? Interval { get; init; }

    /// <summary>
    /// The precision-recall curve (one point per distinct score, highest threshold first), thinned for plotting like the
    /// ROC; read step-wise (precision holds back to the previous point's recall), as the average precision does.
    /// </summary>
    public IReadOnlyList<PrecisionRecallPoint>? Curve { get; init; }

    /// <summary>Number of points of the full precision-recall curve before thinning.</summary>
    public int? CurvePointsTotal { get; init; }
}

/// <summary>How the score is distributed among rows with and without the outcome.</summary>
public sealed record ScoreDistribution
{
    /// <summary><c>distinct</c> (one bin per distinct score, when there are at most 60) or <c>equal-width</c> (40 bins).</summary>
    public required string Binning { get; init; }

    /// <summary>The bins, lowest score first.</summary>
    public required IReadOnlyList<DistributionBin> Bins { get; init; }
}

/// <summary>One histogram bin: scores in [<paramref name="Lower"/>, <paramref name="Upper"/>) (the last bin includes its upper end; a distinct-value bin has Lower = Upper).</summary>
/// <param name="Lower">Lower end.</param>
/// <param name="Upper">Upper end.</param>
/// <param name="WithOutcome">Rows with the outcome in the bin.</param>
/// <param name="WithoutOutcome">Rows without the outcome in the bin.</param>
public sealed record DistributionBin(double Lower, double Upper, int WithOutcome, int WithoutOutcome);

/// <summary>Sensitivity, specificity, PPV, NPV, NND and NSD at a list of cut-offs (score thresholds or bands).</summary>
public sealed record CutoffEvaluation
{
    /// <summary>Rows.</summary>
    public required int N { get; init; }

    /// <summary>Rows with the outcome.</summary>
    public required int Events { get; init; }

    /// <summary>The base rate every PPV, NPV, NND and NSD in the table holds for.</summary>
    public required ProportionEstimate BaseRate { get; init; }

    /// <summary>One entry per cut-off.</summary>
    public required IReadOnlyList<CutoffFigures> Rows { get; init; }
}

/// <summary>The figures at one cut-off, with bootstrap intervals where there is no closed form.</summary>
/// <param name="Cutoff">The 2×2 table, rates with Wilson intervals, NND and NSD.</param>
/// <param name="NumberNeededToDetainInterval">Seeded bootstrap interval of NND; null when the bootstrap is off.</param>
/// <param name="NumberSafelyDischargedInterval">Seeded bootstrap interval of NSD; null when the bootstrap is off.</param>
public sealed record CutoffFigures(CutoffRow Cutoff, BootstrapInterval? NumberNeededToDetainInterval, BootstrapInterval? NumberSafelyDischargedInterval);
