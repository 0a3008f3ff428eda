using Tma.Research.Evaluation;

namespace Tma.Cli.Reports;

/// <summary>The report's decision-curve section: how the risks were obtained, net benefit at a few thresholds, where the model helps.</summary>
internal static class DecisionCurveSection
{
    public static void Add(ReportDocument doc, EvaluationReport report, string suffix)
    {
        doc.Heading("Clinical utility: decision curve" + suffix);
        if (report.DecisionCurve is not { } curve)
        {
            doc.Paragraph("Not computed: no probability is available (see the figures not computed).");
            return;
        }

        doc.Paragraph("Net benefit of acting on every row whose risk is at or above the threshold probability pₜ: TP/N − FP/N · pₜ/(1 − pₜ), "
            + $"against acting on everyone (π − (1 − π)·pₜ/(1 − pₜ), base rate π = {Fmt.N(curve.BaseRate)}) and on no one (0). "
            + "Choosing pₜ says how many needless actions one needed action is worth: pₜ/(1 − pₜ) is their exchange rate (at 10 %, nine needless actions for one needed).");
        if (curve.Recalibration is { } r)
        {
            doc.Note(curve.Note + $" Recalibration: logit P = {Fmt.N(r.Intercept, 3)} + {Fmt.N(r.Slope, 4)}·score.");
        }

        doc.Table(
            ["threshold", "net benefit [CI]", "treat all", "treat none"],
            curve.Table.Select(t => EvaluationDocument.Row(
                Fmt.N(t.Threshold * 100, 0) + " %",
                Fmt.N(t.NetBenefit, 4) + Fmt.Bootstrap(t.Interval, 4),
                Fmt.N(t.TreatAll, 4),
                "0")));
        doc.Paragraph(curve.BeneficialRanges.Count == 0
            ? "The model's net benefit is not above both treat-all and treat-none at any threshold from 1 % to 99 %."
            : "The model's net benefit is above both treat-all and treat-none at thresholds "
                + string.Join(", ", curve.BeneficialRanges.Select(x => x.From == x.To ? Percent(x.From) : $"{Percent(x.From)} – {Percent(x.To)}")) + ".");
    }

    private static string Percent(double t) => Fmt.N(t * 100, 0) + " %";
}
