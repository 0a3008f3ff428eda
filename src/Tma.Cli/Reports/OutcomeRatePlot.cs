using ScottPlot;
using Tma.Research.Evaluation;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Cli.Reports;

/// <summary>
/// Observed outcome rate by score for scores that are not probabilities (where a calibration plot has no meaning): one
/// point per distinct score (points scores have few) or per equal-width score bin (many distinct values), the point's
/// area proportional to its rows, with its 95 % Wilson interval, and the base rate as reference. No line joins the
/// points: a line through small groups draws a jagged "trend" that is noise; the intervals show which points to trust.
/// </summary>
internal static class OutcomeRatePlot
{
    /// <summary>Largest marker diameter in pixels, for the group with the most rows.</summary>
    private const float LargestMarker = 22;

    /// <summary>The plot for one or two non-probability scores.</summary>
    public static ReportFigure ObservedByScore(IReadOnlyList<(string Name, EvaluationReport Report, int Color)> series)
    {
        var plot = ReportPlots.NewPlot("Observed outcome rate by score (not a probability: no calibration)", "score", "observed outcome rate");
        var rate = series[0].Report.Sample.BaseRate.Estimate;
        var baseLine = plot.Add.HorizontalLine(rate);
        baseLine.Color = ReportPlots.Chance;
        baseLine.LinePattern = LinePattern.Dashed;
        baseLine.LineWidth = 1;
        baseLine.LegendText = $"base rate {Fmt.N(rate)}";
        var largest = series.SelectMany(s => Points(s.Report)).Select(p => p.N).DefaultIfEmpty(1).Max();
        for (var s = 0; s < series.Count; s++)
        {
            var (name, report, color) = series[s];
            var points = Points(report);
            var c = ReportPlots.SeriesColors[color % ReportPlots.SeriesColors.Length];

            // A shift of a fifth of a bar between the two series keeps their intervals apart.
            var shift = series.Count > 1 ? (s - 0.5) * 0.2 * SharedAxes.BarWidth(report.Score.Distribution) : 0.0;
            var xs = points.Select(p => p.X + shift).ToArray();
            var errors = plot.Add.ErrorBar(xs, points.Select(p => p.Rate.Estimate).ToArray(), points.Select(p => p.Rate.Estimate - p.Rate.Lower).ToArray());
            errors.YErrorNegative = [.. points.Select(p => p.Rate.Estimate - p.Rate.Lower)];
            errors.YErrorPositive = [.. points.Select(p => p.Rate.Upper - p.Rate.Estimate)];
            errors.Color = c.WithAlpha(0.6);
            for (var k = 0; k < points.Count; k++)
            {
                var marker = plot.Add.Marker(xs[k], points[k].Rate.Estimate);
                marker.Color = c;
                marker.MarkerShape = MarkerShape.FilledCircle;
                marker.MarkerSize = MarkerSize(points[k].N, largest);
            }

            var legend = plot.Add.Marker(double.NaN, double.NaN);
            legend.Color = c;
            legend.MarkerShape = MarkerShape.FilledCircle;
            legend.MarkerSize = 9;
            // Short, so two long model names still fit; the caption says what area and whiskers mean.
            legend.LegendText = $"{name} (largest point {Fmt.Count(points.Count == 0 ? 0 : points.Max(p => p.N))} rows)";
        }

        plot.Axes.SetLimitsY(0, 1.02);
        plot.ShowLegend(Alignment.UpperLeft);
        return ReportPlots.Png(plot);
    }

    /// <summary>The marker diameter for a group of <paramref name="n"/> rows: area ∝ n, at least 3 pixels.</summary>
    internal static float MarkerSize(int n, int largest) =>
        Math.Max(3f, LargestMarker * (float)Math.Sqrt((double)n / Math.Max(1, largest)));

    /// <summary>One point per non-empty distribution bin: its centre (or distinct score), rows and Wilson interval.</summary>
    internal static List<(double X, int N, ProportionEstimate Rate)> Points(EvaluationReport report)
    {
        var distinct = report.Score.Distribution.Binning == "distinct";
        var level = report.Provenance.ConfidenceLevel;
        return [.. report.Score.Distribution.Bins
            .Where(b => b.WithOutcome + b.WithoutOutcome > 0)
            .Select(b => (
                distinct ? b.Lower : (b.Lower + b.Upper) / 2.0,
                b.WithOutcome + b.WithoutOutcome,
                WilsonInterval.Compute(b.WithOutcome, b.WithOutcome + b.WithoutOutcome, level)))];
    }
}
