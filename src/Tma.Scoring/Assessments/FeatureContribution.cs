namespace Tma.Scoring.Assessments;

/// <summary>One feature column's contribution to a classifier's raw score.</summary>
/// <param name="Feature">The column: the input id (<c>.relevance</c> for the relevance axis), <c>input=category</c> for one-hot columns, <c>input:missing</c> for missing-value indicators.</param>
/// <param name="Input">The input id the column comes from.</param>
/// <param name="Value">The input's value as written (level or category id, number, or <c>unknown</c>).</param>
/// <param name="Contribution">Contribution to the raw score (positive raises the probability), rounded to 6 decimals.</param>
/// <param name="Component">For composites: the alias of the component the contribution comes from; null otherwise.</param>
public sealed record FeatureContribution(string Feature, string Input, string Value, double Contribution, string? Component = null);
