using ScottPlot;
using Tma.CaseStore;

namespace Tma.Host;

/// <summary>Draws a case's risk curve: the level of each (champion) assessment over time, so escalation is visible at a glance.</summary>
internal static class RiskCurvePlot
{
    public static byte[] Png(RiskCurve curve, IReadOnlyList<string> levels, int width = 900, int height = 420)
    {
        var plot = new Plot();
        plot.Title("Risk curve (advisory)");
        plot.YLabel("Level");
        var points = curve.Points.Where(p => !p.IsChallenger).OrderBy(p => p.AssessedAt).ToList();
        if (points.Count > 0)
        {
            var xs = points.Select(p => p.AssessedAt.UtcDateTime.ToOADate()).ToArray();
            var ys = points.Select(p => (double)Math.Max(0, IndexOf(levels, p.Level))).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LineWidth = 2;
            line.MarkerSize = 8;
            plot.Axes.DateTimeTicksBottom();
        }

        var ticks = levels.Select((level, i) => new Tick(i, level)).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.SetLimitsY(-0.5, Math.Max(1, levels.Count - 1) + 0.5);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static int IndexOf(IReadOnlyList<string> levels, string level)
    {
        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i] == level)
            {
                return i;
            }
        }

        return -1;
    }
}
