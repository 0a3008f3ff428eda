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
            Row("tool", $"{p.Tool} {p.ToolVersion}"),
        ], text: true);
        doc.Heading("Agreement per item");
        doc.Paragraph("κ and the ICC use the cases every rater rated; Krippendorff's α uses every pairable rating. ICC(2,1): two-way random, absolute agreement; ICC(3,1): two-way mixed, consistency.");
        doc.Table(
            ["item", "scale", "cases (complete)", "Cohen κ", "κ linear", "κ quadratic", "Fleiss κ", "ICC(2,1)", "ICC(3,1)", "α ordinal"],
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
                i.KrippendorffAlphaOrdinal is { } a ? Fmt.N(a.Alpha) : "—")));
        if (report.Skipped.Count > 0)
        {
            doc.Heading("Figures not computed");
            doc.Table(["figure", "reason"], report.Skipped.Select(s => Row(s.Figure, s.Reason)), text: true);
        }

        return doc;
    }
}
