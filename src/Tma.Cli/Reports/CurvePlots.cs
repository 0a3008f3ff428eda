using ScottPlot;
using Tma.Research.Evaluation;

namespace Tma.Cli.Reports;

/// <summary>
/// The ROC and precision-recall plots: every compared score on one plot (so they share axes by construction), the ROC
/// with its pointwise bootstrap band shaded, and the operating points of the levels marked and named on both.
/// </summary>
internal static class CurvePlots
{
    /// <summary>ROC curves of one or two evaluations with their confidence bands and level operating points.</summary>
    public static ReportFigure Roc(IReadOnlyList<(string Name, EvaluationReport Report)> series)
    {
        var plot = ReportPlots.NewPlot("ROC curve", "1 − specificity (false-positive rate)", "sensitivity (true-positive rate)");
        ReportPlots.Diagonal(plot);
        for (var s = 0; s < series.Count; s++)
        {
            var (name, report) = series[s];
            var color = ReportPlots.SeriesColors[s % ReportPlots.SeriesColors.Length];
            if (report.Score.RocBand is { } band)
            {
                // x = 1 − specificity; the grid is ascending in specificity, so reverse it for an ascending x.
                var xs = band.Specificities.Select(sp => 1.0 - sp).Reverse().ToArray();
                var fill = plot.Add.FillY(xs, band.Lower.Reverse().ToArray(), band.Upper.Reverse().ToArray());
                fill.FillColor = color.WithAlpha(0.18);
                fill.LineWidth = 0;
                if (s == 0)
                {
                    // One legend entry for the bands: each has its curve's colour.
                    fill.LegendText = $"pointwise {Fmt.N(band.ConfidenceLevel * 100, 0)}% band{(series.Count > 1 ? "s" : "")} ({Fmt.Count(band.Resamples)} stratified bootstrap resamples)";
                }
            }

            var roc = report.Score.Roc;
            var curve = plot.Add.Scatter(roc.Select(p => p.FalsePositiveRate).ToArray(), roc.Select(p => p.TruePositiveRate).ToArray());
            curve.Color = color;
            curve.LineWidth = 2;
            curve.MarkerSize = 0;
            curve.LegendText = $"{name}: AUC {Fmt.N(report.Score.Auc.Auc)} {Fmt.Interval(report.Score.Auc.Lower, report.Score.Auc.Upper)}";
            if (report.Levels.Cutoffs is not null && report.Levels.Auc is { } levelAuc)
            {
                var points = LevelPoints(report, row => 1.0 - row.Cutoff.Specificity.Estimate, row => row.Cutoff.Sensitivity.Estimate);

                // Closed by the corners, as the ROC of the level rank.
                double[] lx = [0.0, .. points.Select(p => p.X), 1.0];
                double[] ly = [0.0, .. points.Select(p => p.Y), 1.0];
                var line = plot.Add.Scatter(lx, ly);
                line.Color = color;
                line.LinePattern = LinePattern.Dashed;
                line.LineWidth = 1;
                line.MarkerSize = 0;
                line.LegendText = $"{name} levels: AUC {Fmt.N(levelAuc.Auc)}";
                Mark(plot, points, color, s, firstBelow: true);
            }
        }

        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.Legend.FontSize = series.Count > 1 ? 10 : 12;
        plot.ShowLegend(Alignment.LowerRight);
        return ReportPlots.Png(plot);
    }

    /// <summary>
    /// Precision-recall curves (step-wise, as the average precision reads them) with the base-rate line a score without
    /// information would give, and the level operating points.
    /// </summary>
    public static ReportFigure PrecisionRecall(IReadOnlyList<(string Name, EvaluationReport Report)> series)
    {
        var plot = ReportPlots.NewPlot("Precision-recall curve", "recall (sensitivity)", "precision (PPV)");
        var baseRate = series[0].Report.Score.PrecisionRecall.ChanceLevel;
        var chance = plot.Add.HorizontalLine(baseRate);
        chance.Color = ReportPlots.Chance;
        chance.LinePattern = LinePattern.Dashed;
        chance.LineWidth = 1;
        chance.LegendText = $"chance = base rate {Fmt.N(baseRate)}";
        for (var s = 0; s < series.Count; s++)
        {
            var (name, report) = series[s];
            var color = ReportPlots.SeriesColors[s % ReportPlots.SeriesColors.Length];
            if (report.Score.PrecisionRecall.Curve is { Count: > 0 } curve)
            {
                var (xs, ys) = Steps(curve);
                var line = plot.Add.Scatter(xs, ys);
                line.Color = color;
                line.LineWidth = 2;
                line.MarkerSize = 0;
                line.LegendText = $"{name}: AP {Fmt.N(report.Score.PrecisionRecall.AveragePrecision)}{Fmt.Bootstrap(report.Score.PrecisionRecall.Interval, 3)}";
            }

            if (report.Levels.Cutoffs is not null)
            {
                var points = LevelPoints(report, row => row.Cutoff.Sensitivity.Estimate, row => row.Cutoff.PositivePredictiveValue.Estimate);
                var markers = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
                markers.Color = color;
                markers.LineWidth = 0;
                markers.MarkerSize = 9;
                markers.MarkerShape = MarkerShape.FilledDiamond;
                markers.LegendText = $"{name} levels";
                Mark(plot, points, color, s, firstBelow: false);
            }
        }

        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.Legend.FontSize = series.Count > 1 ? 10 : 12;
        plot.ShowLegend(Alignment.LowerLeft);
        return ReportPlots.Png(plot);
    }

    /// <summary>
    /// The step function through the curve's points: precision Pₖ holds on (Rₖ₋₁, Rₖ], starting at recall 0 with the
    /// first point's precision.
    /// </summary>
    internal static (double[] Recall, double[] Precision) Steps(IReadOnlyList<Tma.Research.Evaluation.Statistics.PrecisionRecallPoint> curve)
    {
        var xs = new List<double>(2 * curve.Count);
        var ys = new List<double>(2 * curve.Count);
        var previous = 0.0;
        foreach (var point in curve)
        {
            xs.Add(previous);
            ys.Add(point.Precision);
            xs.Add(point.Recall);
            ys.Add(point.Precision);
            previous = point.Recall;
        }

        return ([.. xs], [.. ys]);
    }

    /// <summary>The operating point "level ≥ k" for every level above the lowest (which flags everyone), highest level first.</summary>
    private static List<(double X, double Y, string Label)> LevelPoints(EvaluationReport report, Func<CutoffFigures, double> x, Func<CutoffFigures, double> y)
    {
        var rows = report.Levels.Cutoffs!.Rows;
        var levels = report.Levels.Distribution;
        var points = new List<(double, double, string)>();
        for (var k = rows.Count - 1; k >= 1; k--)
        {
            var label = levels.Count == rows.Count ? "≥ " + levels[k].Level : rows[k].Cutoff.Label;
            var px = x(rows[k]);
            var py = y(rows[k]);
            if (double.IsFinite(px) && double.IsFinite(py))
            {
                points.Add((px, py, label));
            }
        }

        return points;
    }

    /// <param name="firstBelow">
    /// True where the curve rises to the right (ROC): the first series' names go below and right of the point, clear of
    /// the line; false where it falls (precision-recall): they go above and right. The second series takes the other side.
    /// </param>
    private static void Mark(Plot plot, List<(double X, double Y, string Label)> points, Color color, int series, bool firstBelow)
    {
        foreach (var (x, y, label) in points)
        {
            var marker = plot.Add.Marker(x, y);
            marker.Color = color;
            marker.MarkerShape = MarkerShape.FilledDiamond;
            marker.MarkerSize = 9;
            var text = plot.Add.Text(label, x, y);
            text.LabelFontSize = 11;
            text.LabelFontColor = color;
            text.LabelBold = true;

            // The two series' names go to opposite sides of their points, so they do not overlap; names near the right
            // edge go to the left of their point so they stay inside the plot.
            var left = x > 0.7;
            // On the left of its point, a name is on the other side of the line: a rising curve is lower there.
            var below = ((series == 0) == firstBelow) != left;
            text.LabelAlignment = (below, left) switch
            {
                (true, false) => Alignment.UpperLeft,
                (true, true) => Alignment.UpperRight,
                (false, false) => Alignment.LowerLeft,
                (false, true) => Alignment.LowerRight,
            };
            text.OffsetX = left ? -6 : 6;
            text.OffsetY = below ? 4 : -4;
        }
    }
}
