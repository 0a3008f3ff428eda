namespace Tma.Research.Evaluation.Statistics;

/// <summary>A partial area under the ROC curve over a range of specificity (or sensitivity), raw and McClish-standardised.</summary>
/// <param name="Area">The partial area; between 0 and <paramref name="MaximumArea"/>.</param>
/// <param name="Corrected">
/// McClish's (1989) standardisation (1 + (Area − MinimumArea) / (MaximumArea − MinimumArea)) / 2: 0.5 for a score without
/// information (the diagonal), 1 for perfect separation within the range; below 0.5 when the curve lies under the diagonal.
/// </param>
/// <param name="From">Lower end of the range of <paramref name="Focus"/>, e.g. 0.8.</param>
/// <param name="To">Upper end of the range, e.g. 1.</param>
/// <param name="Focus">Whether the range is of specificity or sensitivity.</param>
/// <param name="MinimumArea">The area of the diagonal (chance) over the range: (To − From)(2 − From − To)/2.</param>
/// <param name="MaximumArea">The area of a perfect score over the range: To − From.</param>
public sealed record PartialAucResult(
    double Area, double Corrected, double From, double To, PartialAucFocus Focus, double MinimumArea, double MaximumArea);
