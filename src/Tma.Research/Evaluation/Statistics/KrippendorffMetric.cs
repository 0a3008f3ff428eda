namespace Tma.Research.Evaluation.Statistics;

/// <summary>The difference function δ² of Krippendorff's α (Krippendorff 2011, §"Difference functions").</summary>
public enum KrippendorffMetric
{
    /// <summary>δ² = 0 if c = k, else 1.</summary>
    Nominal = 0,

    /// <summary>δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², using the frequencies n_g of the values between c and k in rank order.</summary>
    Ordinal = 1,

    /// <summary>δ² = (c − k)².</summary>
    Interval = 2,

    /// <summary>δ² = ((c − k) / (c + k))²; values must be non-negative.</summary>
    Ratio = 3,
}
