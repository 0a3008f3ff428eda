namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// The empirical precision-recall curve: one point (recall, precision) per distinct score, thresholds in descending
/// order, tied scores forming one threshold. Read as a step function — precision Pₖ holds on the recall interval
/// (Rₖ₋₁, Rₖ] — it is exactly the curve whose area <see cref="AveragePrecision"/> computes (Σ (Rₖ − Rₖ₋₁)·Pₖ); it is not
/// interpolated linearly between points, which would over-state the area (Davis &amp; Goadrich 2006).
/// </summary>
public static class PrecisionRecallCurve
{
    /// <summary>Computes the curve from scores and outcomes. O(n log n).</summary>
    /// <param name="scores">One score per case; NaN is rejected.</param>
    /// <param name="outcomes">One outcome per case; at least one case must have the outcome.</param>
    /// <returns>The points, highest threshold first (recall non-decreasing).</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, a score is NaN, or no case has the outcome.</exception>
    public static IReadOnlyList<PrecisionRecallPoint> Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes)
    {
        var (positives, _) = InputGuard.ScoresAndOutcomes(scores, outcomes);
        if (positives == 0)
        {
            throw new ArgumentException("No case has the outcome, so recall and the precision-recall curve are undefined.", nameof(outcomes));
        }

        var distinct = Computation.DistinctScores.From(scores, outcomes);
        return FromCounts(distinct.Values, distinct.WithOutcome, distinct.WithoutOutcome);
    }

    /// <summary>Computes the curve from the counts at each distinct score, lowest score first.</summary>
    /// <param name="values">The distinct scores, ascending.</param>
    /// <param name="withOutcome">Cases with the outcome at each score.</param>
    /// <param name="withoutOutcome">Cases without at each score.</param>
    /// <returns>The points, highest threshold first.</returns>
    /// <exception cref="ArgumentException">Lengths differ or no case has the outcome.</exception>
    public static IReadOnlyList<PrecisionRecallPoint> FromCounts(ReadOnlySpan<double> values, ReadOnlySpan<int> withOutcome, ReadOnlySpan<int> withoutOutcome)
    {
        if (values.Length != withOutcome.Length || values.Length != withoutOutcome.Length)
        {
            throw new ArgumentException("values, withOutcome and withoutOutcome must be equally long.", nameof(values));
        }

        long positives = 0;
        foreach (var c in withOutcome)
        {
            positives += c;
        }

        if (positives == 0)
        {
            throw new ArgumentException("No case has the outcome, so recall and the precision-recall curve are undefined.", nameof(withOutcome));
        }

        var points = new List<PrecisionRecallPoint>(values.Length);
        int tp = 0, fp = 0;
        for (var k = values.Length - 1; k >= 0; k--)
        {
            tp += withOutcome[k];
            fp += withoutOutcome[k];
            if (tp + fp == 0)
            {
                continue;
            }

            points.Add(new PrecisionRecallPoint(values[k], tp, fp, (double)tp / positives, (double)tp / (tp + fp)));
        }

        return points;
    }

    /// <summary>
    /// Thins a curve to at most <paramref name="maxPoints"/> points for plotting and report.json, keeping the first and
    /// last point, chosen evenly along the curve's length (|ΔR| + |ΔP|) as <see cref="RocCurve.Thin"/> does for the ROC.
    /// </summary>
    /// <param name="points">A curve from <see cref="Compute"/>.</param>
    /// <param name="maxPoints">At least 2.</param>
    /// <returns>The kept points in their order; the curve itself when it is short enough.</returns>
    /// <exception cref="ArgumentException"><paramref name="maxPoints"/> is below 2.</exception>
    public static IReadOnlyList<PrecisionRecallPoint> Thin(IReadOnlyList<PrecisionRecallPoint> points, int maxPoints) =>
        CurveThinning.Thin(points, maxPoints, p => p.Recall, p => p.Precision);
}
