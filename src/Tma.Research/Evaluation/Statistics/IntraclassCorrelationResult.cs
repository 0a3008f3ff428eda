namespace Tma.Research.Evaluation.Statistics;

/// <summary>Single-rater intraclass correlations from a two-way ANOVA (Shrout &amp; Fleiss 1979).</summary>
/// <param name="Icc11">ICC(1,1), one-way random: (MSR − MSW) / (MSR + (k−1)·MSW).</param>
/// <param name="Icc21">ICC(2,1), two-way random, absolute agreement: (MSR − MSE) / (MSR + (k−1)·MSE + k·(MSC − MSE)/n).</param>
/// <param name="Icc31">ICC(3,1), two-way mixed, consistency: (MSR − MSE) / (MSR + (k−1)·MSE); NaN when its denominator is 0.</param>
/// <param name="MeanSquareSubjects">MSR, between-subjects mean square, df n − 1.</param>
/// <param name="MeanSquareRaters">MSC, between-raters mean square, df k − 1.</param>
/// <param name="MeanSquareError">MSE, residual mean square, df (n − 1)(k − 1).</param>
/// <param name="MeanSquareWithin">MSW, within-subjects mean square, df n(k − 1).</param>
/// <param name="Subjects">n.</param>
/// <param name="Raters">k.</param>
public sealed record IntraclassCorrelationResult(
    double Icc11,
    double Icc21,
    double Icc31,
    double MeanSquareSubjects,
    double MeanSquareRaters,
    double MeanSquareError,
    double MeanSquareWithin,
    int Subjects,
    int Raters)
{
    /// <summary>
    /// The six forms of <c>psych::ICC</c> in its order — ICC(1,1), ICC(2,1), ICC(3,1), ICC(1,k), ICC(2,k), ICC(3,k) —
    /// each with its F test and F-distribution confidence interval (McGraw &amp; Wong 1996; Shrout &amp; Fleiss 1979).
    /// </summary>
    public IReadOnlyList<IntraclassCorrelationForm>? Forms { get; init; }
}
