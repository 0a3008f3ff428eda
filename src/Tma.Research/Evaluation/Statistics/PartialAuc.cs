namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Partial area under the empirical ROC curve over a range of specificity or sensitivity, with McClish's (1989, Med Decis
/// Making 9:190–195) standardisation — as pROC's <c>auc(roc, partial.auc = c(1, 0.8), partial.auc.focus = "specificity",
/// partial.auc.correct = TRUE)</c>. The curve is the one of <see cref="RocCurve.Compute"/> (tied scores a diagonal step);
/// the area is the trapezoid rule over it, cut exactly at the ends of the range by linear interpolation, as pROC does.
/// </summary>
public static class PartialAuc
{
    /// <summary>Computes the partial AUC. O(n log n).</summary>
    /// <param name="scores">One score per case; NaN is rejected.</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="from">Lower end of the range, in [0, 1); default 0.8.</param>
    /// <param name="to">Upper end of the range, in (from, 1]; default 1.</param>
    /// <param name="focus">Whether the range is of specificity (default) or sensitivity.</param>
    /// <returns>The raw and the standardised partial area.</returns>
    /// <exception cref="ArgumentException">As <see cref="RocCurve.Compute"/>, or the range is not 0 ≤ from &lt; to ≤ 1.</exception>
    public static PartialAucResult Compute(
        ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes, double from = 0.8, double to = 1.0, PartialAucFocus focus = PartialAucFocus.Specificity)
    {
        CheckRange(from, to);
        InputGuard.BothClasses(scores, outcomes, 1, "partial AUC");
        var (positives, negatives, _) = RocCounts.FromScores(scores, outcomes);
        return FromCounts(positives, negatives, from, to, focus);
    }

    /// <summary>Throws when the range is not 0 ≤ from &lt; to ≤ 1.</summary>
    internal static void CheckRange(double from, double to)
    {
        if (!(from >= 0.0 && from < to && to <= 1.0))
        {
            throw new ArgumentException(
                FormattableString.Invariant($"A partial-AUC range needs 0 ≤ from < to ≤ 1; got from {from}, to {to}."), nameof(from));
        }
    }

    /// <summary>The partial AUC from counts per distinct score (ascending): cases with the outcome and without at each value.</summary>
    internal static PartialAucResult FromCounts(ReadOnlySpan<int> positives, ReadOnlySpan<int> negatives, double from, double to, PartialAucFocus focus)
    {
        var area = Area(positives, negatives, from, to, focus);
        var minimum = ChanceArea(from, to);
        var maximum = to - from;
        return new PartialAucResult(area, Standardise(area, minimum, maximum), from, to, focus, minimum, maximum);
    }

    /// <summary>The area of the diagonal over the range (the same for both foci): ((1 − from) + (1 − to))·(to − from)/2.</summary>
    internal static double ChanceArea(double from, double to) => ((1.0 - from) + (1.0 - to)) * (to - from) / 2.0;

    /// <summary>McClish's standardisation (1 + (A − min)/(max − min))/2.</summary>
    internal static double Standardise(double area, double minimum, double maximum) => (1.0 + ((area - minimum) / (maximum - minimum))) / 2.0;

    /// <summary>
    /// The raw partial area from counts per distinct score, ascending; NaN when either outcome is absent. The curve is
    /// swept from the highest score down, one segment per distinct score. O(K).
    /// </summary>
    internal static double Area(ReadOnlySpan<int> positives, ReadOnlySpan<int> negatives, double from, double to, PartialAucFocus focus)
    {
        long p = 0, n = 0;
        for (var k = 0; k < positives.Length; k++)
        {
            p += positives[k];
            n += negatives[k];
        }

        if (p == 0 || n == 0)
        {
            return double.NaN;
        }

        // Specificity focus: integrate TPR over FPR ∈ [1 − to, 1 − from]. Sensitivity focus: integrate 1 − FPR over TPR ∈ [from, to].
        var (lo, hi) = focus == PartialAucFocus.Specificity ? (1.0 - to, 1.0 - from) : (from, to);
        long tp = 0, fp = 0;
        double fpr0 = 0.0, tpr0 = 0.0, area = 0.0;
        for (var k = positives.Length - 1; k >= 0; k--)
        {
            tp += positives[k];
            fp += negatives[k];
            double fpr1 = (double)fp / n, tpr1 = (double)tp / p;
            area += focus == PartialAucFocus.Specificity
                ? Segment(fpr0, tpr0, fpr1, tpr1, lo, hi)
                : Segment(tpr0, 1.0 - fpr0, tpr1, 1.0 - fpr1, lo, hi);
            fpr0 = fpr1;
            tpr0 = tpr1;
        }

        return area;
    }

    /// <summary>
    /// The trapezoid area ∫ v du of the straight segment (u0, v0)–(u1, v1) restricted to u ∈ [lo, hi], with v linearly
    /// interpolated at the cut points. A segment with no extent along u (u1 = u0) has no area.
    /// </summary>
    private static double Segment(double u0, double v0, double u1, double v1, double lo, double hi)
    {
        if (!(u1 > u0))
        {
            return 0.0;
        }

        var a = Math.Max(u0, lo);
        var b = Math.Min(u1, hi);
        if (!(b > a))
        {
            return 0.0;
        }

        var slope = (v1 - v0) / (u1 - u0);
        var va = v0 + (slope * (a - u0));
        var vb = v0 + (slope * (b - u0));
        return (b - a) * (va + vb) / 2.0;
    }
}
