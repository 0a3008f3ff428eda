using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation;

/// <summary>
/// The decision curve of a score (Vickers &amp; Elkin 2006): net benefit of acting on cases at or above each threshold
/// probability, against acting on everyone and on no one. For a probability the predictions are used as they are; for
/// a points score, the probabilities of a logistic recalibration fitted on the same rows (in-sample, optimistic).
/// </summary>
public sealed record DecisionCurveEvaluation
{
    /// <summary><c>predictions</c> (the score is a probability) or <c>recalibration</c> (logistic(a + b·score), fitted on these rows).</summary>
    public required string Probabilities { get; init; }

    /// <summary>The recalibration a, b when <see cref="Probabilities"/> is <c>recalibration</c>; otherwise null.</summary>
    public ScoreRecalibrationResult? Recalibration { get; init; }

    /// <summary>What to keep in mind when reading the curve (for a recalibration: in-sample and optimistic); null when nothing.</summary>
    public string? Note { get; init; }

    /// <summary>π, the base rate the treat-all line is computed from.</summary>
    public required double BaseRate { get; init; }

    /// <summary>The curve at thresholds 0.01, 0.02, …, 0.99.</summary>
    public required IReadOnlyList<DecisionCurvePoint> Points { get; init; }

    /// <summary>Net benefit at a few usual thresholds (5 %, 10 %, 20 %, 30 %) with seeded bootstrap intervals.</summary>
    public required IReadOnlyList<NetBenefitAtThreshold> Table { get; init; }

    /// <summary>Runs of thresholds where the model's net benefit is above both treat-all and treat-none.</summary>
    public required IReadOnlyList<ThresholdRange> BeneficialRanges { get; init; }
}

/// <summary>Net benefit at one threshold.</summary>
/// <param name="Threshold">The threshold probability.</param>
/// <param name="NetBenefit">The model's net benefit.</param>
/// <param name="Interval">Seeded percentile bootstrap interval of the net benefit (predictions held fixed); null when the bootstrap is off.</param>
/// <param name="TreatAll">Net benefit of acting on everyone.</param>
public sealed record NetBenefitAtThreshold(double Threshold, double NetBenefit, BootstrapInterval? Interval, double TreatAll);
