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
        // Unassessable results have no level: plotting them at the lowest level would read as "no concern".
        var points = curve.Points.Where(p => !p.IsChallenger && IndexOf(levels, p.Level) >= 0).OrderBy(p => p.AssessedAt).ToList();
        if (points.Count > 0)
        {
            var xs = points.Select(p => p.AssessedAt.UtcDateTime.ToOADate()).ToArray();
            var ys = points.Select(p => (double)Math.Max(0, IndexOf(levels, p.Level))).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LineWidth = 2;
            line.MarkerSize = 8;

            // One tick per assessment, labelled in ISO 8601 (invariant), with the time when a day has several.
            var sameDay = points.GroupBy(p => p.AssessedAt.UtcDateTime.Date).Any(g => g.Count() > 1);
            var format = sameDay ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd";
            var xTicks = points
                .Select((p, i) => new Tick(xs[i], p.AssessedAt.UtcDateTime.ToString(format, System.Globalization.CultureInfo.InvariantCulture)))
                .DistinctBy(t => t.Label)
                .ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xTicks);
            plot.XLabel("Assessed (UTC)");
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
