namespace Tma.Research.Evaluation.Statistics;

/// <summary>The Kaplan–Meier estimate at one distinct observed time (an event time, a censoring time, or both).</summary>
/// <param name="Time">The time.</param>
/// <param name="AtRisk">Rows still under observation just before <paramref name="Time"/> (time ≥ it).</param>
/// <param name="Events">Events at this time.</param>
/// <param name="Censored">Rows censored at this time (they count as at risk for the events at the same time).</param>
/// <param name="Survival">S(t) just after this time.</param>
/// <param name="StandardError">Greenwood standard error of S(t).</param>
/// <param name="Lower">Lower bound of the pointwise log-log interval.</param>
/// <param name="Upper">Upper bound of the pointwise log-log interval.</param>
public readonly record struct KaplanMeierStep(double Time, int AtRisk, int Events, int Censored, double Survival, double StandardError, double Lower, double Upper);
