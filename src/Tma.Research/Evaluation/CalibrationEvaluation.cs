using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation;

/// <summary>Probability-scale figures, computed only when the score is a probability in [0, 1].</summary>
public sealed record CalibrationEvaluation
{
    /// <summary>True when the figures below were computed.</summary>
    public required bool Computed { get; init; }

    /// <summary>Why not, when <see cref="Computed"/> is false.</summary>
    public string? SkippedReason { get; init; }

    /// <summary>Brier score with its interval and the base-rate reference.</summary>
    public BrierEvaluation? Brier { get; init; }

    /// <summary>Cox recalibration: intercept, slope and calibration-in-the-large, each with a Wald interval.</summary>
    public CalibrationFit? Fit { get; init; }

    /// <summary>Expected calibration error over equal-width bins, with the bins (the reliability diagram).</summary>
    public ExpectedCalibrationErrorResult? ExpectedCalibrationError { get; init; }

    /// <summary>Hosmer-Lemeshow test over deciles of risk.</summary>
    public HosmerLemeshowResult? HosmerLemeshow { get; init; }

    /// <summary>What the bands of <see cref="ObservedExpected"/> are: <c>levels</c> or <c>cutoffs</c>.</summary>
    public string? ObservedExpectedBands { get; init; }

    /// <summary>Observed versus expected events per band.</summary>
    public IReadOnlyList<BandCalibration>? ObservedExpected { get; init; }

    /// <summary>Flexible calibration (rms::val.prob): the lowess calibration curve with its bootstrap band, ICI, E50, E90, Emax.</summary>
    public SmoothCalibrationResult? Smooth { get; init; }

    /// <summary>Spiegelhalter's z-test of calibration.</summary>
    public SpiegelhalterResult? Spiegelhalter { get; init; }
}

/// <summary>The Brier score.</summary>
public sealed record BrierEvaluation
{
    /// <summary>(1/N) Σ (p − y)².</summary>
    public required double Estimate { get; init; }

    /// <summary>Standard error: SD of the squared errors / √N.</summary>
    public required double StandardError { get; init; }

    /// <summary>Lower limit of the normal-approximation interval (Bradley, Schwartz &amp; Hashino 2008).</summary>
    public required double Lower { get; init; }

    /// <summary>Upper limit.</summary>
    public required double Upper { get; init; }

    /// <summary>The Brier score of always predicting the base rate π: π(1 − π).</summary>
    public required double Reference { get; init; }

    /// <summary>Brier skill score 1 − Brier / Reference (0 = no better than the base rate, 1 = perfect).</summary>
    public required double Skill { get; init; }
}

/// <summary>Logistic recalibration logit P(y = 1) = a + b·logit(p) (Cox 1958).</summary>
public sealed record CalibrationFit
{
    /// <summary>a, perfect = 0.</summary>
    public required WaldEstimate Intercept { get; init; }

    /// <summary>b, perfect = 1; below 1 means predictions too extreme.</summary>
    public required WaldEstimate Slope { get; init; }

    /// <summary>a with b fixed at 1; positive means outcomes more frequent than predicted.</summary>
    public required WaldEstimate CalibrationInTheLarge { get; init; }

    /// <summary>Newton-Raphson iterations of the two-parameter fit.</summary>
    public required int Iterations { get; init; }
}

/// <summary>An estimate with its standard error and Wald interval (estimate ± z·SE).</summary>
/// <param name="Estimate">The estimate.</param>
/// <param name="StandardError">Its standard error.</param>
/// <param name="Lower">Lower limit.</param>
/// <param name="Upper">Upper limit.</param>
public sealed record WaldEstimate(double Estimate, double StandardError, double Lower, double Upper);
