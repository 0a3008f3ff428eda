namespace Tma.Research.Evaluation.Statistics;

/// <summary>One form of the intraclass correlation with its F test and confidence interval (a row of <c>psych::ICC</c>).</summary>
/// <param name="Form"><c>ICC(1,1)</c>, <c>ICC(2,1)</c>, <c>ICC(3,1)</c>, <c>ICC(1,k)</c>, <c>ICC(2,k)</c> or <c>ICC(3,k)</c>.</param>
/// <param name="Model">
/// <c>one-way random</c> (1), <c>two-way random, absolute agreement</c> (2) or <c>two-way mixed, consistency</c> (3);
/// <c>,1</c> is the reliability of one rater, <c>,k</c> of the mean of the k raters.
/// </param>
/// <param name="Value">The ICC.</param>
/// <param name="F">F statistic of H0: ICC = 0 — MSR/MSW for form 1, MSR/MSE for forms 2 and 3.</param>
/// <param name="DegreesOfFreedom1">Numerator df of <paramref name="F"/>, n − 1.</param>
/// <param name="DegreesOfFreedom2">Denominator df of <paramref name="F"/>: n(k − 1) for form 1, (n − 1)(k − 1) for forms 2 and 3.</param>
/// <param name="PValue">P(F(df1, df2) ≥ F), one-sided as <c>psych::ICC</c>.</param>
/// <param name="Lower">Lower limit of the interval.</param>
/// <param name="Upper">Upper limit of the interval.</param>
/// <param name="ConfidenceLevel">0.95.</param>
public sealed record IntraclassCorrelationForm(
    string Form,
    string Model,
    double Value,
    double F,
    double DegreesOfFreedom1,
    double DegreesOfFreedom2,
    double PValue,
    double Lower,
    double Upper,
    double ConfidenceLevel);
