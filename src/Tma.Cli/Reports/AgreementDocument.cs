using Tma.Research.Evaluation;
using static Tma.Cli.Reports.EvaluationDocument;

namespace Tma.Cli.Reports;

/// <summary>Lays out an <see cref="AgreementReport"/> as a <see cref="ReportDocument"/>.</summary>
internal static class AgreementDocument
{
    public static string Title(AgreementReport report) => $"Inter-rater agreement in {report.Provenance.File}";

    public static ReportDocument Build(AgreementReport report)
    {
        var p = report.Provenance;
        var doc = new ReportDocument(Title(report));
        doc.Heading("Provenance");
        doc.Table(["item", "value"], [
            Row("ratings file", p.File),
            Row("fingerprint", p.Fingerprint),
            Row("rows", Fmt.Count(p.Rows)),
            Row("cases", Fmt.Count(p.Cases)),
            Row("raters", Fmt.Count(p.Raters)),
            Row("categories from", p.Model is { } m ? $"model {m.Id} {m.Version} ({m.ContentHash})" : "numeric codes as given"),
            Row("layout", p.Layout == "wide" ? "wide (one row per case, one column per rater)" : "long (one row per case and rater)"),
            Row("bootstrap of α", p.Seed is { } seed ? $"{Fmt.Count(p.BootstrapResamples ?? 0)} resamples of the units, seed {seed}" : "none"),
            Row("tool", $"{p.Tool} {p.ToolVersion}"),
        ], text: true);
        doc.Heading("Agreement per item");
        doc.Paragraph("κ, AC1 and the ICC use the cases every rater rated; Krippendorff's α uses every pairable rating. ICC(2,1): two-way random, absolute agreement; ICC(3,1): two-way mixed, consistency. Intervals and tests per item below.");
        doc.Table(
            ["item", "scale", "cases (complete)", "Cohen κ", "κ linear", "κ quadratic", "Fleiss κ", "ICC(2,1)", "ICC(3,1)", "α ordinal", "Gwet AC1"],
            report.Items.Select(i => Row(
                i.IsLevel ? $"{i.Item} (summary level)" : i.Item,
                $"{i.Scale}: {string.Join(" < ", i.Categories)}",
                $"{Fmt.Count(i.RatedCases)} ({Fmt.Count(i.CompleteCases)})",
                i.CohenKappa is { } k ? Fmt.N(k.Kappa) : "—",
                i.WeightedKappaLinear is { } kl ? Fmt.N(kl.Kappa) : "—",
                i.WeightedKappaQuadratic is { } kq ? Fmt.N(kq.Kappa) : "—",
                i.FleissKappa is { } f ? Fmt.N(f.Kappa) : "—",
                i.IntraclassCorrelation is { } c2 ? Fmt.N(c2.Icc21) : "—",
                i.IntraclassCorrelation is { } c3 ? Fmt.N(c3.Icc31) : "—",
                i.KrippendorffAlphaOrdinal is { } a ? Fmt.N(a.Alpha) : "—",
                i.GwetAc1 is { } g ? Fmt.N(g.Ac1) : "—")));
        foreach (var item in report.Items)
        {
            doc.Heading(item.IsLevel ? $"{item.Item} (summary level)" : item.Item, 3);
            doc.Table(AgreementRows.Headers, AgreementRows.For(item), text: true);
        }

        doc.Paragraph("κ: large-sample SE and Wald interval of Fleiss, Cohen & Everitt (1969), z test with the SE under H0 (SE₀). Fleiss' κ: z test of Fleiss, Nee & Landis (1979). ICC: F tests and F-distribution intervals of McGraw & Wong (1996). α: percentile bootstrap over cases. AC1: Gwet's (2008) linearized SE. Formulas in docs/statistics.md.");
        if (report.Skipped.Count > 0)
        {
            doc.Heading("Figures not computed");
            doc.Table(["figure", "reason"], report.Skipped.Select(s => Row(s.Figure, s.Reason)), text: true);
        }

        return doc;
    }
}
