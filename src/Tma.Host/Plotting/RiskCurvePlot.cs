using System.Globalization;
using ScottPlot;
using Tma.CaseStore;
using Tma.Models.Definitions;

namespace Tma.Host;

/// <summary>
/// Draws a case's risk curve: the level of each (champion) assessment over the dates the case was assessed as of, as
/// steps (a level holds until the next assessment; there is nothing between two levels), labelled with the model's
/// level labels in its language, so escalation is visible at a glance.
/// </summary>
internal static class RiskCurvePlot
{
    public static byte[] Png(RiskCurve curve, ModelDefinition? model, int width = 900, int height = 420)
    {
        var german = model?.Language == "de";
        var plot = new Plot();
        plot.Title(german ? "Risikoverlauf (Empfehlung, keine Entscheidung)" : "Risk curve (advisory, not a decision)");
        plot.YLabel(german ? "Stufe" : "Level");
        IReadOnlyList<OutputLevel> levels = model?.Levels ?? [];

        // One model's curve: the levels of different models are not one scale. The store gives the points in curve
        // order (as of, then made).
        var all = curve.Points.Where(p => !p.IsChallenger && p.PackageId == model?.Id).ToList();
        var points = all.Where(p => IndexOf(levels, p.Level) >= 0).ToList();

        // Unassessable results have no level: at the lowest level they would read as "no concern", and left out they
        // would hide that an assessment was made. They get their own row below the levels, as grey crosses.
        var unassessable = all.Where(p => p.Level == CaseScoring.UnassessableLevel).ToList();
        if (points.Count > 0)
        {
            var xs = points.Select(p => p.AsOf.UtcDateTime.ToOADate()).ToArray();
            var ys = points.Select(p => (double)IndexOf(levels, p.Level)).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.ConnectStyle = ConnectStyle.StepHorizontal;
        }

        if (unassessable.Count > 0)
        {
            var open = plot.Add.Scatter(unassessable.Select(p => p.AsOf.UtcDateTime.ToOADate()).ToArray(), unassessable.Select(_ => -1.0).ToArray());
            open.LineWidth = 0;
            open.MarkerShape = MarkerShape.Cross;
            open.MarkerSize = 10;
            open.Color = Colors.Gray;
        }

        if (points.Count + unassessable.Count > 0)
        {
            var axis = plot.Axes.DateTimeTicksBottom();
            if (axis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic automatic)
            {
                automatic.LabelFormatter = date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            plot.XLabel(german ? "Stand der Einschätzung (UTC)" : "Assessed as of (UTC)");

            // The last date label is centred on its tick at the right edge: room for half of it, so it is not cut.
            plot.Axes.Right.MinimumSize = 40;

            // One assessment (or several on one day) still gets a readable time axis: a week either side.
            var xs = points.Concat(unassessable).Select(p => p.AsOf.UtcDateTime.ToOADate()).ToArray();
            var first = xs.Min();
            var last = xs.Max();
            var pad = Math.Max(7, (last - first) * 0.05);
            plot.Axes.SetLimitsX(first - pad, last + pad);
        }

        var unassessableLabel = german ? "Nicht beurteilbar" : "Not assessable";
        Tick[] ticks = [.. unassessable.Count > 0 ? [new Tick(-1, unassessableLabel)] : Array.Empty<Tick>(), .. levels.Select((level, i) => new Tick(i, level.Label))];
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.SetLimitsY(unassessable.Count > 0 ? -1.5 : -0.5, Math.Max(1, levels.Count - 1) + 0.5);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static int IndexOf(IReadOnlyList<OutputLevel> levels, string level)
    {
        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i].Id == level)
            {
                return i;
            }
        }

        return -1;
    }
}
