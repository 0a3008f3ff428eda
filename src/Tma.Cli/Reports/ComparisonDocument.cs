using Tma.Research.Evaluation;
using Tma.Research.Evaluation.Statistics;
using static Tma.Cli.Reports.EvaluationDocument;

namespace Tma.Cli.Reports;

/// <summary>Lays out a <see cref="ComparisonReport"/> as a <see cref="ReportDocument"/>.</summary>
internal static class ComparisonDocument
{
    public static string Name(EvaluationReport report) => report.Provenance.Model is { } m ? $"{m.Id} {m.Version}" : report.Provenance.Source.Name;

    public static string Title(ComparisonReport report) =>
        $"Comparison of {Name(report.A)} (A) and {Name(report.B)} (B) on {report.A.Provenance.Dataset.File}";

    public static ReportDocument Build(ComparisonReport report, bool withPlots)
    {
        var doc = new ReportDocument(Title(report));
        doc.Note(Advisory);
        var named = new List<(string, EvaluationReport)> { ("A: " + Name(report.A), report.A), ("B: " + Name(report.B), report.B) };
        Provenance(doc, report.A, " of A");
        Provenance(doc, report.B, " of B");
        doc.Heading("DeLong test of the AUC difference (A − B, paired, same rows)");
        doc.Table(["figure", "score", "level"], [
            Row("AUC A", Fmt.N(report.ScoreAuc.AucA), report.LevelAuc is { } l1 ? Fmt.N(l1.AucA) : "—"),
            Row("AUC B", Fmt.N(report.ScoreAuc.AucB), report.LevelAuc is { } l2 ? Fmt.N(l2.AucB) : "—"),
            Row("difference A − B [CI]", Diff(report.ScoreAuc), report.LevelAuc is { } l3 ? Diff(l3) : "—"),
            Row("SE of the difference", Fmt.N(report.ScoreAuc.StandardError, 4), report.LevelAuc is { } l4 ? Fmt.N(l4.StandardError, 4) : "—"),
            Row("z", Fmt.N(report.ScoreAuc.Z, 2), report.LevelAuc is { } l5 ? Fmt.N(l5.Z, 2) : "—"),
            Row("two-sided p", Fmt.PValue(report.ScoreAuc.PValue), report.LevelAuc is { } l6 ? Fmt.PValue(l6.PValue) : "—"),
            Row("correlation of the AUC estimates", Fmt.N(report.ScoreAuc.Correlation), report.LevelAuc is { } l7 ? Fmt.N(l7.Correlation) : "—"),
        ]);
        Summary(doc, named);
        if (withPlots)
        {
            Plots(doc, named);
        }

        DiscriminationSections.Reclassification(doc, report);
        LevelChanges(doc, report.LevelChanges);
        if (report.Skipped.Count > 0)
        {
            doc.Heading("Comparison figures not computed");
            doc.Table(["figure", "reason"], report.Skipped.Select(s => Row(s.Figure, s.Reason)), text: true);
        }

        Details(doc, report.A, " — A");
        Details(doc, report.B, " — B");
        return doc;
    }

    private static string Diff(DeLongTestResult d) => Fmt.WithInterval(d.Difference, d.Lower, d.Upper, 4);

    private static void LevelChanges(ReportDocument doc, LevelChanges? changes)
    {
        if (changes is null)
        {
            return;
        }

        doc.Heading("Level changes from A to B");
        doc.Paragraph("Rows: level under A; columns: level under B; cells: rows (of which with the outcome).");
        doc.Table(
            ["A \\ B", .. changes.LevelsB],
            changes.LevelsA.Select((level, i) => (IReadOnlyList<string>)[level, .. changes.Counts[i].Select((n, j) => $"{Fmt.Count(n)} ({Fmt.Count(changes.EventCounts[i][j])})")]));
        if (!changes.Comparable)
        {
            doc.Paragraph(changes.NotComparableReason!);
            return;
        }

        doc.Table(["movement", "rows", "with outcome", "without"], [
            Row("up under B", Fmt.Count(changes.Up!.Rows), Fmt.Count(changes.Up.WithOutcome), Fmt.Count(changes.Up.WithoutOutcome)),
            Row("down under B", Fmt.Count(changes.Down!.Rows), Fmt.Count(changes.Down.WithOutcome), Fmt.Count(changes.Down.WithoutOutcome)),
            Row("unchanged", Fmt.Count(changes.Unchanged!.Rows), Fmt.Count(changes.Unchanged.WithOutcome), Fmt.Count(changes.Unchanged.WithoutOutcome)),
        ]);
        var nri = changes.NetReclassification!;
        doc.Paragraph($"Net reclassification improvement of B over A: {Fmt.N(nri.Total)} (events {Fmt.N(nri.Events)}, non-events {Fmt.N(nri.NonEvents)})."
            + (nri.Interval is { } ci ? $" {Fmt.Interval(ci.Lower, ci.Upper)}, z {Fmt.N(ci.Z, 2)}, p {Fmt.PValue(ci.PValue)} (Pencina et al. 2008 SE)." : ""));
    }
}
