namespace Tma.Research.Evaluation.Statistics;

/// <summary>Bootstrap intervals of the number needed to detain and the number safely discharged at one cut-off.</summary>
/// <param name="NumberNeededToDetain">1 / PPV with its percentile interval (may reach +∞ when a resample has no true positive).</param>
/// <param name="NumberSafelyDischarged">TN / FN with its percentile interval (may reach +∞ when a resample has no false negative).</param>
public sealed record NumberNeededIntervals(BootstrapInterval NumberNeededToDetain, BootstrapInterval NumberSafelyDischarged);
