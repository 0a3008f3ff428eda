namespace Tma.Research.Evaluation.Statistics;

/// <summary>Empirical ROC curve (one point per distinct score) and thinning for plots.</summary>
public static class RocCurve
{
    /// <summary>
    /// Computes the empirical ROC curve: the corner (0, 0) at threshold +∞, then one point per distinct score in
    /// descending order; the last point is (1, 1). Tied scores move together (a diagonal step). O(n log n).
    /// </summary>
    /// <param name="scores">One score per case; NaN is rejected.</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <returns>The points, FPR and TPR non-decreasing.</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, a score is NaN, or all outcomes are equal.</exception>
    public static IReadOnlyList<RocPoint> Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes)
    {
        var (positives, negatives) = InputGuard.BothClasses(scores, outcomes, 1, "ROC curve");
        var sorted = scores.ToArray();
        var labels = outcomes.ToArray();
        Array.Sort(sorted, labels);
        var points = new List<RocPoint> { new(double.PositiveInfinity, 0, 0, 0.0, 0.0) };
        int tp = 0, fp = 0;
        var i = sorted.Length - 1;
        while (i >= 0)
        {
            var threshold = sorted[i];
            while (i >= 0 && sorted[i] == threshold)
            {
                if (labels[i])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }

                i--;
            }

            points.Add(new RocPoint(threshold, tp, fp, (double)tp / positives, (double)fp / negatives));
        }

        return points;
    }

    /// <summary>
    /// Thins a curve to at most <paramref name="maxPoints"/> points for plotting, always keeping the first and the last
    /// point (the corners). Points are chosen evenly along the curve's length (|ΔFPR| + |ΔTPR|), so steep and flat
    /// parts keep equal detail. A curve that already has few enough points is returned unchanged.
    /// </summary>
    /// <param name="points">A curve from <see cref="Compute"/>.</param>
    /// <param name="maxPoints">Maximum number of points to keep; at least 2.</param>
    /// <returns>The kept points, in their original order.</returns>
    /// <exception cref="ArgumentException"><paramref name="maxPoints"/> is below 2.</exception>
    public static IReadOnlyList<RocPoint> Thin(IReadOnlyList<RocPoint> points, int maxPoints) =>
        CurveThinning.Thin(points, maxPoints, p => p.FalsePositiveRate, p => p.TruePositiveRate);
}
