using Tma.Research.Evaluation;

namespace Tma.Cli.Reports;

/// <summary>The limits of a plot's axes: x from <paramref name="Left"/> to <paramref name="Right"/>, y from <paramref name="Bottom"/> to <paramref name="Top"/>.</summary>
/// <param name="Left">Smallest x shown.</param>
/// <param name="Right">Largest x shown.</param>
/// <param name="Bottom">Smallest y shown.</param>
/// <param name="Top">Largest y shown.</param>
internal readonly record struct AxisLimits(double Left, double Right, double Bottom, double Top);

/// <summary>
/// Axis limits computed over several evaluations, so that plots shown side by side (A and B in <c>tma compare</c>) use
/// the same scale: two bars of equal height then mean equal values, which separate autoscaling would hide.
/// </summary>
internal static class SharedAxes
{
    /// <summary>
    /// Top of the y axis of the "observed outcome rate per level" plots: 15 % above the highest Wilson upper limit (or
    /// base rate) of any of them, plus 0.02, at most 1.
    /// </summary>
    public static double LevelRateTop(IEnumerable<EvaluationReport> reports)
    {
        var highest = 0.0;
        foreach (var report in reports)
        {
            highest = Math.Max(highest, report.Sample.BaseRate.Estimate);
            foreach (var level in report.Levels.Distribution)
            {
                if (!double.IsNaN(level.ObservedRate.Upper))
                {
                    highest = Math.Max(highest, level.ObservedRate.Upper);
                }
            }
        }

        return Math.Min(1.0, (highest * 1.15) + 0.02);
    }

    /// <summary>
    /// Limits of the score-distribution plots: x spans every bin of every report with half a bar width to spare; y
    /// starts at 0 and ends 15 % above the largest share of its outcome group in any bin.
    /// </summary>
    public static AxisLimits Distribution(IEnumerable<EvaluationReport> reports)
    {
        double left = double.PositiveInfinity, right = double.NegativeInfinity, top = 0;
        foreach (var report in reports)
        {
            var bins = report.Score.Distribution.Bins;
            if (bins.Count == 0)
            {
                continue;
            }

            var with = Math.Max(1, bins.Sum(b => b.WithOutcome));
            var without = Math.Max(1, bins.Sum(b => b.WithoutOutcome));
            var width = BarWidth(report.Score.Distribution);
            left = Math.Min(left, bins[0].Lower - (width / 2.0));
            right = Math.Max(right, bins[^1].Upper + (width / 2.0));
            foreach (var bin in bins)
            {
                top = Math.Max(top, Math.Max((double)bin.WithOutcome / with, (double)bin.WithoutOutcome / without));
            }
        }

        if (double.IsInfinity(left))
        {
            return new AxisLimits(0, 1, 0, 1);
        }

        return new AxisLimits(left, right, 0, top > 0 ? top * 1.15 : 1);
    }

    /// <summary>The width of one bin of the distribution plot: the smallest gap between distinct scores, or the bin width.</summary>
    public static double BarWidth(ScoreDistribution distribution)
    {
        var bins = distribution.Bins;
        double width;
        if (distribution.Binning == "distinct")
        {
            width = double.PositiveInfinity;
            for (var i = 1; i < bins.Count; i++)
            {
                width = Math.Min(width, bins[i].Lower - bins[i - 1].Lower);
            }
        }
        else
        {
            width = bins.Count > 0 ? bins[0].Upper - bins[0].Lower : 1;
        }

        return width > 0 && double.IsFinite(width) ? width : 1;
    }
}
