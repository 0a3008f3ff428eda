using ScottPlot;
using Tma.Research.Evaluation;

namespace Tma.Cli.Reports;

/// <summary>
/// Decision curves (Vickers &amp; Elkin 2006): net benefit against threshold probability for each model, with treat-all
/// and treat-none. The y-axis runs, as the R package dcurves draws it, from a little below 0 to the base rate (the
/// largest net benefit anyone can have), so a steeply negative treat-all line does not flatten the models.
/// </summary>
internal static class DecisionCurvePlots
{
    private static readonly Color[] SeriesColors = [new("#2b5797"), new("#d9534f")];

    /// <summary>Draws the series that have a decision curve; the rows (and so the base rate) are the same for all.</summary>
    public static ReportFigure Plot(IReadOnlyList<(string Name, EvaluationReport Report, int Color)> series)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title("Decision curve", 15);
        plot.XLabel("threshold probability", 13);
        plot.YLabel("net benefit", 13);
        var first = series[0].Report.DecisionCurve!;
        var rate = first.BaseRate;
        var xMax = XLimit(series);
        var thresholds = first.Points.Where(p => p.Threshold <= xMax + 1e-9).Select(p => p.Threshold).ToArray();

        var all = plot.Add.Scatter(thresholds, first.Points.Take(thresholds.Length).Select(p => p.TreatAll).ToArray());
        all.Color = new("#7f7f7f");
        all.LineWidth = 1.5f;
        all.MarkerSize = 0;
        all.LinePattern = LinePattern.Dashed;
        all.LegendText = "treat all";
        var none = plot.Add.HorizontalLine(0);
        none.Color = Colors.Black;
        none.LineWidth = 1;
        none.LegendText = "treat none";
        foreach (var (name, report, colorIndex) in series)
        {
            var curve = report.DecisionCurve!;
            var points = curve.Points.Take(thresholds.Length).ToArray();
            var line = plot.Add.Scatter(points.Select(p => p.Threshold).ToArray(), points.Select(p => p.NetBenefit).ToArray());
            line.Color = SeriesColors[colorIndex % SeriesColors.Length];
            line.LineWidth = 2.5f;
            line.MarkerSize = 0;
            line.LegendText = curve.Probabilities == "recalibration" ? $"{name}: recalibrated, in-sample" : name;
        }

        var span = Math.Max(rate, 1e-3);
        plot.Axes.SetLimits(0, xMax, -0.1 * span, span * 1.08);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.FontSize = 11;
        return ReportFigure.From(plot);
    }

    /// <summary>
    /// Thresholds shown: up to a little beyond the highest threshold at which any model still flags a row (beyond it every
    /// model's net benefit is 0, the treat-none line), rounded up to 0.05, at least 0.2.
    /// </summary>
    private static double XLimit(IReadOnlyList<(string Name, EvaluationReport Report, int Color)> series)
    {
        var last = 0.0;
        foreach (var (_, report, _) in series)
        {
            foreach (var point in report.DecisionCurve!.Points)
            {
                if (point.TruePositives + point.FalsePositives > 0)
                {
                    last = Math.Max(last, point.Threshold);
                }
            }
        }

        return Math.Clamp(Math.Ceiling((last + 0.05) * 20 - 1e-9) / 20, 0.2, 0.99);
    }
}
