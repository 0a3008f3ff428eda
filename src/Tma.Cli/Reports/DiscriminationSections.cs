using Tma.Research.Evaluation;
using Tma.Research.Evaluation.Statistics;
using static Tma.Cli.Reports.EvaluationDocument;

namespace Tma.Cli.Reports;

/// <summary>
/// The report blocks of the discrimination extras: partial AUC and Youden cut-off, likelihood ratios / DOR / MCC per
/// cut-off, intervals of subgroup gaps, and IDI / NRI in a comparison. Rates have 3 decimals, ratios 2, p 4.
/// </summary>
internal static class DiscriminationSections
{
    /// <summary>"specificity 0.80–1.00".</summary>
    public static string Range(PartialAucEvaluation p) =>
        $"{(p.Focus == PartialAucFocus.Specificity ? "specificity" : "sensitivity")} {Fmt.N(p.From, 2)}–{Fmt.N(p.To, 2)}";

    /// <summary>"0.123 [0.100, 0.150]" from a bootstrap interval, or the estimate alone when there is none.</summary>
    public static string Boot(double estimate, BootstrapInterval? interval, int decimals = 3) =>
        Fmt.N(estimate, decimals) + Fmt.Bootstrap(interval, decimals);

    public static string PartialAucCell(EvaluationReport r) => r.Score.PartialAuc is { } p
        ? $"{Boot(p.Area, p.AreaInterval)}; corrected {Boot(p.Corrected, p.CorrectedInterval)}"
        : "not computed";

    public static string YoudenCell(EvaluationReport r) => r.Score.Youden is { } y
        ? $"J {Boot(y.Index, y.IndexInterval)} at score ≥ {Fmt.Score(y.Threshold)}{Threshold(y.ThresholdInterval)}"
        : "not computed";

    /// <summary>Rows for the summary table of one or several reports.</summary>
    public static IEnumerable<IReadOnlyList<string>> SummaryRows(IReadOnlyList<(string Name, EvaluationReport Report)> reports)
    {
        var range = reports[0].Report.Score.PartialAuc is { } first ? Range(first) : "";
        yield return [$"partial AUC ({range}) [CI]; McClish-corrected (0.5 chance, 1 perfect)", .. reports.Select(r => PartialAucCell(r.Report))];
        yield return ["Youden J [CI] at the optimal cut-off [CI]", .. reports.Select(r => YoudenCell(r.Report))];
    }

    /// <summary>The partial AUC and the Youden cut-off in the discrimination section.</summary>
    public static void PartialAucAndYouden(ReportDocument doc, EvaluationReport report)
    {
        var rows = new List<IReadOnlyList<string>>();
        if (report.Score.PartialAuc is { } p)
        {
            rows.Add(Row($"partial AUC over {Range(p)} [CI]", Boot(p.Area, p.AreaInterval, 4)));
            rows.Add(Row("its range: chance (diagonal) to perfect", $"{Fmt.N(p.ChanceArea, 4)} to {Fmt.N(p.MaximumArea, 4)}"));
            rows.Add(Row("McClish-corrected partial AUC [CI]", Boot(p.Corrected, p.CorrectedInterval)));
        }

        if (report.Score.Youden is { } y)
        {
            rows.Add(Row("Youden J = max(sensitivity + specificity − 1) [CI]", Boot(y.Index, y.IndexInterval)));
            rows.Add(Row("Youden-optimal cut-off (flagged when score ≥) [CI]", Fmt.Score(y.Threshold) + Threshold(y.ThresholdInterval)));
            rows.Add(Row("sensitivity, specificity there", $"{Fmt.N(y.Sensitivity)}, {Fmt.N(y.Specificity)}"));
            if (y.TiedThresholds.Count > 1)
            {
                rows.Add(Row("cut-offs with the same J (the highest is shown)", string.Join(", ", y.TiedThresholds.Take(10).Select(Fmt.General)) + (y.TiedThresholds.Count > 10 ? ", …" : "")));
            }
        }

        if (rows.Count > 0)
        {
            doc.Paragraph("Partial AUC: area under the ROC curve over the range only, standardised by McClish (1989). Youden's cut-off: where sensitivity + specificity − 1 is largest. Intervals: stratified percentile bootstrap.");
            doc.Table(["figure", "value"], rows, text: true);
        }
    }

    /// <summary>LR+, LR−, DOR and MCC of every row of a cut-off table.</summary>
    public static void Ratios(ReportDocument doc, CutoffEvaluation table)
    {
        var corrected = table.Rows.Any(r => r.Cutoff.PositiveLikelihoodRatio?.ContinuityCorrected == true
            || r.Cutoff.NegativeLikelihoodRatio?.ContinuityCorrected == true
            || r.Cutoff.DiagnosticOddsRatio?.ContinuityCorrected == true);
        doc.Table(
            ["cut-off", "LR+ [CI]", "LR− [CI]", "diagnostic odds ratio [CI]", "MCC"],
            table.Rows.Select(r => Row(
                r.Cutoff.Label,
                Ratio(r.Cutoff.PositiveLikelihoodRatio),
                Ratio(r.Cutoff.NegativeLikelihoodRatio),
                Ratio(r.Cutoff.DiagnosticOddsRatio),
                r.Cutoff.MatthewsCorrelation is { } m ? Fmt.N(m) : "—")));
        doc.Paragraph("Likelihood ratios with the log-method intervals of Simel et al. (1991), odds ratio with Woolf's interval; MCC is the correlation of flag and outcome."
            + (corrected ? " * a cell was 0, so 0.5 was added to every cell of that table (Haldane) for this ratio and its interval." : ""));
    }

    public static string Ratio(RatioEstimate? r) => r is null || double.IsNaN(r.Estimate)
        ? "—"
        : Fmt.WithInterval(r.Estimate, r.Lower, r.Upper, 2) + (r.ContinuityCorrected ? " *" : "");

    /// <summary>" [l, u]" of a rate gap, or nothing.</summary>
    public static string GapInterval(SubgroupGap gap) => gap.Interval is { } i ? " " + Fmt.Interval(i.Lower, i.Upper) : "";

    /// <summary>The AUC gap bullet of a subgroup column, or null.</summary>
    public static string? AucGap(SubgroupEvaluation column) => column.AucGap is { } g
        ? $"Largest AUC gap: {Fmt.WithInterval(g.Difference.Difference, g.Difference.Lower, g.Difference.Upper)} ({g.HigherGroup} {Fmt.N(g.HigherAuc)} vs {g.LowerGroup} {Fmt.N(g.LowerAuc)}; Wald from the two DeLong SEs, p {Fmt.PValue(g.Difference.PValue)})."
        : null;

    /// <summary>The IDI and continuous NRI of a comparison.</summary>
    public static void Reclassification(ReportDocument doc, ComparisonReport report)
    {
        if (report.Reclassification is not { } r)
        {
            return;
        }

        doc.Heading("Integrated discrimination and net reclassification improvement of B over A");
        var sources = new List<string>();
        foreach (var (name, how, fit) in new[] { ("A", r.ProbabilitiesA, r.RecalibrationA), ("B", r.ProbabilitiesB, r.RecalibrationB) })
        {
            sources.Add(fit is null
                ? $"{name}: its score, which is a probability."
                : $"{name}: its score is not a probability, so it is replaced by its logistic recalibration on these rows, P = 1/(1 + exp(−({Fmt.Score(fit.Intercept)} + {Fmt.Score(fit.Slope)}·score))) — fitted in-sample ({how}).");
        }

        doc.Bullets(sources);
        var idi = r.IntegratedDiscrimination;
        var nri = r.ContinuousNri;
        doc.Table(["figure", "estimate [CI]", "SE", "z", "two-sided p"], [
            Row("IDI (Pencina et al. 2008)", Improvement(idi.Improvement, 4), Fmt.N(idi.Improvement.StandardError, 4), Fmt.N(idi.Improvement.Z, 2), Fmt.PValue(idi.Improvement.PValue)),
            Row("continuous NRI(>0) (Pencina et al. 2011)", Improvement(nri.Improvement, 3), Fmt.N(nri.Improvement.StandardError, 4), Fmt.N(nri.Improvement.Z, 2), Fmt.PValue(nri.Improvement.PValue)),
        ]);
        doc.Paragraph($"IDI = (mean P with outcome: B {Fmt.N(idi.MeanNewEvents)} − A {Fmt.N(idi.MeanOldEvents)}) − (without: B {Fmt.N(idi.MeanNewNonEvents)} − A {Fmt.N(idi.MeanOldNonEvents)}). "
            + $"NRI: with the outcome {Fmt.Count(nri.UpEvents)} up, {Fmt.Count(nri.DownEvents)} down of {Fmt.Count(nri.Events)} (part {Fmt.N(nri.EventPart)}); "
            + $"without {Fmt.Count(nri.UpNonEvents)} up, {Fmt.Count(nri.DownNonEvents)} down of {Fmt.Count(nri.NonEvents)} (part {Fmt.N(nri.NonEventPart)}).");
    }

    public static string Improvement(ImprovementEstimate e, int decimals) => Fmt.WithInterval(e.Estimate, e.Lower, e.Upper, decimals);

    private static string Threshold(BootstrapInterval? interval) =>
        interval is null || interval.ValidResamples == 0 ? "" : $" [{Fmt.Score(interval.Lower)}, {Fmt.Score(interval.Upper)}]";
}
