namespace Tma.Research.Evaluation.Statistics;

/// <summary>A proportion with its confidence interval.</summary>
/// <param name="Estimate">Successes / Trials; NaN when <paramref name="Trials"/> is 0 (undefined).</param>
/// <param name="Lower">Lower confidence limit in [0, 1]; 0 when undefined.</param>
/// <param name="Upper">Upper confidence limit in [0, 1]; 1 when undefined.</param>
/// <param name="Successes">Numerator.</param>
/// <param name="Trials">Denominator.</param>
public sealed record ProportionEstimate(double Estimate, double Lower, double Upper, int Successes, int Trials);
