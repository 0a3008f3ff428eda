using ScottPlot;
using Tma.Research.Evaluation;

namespace Tma.Cli.Reports;

/// <summary>
/// The report's simpler plots and the helpers every plot shares, drawn with ScottPlot 5 and rendered as
/// <see cref="ReportFigure"/> (PNG and SVG): the score distribution by outcome and the observed outcome rate per level.
/// The curves are in <see cref="CurvePlots"/>, calibration in <see cref="CalibrationPlots"/>, decision curves in
/// <see cref="DecisionCurvePlots"/>, Kaplan–Meier curves in <see cref="SurvivalPlots"/>.
/// </summary>
internal static class ReportPlots
{
    internal static readonly Color[] SeriesColors = [new("#2b5797"), new("#d9534f")];
    internal static readonly Color Chance = new("#9e9e9e");

    /// <summary>Score distribution among rows with and without the outcome, each as a share of its own group.</summary>
    /// <param name="name">The score's name for the title and axis.</param>
    /// <param name="report">The evaluation.</param>
    /// <param name="axes">Axis limits shared with the plot beside it (<see cref="SharedAxes.Distribution"/>), or null for the plot's own.</param>
    public static ReportFigure Distribution(string name, EvaluationReport report, AxisLimits? axes = null)
    {
        var plot = NewPlot($"Distribution of {name} by outcome", name, "share of rows in the outcome group");
        var bins = report.Score.Distribution.Bins;
        var with = Math.Max(1, bins.Sum(b => b.WithOutcome));
        var without = Math.Max(1, bins.Sum(b => b.WithoutOutcome));
        var distinct = report.Score.Distribution.Binning == "distinct";
        var width = distinct ? MinimumGap(bins.Select(b => b.Lower).ToArray()) : bins[0].Upper - bins[0].Lower;
        if (!(width > 0))
        {
            width = 1;
        }

        var barsWith = new List<Bar>();
        var barsWithout = new List<Bar>();
        foreach (var bin in bins)
        {
            var centre = distinct ? bin.Lower : (bin.Lower + bin.Upper) / 2.0;
            barsWithout.Add(new Bar { Position = centre - (width * 0.2), Value = (double)bin.WithoutOutcome / without, Size = width * 0.4, FillColor = SeriesColors[0] });
            barsWith.Add(new Bar { Position = centre + (width * 0.2), Value = (double)bin.WithOutcome / with, Size = width * 0.4, FillColor = SeriesColors[1] });
        }

        var a = plot.Add.Bars(barsWithout);
        a.LegendText = $"outcome 0 (n = {Fmt.Count(report.Sample.NonEvents)})";
        a.Color = SeriesColors[0];
        var b = plot.Add.Bars(barsWith);
        b.LegendText = $"outcome 1 (n = {Fmt.Count(report.Sample.Events)})";
        b.Color = SeriesColors[1];
        plot.Axes.Margins(bottom: 0);
        if (axes is { } limits)
        {
            plot.Axes.SetLimits(limits.Left, limits.Right, limits.Bottom, limits.Top);
        }

        plot.ShowLegend(Alignment.UpperRight);
        return Png(plot);
    }

    /// <summary>Observed outcome rate per level with its Wilson interval, and the rows at each level.</summary>
    /// <param name="report">The evaluation.</param>
    /// <param name="top">Top of the y axis shared with the plot beside it (<see cref="SharedAxes.LevelRateTop"/>), or null for this plot's own.</param>
    public static ReportFigure Levels(EvaluationReport report, double? top = null)
    {
        var plot = NewPlot("Observed outcome rate per level", "level (rows)", "observed outcome rate");
        var levels = report.Levels.Distribution;
        var bars = plot.Add.Bars(levels.Select(l => double.IsNaN(l.ObservedRate.Estimate) ? 0 : l.ObservedRate.Estimate).ToArray());
        bars.Color = SeriesColors[0];
        var positions = Enumerable.Range(0, levels.Count).Select(i => (double)i).ToArray();
        var rates = levels.Select(l => double.IsNaN(l.ObservedRate.Estimate) ? 0 : l.ObservedRate.Estimate).ToArray();
        var below = levels.Select(l => double.IsNaN(l.ObservedRate.Estimate) ? 0 : l.ObservedRate.Estimate - l.ObservedRate.Lower).ToArray();
        var errors = plot.Add.ErrorBar(positions, rates, below);
        errors.YErrorNegative = below;
        errors.YErrorPositive = [.. levels.Select(l => double.IsNaN(l.ObservedRate.Estimate) ? 0 : l.ObservedRate.Upper - l.ObservedRate.Estimate)];
        errors.Color = Colors.Black;
        var rate = report.Sample.BaseRate.Estimate;
        var baseLine = plot.Add.HorizontalLine(rate);
        baseLine.Color = Chance;
        baseLine.LinePattern = LinePattern.Dashed;
        baseLine.LegendText = $"base rate {Fmt.N(rate)}";
        plot.Axes.Bottom.SetTicks(positions, [.. levels.Select(l => $"{l.Level}\n({Fmt.Count(l.N)})")]);
        plot.Axes.SetLimitsY(0, top ?? SharedAxes.LevelRateTop([report]));
        plot.ShowLegend(Alignment.UpperLeft);
        return Png(plot);
    }

    internal static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title, 15);
        plot.XLabel(x, 13);
        plot.YLabel(y, 13);
        return plot;
    }

    internal static void Diagonal(Plot plot, string legend = "chance")
    {
        var line = plot.Add.Line(0, 0, 1, 1);
        line.Color = Chance;
        line.LinePattern = LinePattern.Dashed;
        line.LineWidth = 1;
        line.LegendText = legend;
    }

    private static double MinimumGap(double[] sorted)
    {
        var gap = double.PositiveInfinity;
        for (var i = 1; i < sorted.Length; i++)
        {
            gap = Math.Min(gap, sorted[i] - sorted[i - 1]);
        }

        return double.IsPositiveInfinity(gap) ? 1.0 : gap;
    }

    internal static ReportFigure Png(Plot plot) => ReportFigure.From(plot);
}
