namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Thins a curve in the unit square for plotting and report.json: at most <c>maxPoints</c> points, always the first and
/// the last, chosen evenly along the curve's length (|Δx| + |Δy|), so steep and flat parts keep equal detail. Shared by
/// the ROC and the precision-recall curve.
/// </summary>
internal static class CurveThinning
{
    /// <exception cref="ArgumentException"><paramref name="maxPoints"/> is below 2.</exception>
    public static IReadOnlyList<T> Thin<T>(IReadOnlyList<T> points, int maxPoints, Func<T, double> x, Func<T, double> y)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (maxPoints < 2)
        {
            throw new ArgumentException($"maxPoints must be at least 2 to keep both ends; got {maxPoints}.", nameof(maxPoints));
        }

        if (points.Count <= maxPoints)
        {
            return points;
        }

        var cumulative = new double[points.Count];
        for (var k = 1; k < points.Count; k++)
        {
            cumulative[k] = cumulative[k - 1] + Math.Abs(x(points[k]) - x(points[k - 1])) + Math.Abs(y(points[k]) - y(points[k - 1]));
        }

        var total = cumulative[^1];
        var kept = new List<T>(maxPoints) { points[0] };
        var last = 0;
        for (var j = 1; j < maxPoints - 1; j++)
        {
            var index = Array.BinarySearch(cumulative, total * j / (maxPoints - 1));
            if (index < 0)
            {
                index = ~index;
            }

            index = Math.Min(index, points.Count - 2);
            if (index > last)
            {
                kept.Add(points[index]);
                last = index;
            }
        }

        kept.Add(points[^1]);
        return kept;
    }
}
