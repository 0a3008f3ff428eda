namespace Tma.Research.Evaluation.Statistics;

/// <summary>Agreement weights for Cohen's κ over k ordered categories 0..k−1.</summary>
public enum KappaWeighting
{
    /// <summary>Unweighted κ: only exact agreement counts (w = 1 on the diagonal, 0 elsewhere).</summary>
    None = 0,

    /// <summary>Linear weights w_ij = 1 − |i − j| / (k − 1) (Cicchetti &amp; Allison 1971).</summary>
    Linear = 1,

    /// <summary>Quadratic weights w_ij = 1 − (i − j)² / (k − 1)² (Fleiss &amp; Cohen 1973).</summary>
    Quadratic = 2,
}
