namespace Tma.Research.Evaluation;

/// <summary>A figure that was not computed, and why.</summary>
/// <param name="Figure">Which figure, e.g. <c>calibration</c> or <c>subgroups.site.auc</c>.</param>
/// <param name="Reason">Why, in words a researcher can act on.</param>
public sealed record SkippedFigure(string Figure, string Reason);
