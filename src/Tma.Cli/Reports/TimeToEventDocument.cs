using Tma.Research.Evaluation;

namespace Tma.Cli.Reports;

/// <summary>The time-to-event section of an evaluation report (docs/evaluation.md, "Time to event").</summary>
internal static class TimeToEventDocument
{
    /// <summary>The Kaplan–Meier plot.</summary>
    private static void Plot(ReportDocument doc, TimeToEventEvaluation t) =>
        doc.Image(t.CurvesBy == "level"
            ? "Kaplan–Meier curves per level (shaded: pointwise 95% log-log intervals; ticks: censored rows; dashed: the horizon)"
            : "Kaplan–Meier curve of all rows (shaded: pointwise 95% log-log interval; ticks: censored rows; dashed: the horizon)",
            SurvivalPlots.KaplanMeier(t),
            "kaplan-meier");

    /// <summary>The figures, the Kaplan–Meier plot (when plots are drawn) with the number at risk under it, the log-rank test and the curves' medians.</summary>
    public static void Details(ReportDocument doc, EvaluationReport report, string suffix, bool withPlots)
    {
        if (report.TimeToEvent is not { } t)
        {
            return;
        }

        doc.Heading("Time to event" + suffix);
        doc.Paragraph($"Follow-up time column {t.TimeColumn}; the outcome is the event indicator. {Fmt.Count(t.N)} rows, {Fmt.Count(t.Events)} events, "
            + $"{Fmt.Count(t.Censored)} censored; longest follow-up {Fmt.General(t.MaximumTime)}, median follow-up {Fmt.General(t.MedianFollowUp)} (reverse Kaplan–Meier). "
            + $"Horizon τ = {Fmt.General(t.Horizon)} ({(t.HorizonSource == "option" ? "given with --horizon" : "75th percentile of the event times")}).");
        var rows = new List<IReadOnlyList<string>>
        {
            EvaluationDocument.Row("Harrell's C [CI] (IJ SE)", t.HarrellC is { } h ? $"{Fmt.WithInterval(h.C, h.Lower, h.Upper)} (SE {Fmt.N(h.StandardError, 4)}), {Fmt.Count((int)Math.Min(int.MaxValue, h.ComparablePairs))} comparable pairs" : "not computed"),
            EvaluationDocument.Row($"Uno's C, truncated at τ = {Fmt.General(t.Horizon)}", t.UnoC is { } u ? Fmt.N(u) : "not computed"),
            EvaluationDocument.Row($"time-dependent AUC at τ = {Fmt.General(t.Horizon)} (IPCW)", t.TimeDependentAuc is { } a ? $"{Fmt.N(a.Auc)} ({Fmt.Count(a.Cases)} cases, {Fmt.Count(a.Controls)} controls, {Fmt.Count(a.CensoredBeforeHorizon)} censored before τ)" : "not computed"),
            EvaluationDocument.Row("log-rank test across levels", t.LogRank is { } l ? $"χ² {Fmt.N(l.ChiSquare, 2)}, df {l.DegreesOfFreedom}, p {Fmt.PValue(l.PValue)}" : "not computed"),
        };
        doc.Table(["figure", "value"], rows, text: true);
        if (withPlots)
        {
            Plot(doc, t);
        }

        AtRiskTable(doc, t);
        doc.Paragraph("Events per curve; observed against expected events under equal survival (the log-rank test's O and E); median survival (first time the curve reaches 0.5):");
        doc.Table(
            ["curve", "rows", "events", "observed (O)", "expected (E)", "median survival"],
            t.Curves.Select(c =>
            {
                var group = t.LogRank?.Groups.FirstOrDefault(g => g.Level == c.Label && c != t.Curves[0]);
                return EvaluationDocument.Row(c.Label, Fmt.Count(c.N), Fmt.Count(c.Events), group is null ? "" : Fmt.Count(group.Observed), group is null ? "" : Fmt.N(group.Expected, 2), double.IsNaN(c.MedianSurvival) ? "not reached" : Fmt.General(c.MedianSurvival));
            }));
    }

    private static void AtRiskTable(ReportDocument doc, TimeToEventEvaluation t)
    {
        var curves = t.CurvesBy == "level" ? t.Curves : [t.Curves[0]];
        doc.Paragraph("Number at risk (rows still followed up, without the event) at each time:");
        doc.Table(
            ["curve", .. t.AtRiskTimes.Select(Fmt.General)],
            curves.Select(c => (IReadOnlyList<string>)[c.Label, .. c.NumberAtRisk.Select(Fmt.Count)]));
    }
}
