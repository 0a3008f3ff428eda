using ScottPlot;
using Tma.Research.Evaluation;

namespace Tma.Cli.Reports;

/// <summary>
/// The Kaplan–Meier plot of the time-to-event section: one step curve per level of the model's output (or one for all
/// rows of a score column), its pointwise interval as a shaded band, and a tick where rows were censored. The
/// number-at-risk table is printed under the plot by the report, not drawn into it, so it stays readable and copyable.
/// </summary>
internal static class SurvivalPlots
{
    // Low to high risk: blue, teal, amber, orange; the highest level is always red. More levels cycle.
    private static readonly Color[] LevelColors = [new("#2b5797"), new("#1b998b"), new("#e0a100"), new("#e8702a"), new("#6c3483")];
    private static readonly Color Highest = new("#c0392b");

    public static ReportFigure KaplanMeier(TimeToEventEvaluation t)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(t.CurvesBy == "level" ? "Kaplan–Meier survival by level" : "Kaplan–Meier survival (all rows)", 15);
        plot.XLabel($"follow-up time ({t.TimeColumn})", 13);
        plot.YLabel("share without the event", 13);
        var curves = t.CurvesBy == "level" ? t.Curves.Skip(1).ToList() : [t.Curves[0]];
        for (var c = 0; c < curves.Count; c++)
        {
            var curve = curves[c];
            var color = c == curves.Count - 1 && curves.Count > 1 ? Highest : LevelColors[c % LevelColors.Length];
            var end = Math.Max(curve.Points[^1].Time, curve.Censorings.Count > 0 ? curve.Censorings[^1].Time : 0);
            var (xs, survival, lower, upper) = Steps(curve, end);
            var band = plot.Add.FillY(xs, lower, upper);
            band.FillColor = color.WithAlpha(0.15);
            band.LineWidth = 0;
            var line = plot.Add.Scatter(xs, survival);
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = $"{curve.Label} (n = {Fmt.Count(curve.N)}, {Fmt.Count(curve.Events)} events)";
            if (curve.Censorings.Count > 0)
            {
                var ticks = plot.Add.Scatter(curve.Censorings.Select(m => m.Time).ToArray(), curve.Censorings.Select(m => m.Survival).ToArray());
                ticks.LineWidth = 0;
                ticks.MarkerShape = MarkerShape.VerticalBar;
                ticks.MarkerSize = 7;
                ticks.MarkerLineWidth = 1;
                ticks.Color = color;
            }
        }

        var horizon = plot.Add.VerticalLine(t.Horizon);
        horizon.Color = new Color("#9e9e9e");
        horizon.LinePattern = LinePattern.Dashed;
        horizon.LineWidth = 1;
        horizon.LegendText = $"horizon τ = {Fmt.General(t.Horizon)}";
        plot.Axes.SetLimits(0, t.MaximumTime * 1.02, 0, 1.02);
        plot.ShowLegend(Alignment.LowerLeft);
        return ReportFigure.From(plot);
    }

    /// <summary>The thinned step points expanded into a staircase (each value held until the next time), continued to <paramref name="end"/>.</summary>
    private static (double[] X, double[] S, double[] Lower, double[] Upper) Steps(SurvivalCurveSummary curve, double end)
    {
        var x = new List<double>();
        var s = new List<double>();
        var lo = new List<double>();
        var hi = new List<double>();
        var points = curve.Points;
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var next = i + 1 < points.Count ? points[i + 1].Time : Math.Max(end, p.Time);
            x.Add(p.Time);
            x.Add(next);
            for (var k = 0; k < 2; k++)
            {
                s.Add(p.Survival);
                lo.Add(double.IsNaN(p.Lower) ? p.Survival : p.Lower);
                hi.Add(double.IsNaN(p.Upper) ? p.Survival : p.Upper);
            }
        }

        return ([.. x], [.. s], [.. lo], [.. hi]);
    }
}
