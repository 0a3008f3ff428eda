using ScottPlot;
using Tma.Research.Evaluation;

namespace Tma.Cli.Reports;

/// <summary>
/// The calibration plot as <c>rms::val.prob</c> draws it: the ideal diagonal, the binned observed rates (the ECE bins),
/// the lowess calibration curve with its pointwise bootstrap band, and a histogram of the predictions along the bottom
/// so the reader sees where the curve rests on many rows and where on few. One or two models on one pair of axes.
/// </summary>
internal static class CalibrationPlots
{
    private static readonly Color[] SeriesColors = [new("#2b5797"), new("#d9534f")];
    private static readonly Color Ideal = new("#9e9e9e");

    /// <summary>Share of the y-axis the tallest histogram bar takes.</summary>
    private const double HistogramHeight = 0.12;

    /// <summary>Draws the series that have calibration figures (a probability score); all on one shared axis range.</summary>
    public static ReportFigure Calibration(IReadOnlyList<(string Name, EvaluationReport Report, int Color)> series)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title("Calibration", 15);
        plot.XLabel("predicted probability", 13);
        plot.YLabel("observed outcome rate", 13);
        var limit = AxisLimit(series);

        // Histograms first, so the curves are drawn over them.
        for (var s = 0; s < series.Count; s++)
        {
            var (name, report, color) = series[s];
            Histogram(plot, report, SeriesColors[color % SeriesColors.Length], limit, series.Count > 1 ? name : null);
        }

        var ideal = plot.Add.Line(0, 0, limit, limit);
        ideal.Color = Ideal;
        ideal.LinePattern = LinePattern.Dashed;
        ideal.LineWidth = 1;
        ideal.LegendText = "ideal";
        foreach (var (name, report, colorIndex) in series)
        {
            var color = SeriesColors[colorIndex % SeriesColors.Length];
            var calibration = report.Calibration;
            if (calibration.Smooth is { } smooth)
            {
                var grid = smooth.Grid.ToArray();
                if (smooth.Lower is { } lower && smooth.Upper is { } upper && grid.Length > 1)
                {
                    var band = plot.Add.FillY(grid, [.. lower.Select(Clip)], [.. upper.Select(Clip)]);
                    band.FillColor = color.WithAlpha(0.18);
                    band.LineColor = Colors.Transparent;
                }

                var curve = plot.Add.Scatter(grid, [.. smooth.Curve.Select(Clip)]);
                curve.Color = color;
                curve.LineWidth = 2.5f;
                curve.MarkerSize = 0;
                var withBand = smooth.Lower is null ? "" : $" ({Fmt.N(report.Provenance.ConfidenceLevel * 100, 0)}% band)";
                curve.LegendText = $"{name}: lowess{withBand}, ICI {Fmt.N(smooth.Ici, 3)}, Emax {Fmt.N(smooth.Emax, 3)}";
            }

            if (calibration.ExpectedCalibrationError is { } ece)
            {
                var bins = ece.Bins.Where(b => b.N > 0).ToArray();
                var points = plot.Add.Scatter(bins.Select(b => b.MeanPredicted).ToArray(), bins.Select(b => b.ObservedRate).ToArray());
                points.Color = color;
                points.LineWidth = 0;
                points.MarkerSize = 8;
                points.MarkerShape = MarkerShape.OpenCircle;
                points.LegendText = calibration.Fit is { } fit
                    ? $"{name}: bins (slope {Fmt.N(fit.Slope.Estimate, 2)}, intercept {Fmt.N(fit.Intercept.Estimate, 2)})"
                    : $"{name}: bins";
            }
        }

        plot.Axes.SetLimits(0, limit, 0, limit);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Legend.FontSize = 11;
        return ReportFigure.From(plot);
    }

    /// <summary>
    /// The shared range of both axes: up to the largest of the grid, the binned points and the band, rounded up to a
    /// tenth — so a model predicting only low risks is not squeezed into a corner, and the diagonal stays at 45°.
    /// </summary>
    private static double AxisLimit(IReadOnlyList<(string Name, EvaluationReport Report, int Color)> series)
    {
        var largest = 0.0;
        foreach (var (_, report, _) in series)
        {
            var c = report.Calibration;
            if (c.Smooth is { } smooth)
            {
                largest = Math.Max(largest, smooth.Grid.Max());
                largest = Math.Max(largest, smooth.Curve.Where(double.IsFinite).DefaultIfEmpty(0).Max());
                if (smooth.Upper is { } upper)
                {
                    largest = Math.Max(largest, upper.Where(double.IsFinite).DefaultIfEmpty(0).Max());
                }
            }

            if (c.ExpectedCalibrationError is { } ece)
            {
                foreach (var bin in ece.Bins.Where(b => b.N > 0))
                {
                    largest = Math.Max(largest, Math.Max(bin.MeanPredicted, bin.ObservedRate));
                }
            }
        }

        return Math.Clamp(Math.Ceiling((largest * 10) + 1e-9) / 10, 0.1, 1.0);
    }

    /// <summary>The predictions' histogram (the score distribution's bins, both outcomes) as bars rising from 0.</summary>
    private static void Histogram(Plot plot, EvaluationReport report, Color color, double limit, string? name)
    {
        var bins = report.Score.Distribution.Bins;
        var counts = bins.Select(b => (double)(b.WithOutcome + b.WithoutOutcome)).ToArray();
        var most = counts.DefaultIfEmpty(0).Max();
        if (!(most > 0))
        {
            return;
        }

        var distinct = report.Score.Distribution.Binning == "distinct";
        var width = distinct ? limit / 150 : bins[0].Upper - bins[0].Lower;
        var bars = bins.Select((b, k) => new Bar
        {
            Position = distinct ? b.Lower : (b.Lower + b.Upper) / 2,
            Value = counts[k] / most * HistogramHeight * limit,
            Size = width * 0.9,
            FillColor = color.WithAlpha(0.35),
            LineWidth = 0,
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.LegendText = name is null ? "predictions (histogram)" : $"{name}: predictions (histogram)";
        plottable.Color = color.WithAlpha(0.35);
    }

    private static double Clip(double v) => double.IsFinite(v) ? Math.Clamp(v, 0.0, 1.0) : 0.0;
}
