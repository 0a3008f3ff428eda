using Tma.Research.Evaluation;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Cli.Reports;

/// <summary>Lays out an <see cref="EvaluationReport"/> (and its plots) as a <see cref="ReportDocument"/>.</summary>
internal static class EvaluationDocument
{
    public const string Advisory =
        "These figures describe how a score relates to outcomes in this dataset. They do not decide about any person: a professional does, and records why.";

    public static string Title(EvaluationReport report) => report.Provenance.Model is { } model
        ? $"Evaluation of {model.Id} {model.Version} on {report.Provenance.Dataset.File}"
        : $"Evaluation of score column {report.Provenance.Source.Name} on {report.Provenance.Dataset.File}";

    public static ReportDocument Build(EvaluationReport report, bool withPlots)
    {
        var doc = new ReportDocument(Title(report));
        doc.Note(Advisory);
        Provenance(doc, report);
        Summary(doc, [("", report)]);
        if (withPlots)
        {
            Plots(doc, [(report.Provenance.Source.Name, report)]);
        }

        Details(doc, report, "", withPlots);
        TripodChecklist.Append(doc, report);
        return doc;
    }

    public static void Provenance(ReportDocument doc, EvaluationReport report, string suffix = "")
    {
        var p = report.Provenance;
        doc.Heading("Provenance" + suffix);
        var rows = new List<IReadOnlyList<string>>
        {
            Row("dataset", p.Dataset.File),
            Row("dataset fingerprint", p.Dataset.Fingerprint),
            Row("rows evaluated", Fmt.Count(p.Dataset.Rows)),
            Row("bad rows skipped", Fmt.Count(p.Dataset.BadRowsSkipped)),
            Row("outcome column", p.Dataset.OutcomeColumn),
            Row("group columns", p.Dataset.GroupColumns.Count == 0 ? "none" : string.Join(", ", p.Dataset.GroupColumns)),
        };
        if (p.Model is { } model)
        {
            rows.Add(Row("model", $"{model.Id} {model.Version} ({model.Kind})"));
            rows.Add(Row("model title", model.Title));
            rows.Add(Row("model content hash", model.ContentHash));
        }

        rows.Add(Row("score", p.Source.Kind == "model" ? $"model score, scored by the {p.Source.Engine} engine path" : $"column {p.Source.Name}"));
        rows.Add(Row("tool", $"{p.Tool} {p.ToolVersion} (engine {p.EngineVersion})"));
        rows.Add(Row("seed", p.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        rows.Add(Row("bootstrap resamples", p.BootstrapResamples == 0 ? "off" : Fmt.Count(p.BootstrapResamples)));
        rows.Add(Row("confidence level", Fmt.N(p.ConfidenceLevel, 2)));
        doc.Table(["item", "value"], rows, text: true);
    }

    public static void Summary(ReportDocument doc, IReadOnlyList<(string Name, EvaluationReport Report)> reports)
    {
        doc.Heading("Summary");
        var first = reports[0].Report;
        doc.Paragraph($"{Fmt.Count(first.Sample.N)} rows, {Fmt.Count(first.Sample.Events)} with the outcome: base rate {Fmt.Proportion(first.Sample.BaseRate)}. "
            + "PPV, NPV, NND and NSD below hold at this base rate only.");
        var headers = new List<string> { "figure" };
        headers.AddRange(reports.Select(r => r.Name.Length == 0 ? "value" : r.Name));
        var rows = new List<IReadOnlyList<string>>
        {
            Cells("AUC of the score [95% CI] (DeLong SE)", reports, r => Fmt.Auc(r.Score.Auc)),
            Cells("average precision (PR-AUC) [CI]; chance = base rate", reports, r => Fmt.N(r.Score.PrecisionRecall.AveragePrecision) + Fmt.Bootstrap(r.Score.PrecisionRecall.Interval, 3)
                + $"; chance {Fmt.N(r.Score.PrecisionRecall.ChanceLevel)}"),
            Cells("AUC of the level", reports, r => r.Levels.Auc is { } a ? Fmt.Auc(a) : "—"),
            Cells("Brier score [CI] (reference π(1−π))", reports, r => r.Calibration.Brier is { } b ? $"{Fmt.WithInterval(b.Estimate, b.Lower, b.Upper, 4)} (ref {Fmt.N(b.Reference, 4)})" : "not computed"),
            Cells("calibration slope [CI]", reports, r => r.Calibration.Fit is { } f ? Fmt.WithInterval(f.Slope.Estimate, f.Slope.Lower, f.Slope.Upper) : "not computed"),
            Cells("calibration intercept [CI]", reports, r => r.Calibration.Fit is { } f ? Fmt.WithInterval(f.Intercept.Estimate, f.Intercept.Lower, f.Intercept.Upper) : "not computed"),
            Cells("calibration-in-the-large [CI]", reports, r => r.Calibration.Fit is { } f ? Fmt.WithInterval(f.CalibrationInTheLarge.Estimate, f.CalibrationInTheLarge.Lower, f.CalibrationInTheLarge.Upper) : "not computed"),
            Cells("expected calibration error", reports, r => r.Calibration.ExpectedCalibrationError is { } e ? Fmt.N(e.Value, 4) : "not computed"),
            Cells("ICI (mean |p − smooth p|), E90, Emax", reports, r => r.Calibration.Smooth is { } sm ? $"{Fmt.N(sm.Ici, 4)}, {Fmt.N(sm.E90, 4)}, {Fmt.N(sm.Emax, 4)}" : "not computed"),
            Cells("Spiegelhalter z, p", reports, r => r.Calibration.Spiegelhalter is { } sz ? $"{Fmt.N(sz.Z, 2)}, p {Fmt.PValue(sz.PValue)}" : "not computed"),
            Cells("Hosmer-Lemeshow χ² (df), p", reports, r => r.Calibration.HosmerLemeshow is { } h ? $"{Fmt.N(h.ChiSquare, 2)} ({h.DegreesOfFreedom}), p {Fmt.PValue(h.PValue)}" : "not computed"),
            Cells("rows with insufficient information", reports, r => Fmt.Count(r.Sample.InsufficientRows)),
        };
        rows.InsertRange(2, DiscriminationSections.SummaryRows(reports));
        doc.Table(headers, rows, text: true);
    }

    public static void Plots(ReportDocument doc, IReadOnlyList<(string Name, EvaluationReport Report)> reports)
    {
        doc.Heading("Plots");
        doc.Image(RocCaption(reports), CurvePlots.Roc(reports), "roc");
        doc.Image("Precision-recall curve of the score (step-wise, as the average precision reads it), with the base rate a score without information achieves and the operating points of the levels", CurvePlots.PrecisionRecall(reports), "precision-recall");
        var indexed = reports.Select((r, i) => (r.Name, r.Report, Color: i)).ToList();
        var probabilities = indexed.Where(r => r.Report.Calibration.ExpectedCalibrationError is not null).ToList();
        var others = indexed.Where(r => r.Report.Calibration.ExpectedCalibrationError is null).ToList();
        if (probabilities.Count > 0)
        {
            doc.Image("Calibration: lowess curve (rms::val.prob) with its pointwise bootstrap band, observed rate per bin, and the histogram of the predictions", CalibrationPlots.Calibration(probabilities), "calibration");
        }

        if (others.Count > 0)
        {
            doc.Image("Observed outcome rate by score, marker area proportional to rows, with 95% Wilson intervals (the score is not a probability, so there is no calibration plot)", OutcomeRatePlot.ObservedByScore(others), "outcome-rate-by-score");
        }

        var decisionCurves = indexed.Where(r => r.Report.DecisionCurve is not null).ToList();
        if (decisionCurves.Count > 0)
        {
            var inSample = decisionCurves.Any(r => r.Report.DecisionCurve!.Recalibration is not null)
                ? "; a points score is drawn through a logistic recalibration fitted on these rows (in-sample, optimistic)"
                : "";
            doc.Image("Decision curve: net benefit against threshold probability, with treat all and treat none" + inSample, DecisionCurvePlots.Plot(decisionCurves), "decision-curve");
        }

        // Side by side plots share their axes, so equal heights mean equal values.
        var distributionAxes = reports.Count > 1 ? SharedAxes.Distribution(reports.Select(r => r.Report)) : (AxisLimits?)null;
        foreach (var (name, report) in reports)
        {
            doc.Image($"Distribution of {name} among rows with and without the outcome", ReportPlots.Distribution(name, report, distributionAxes), "distribution" + SeriesSuffix(reports, report));
        }

        var withLevels = reports.Where(r => r.Report.Levels.Computed).ToList();
        var levelTop = SharedAxes.LevelRateTop(withLevels.Select(r => r.Report));
        foreach (var (name, report) in withLevels)
        {
            doc.Image($"Observed outcome rate per level of {name} (95% Wilson intervals), rows per level in brackets", ReportPlots.Levels(report, levelTop), "levels" + SeriesSuffix(reports, report));
        }
    }

    /// <summary>"" for one report, "-a" / "-b" for the compared ones: figure file names that stay when model versions change.</summary>
    private static string SeriesSuffix(IReadOnlyList<(string Name, EvaluationReport Report)> reports, EvaluationReport report)
    {
        if (reports.Count < 2)
        {
            return "";
        }

        var index = 0;
        while (index < reports.Count && !ReferenceEquals(reports[index].Report, report))
        {
            index++;
        }

        return "-" + (char)('a' + index);
    }

    private static string RocCaption(IReadOnlyList<(string Name, EvaluationReport Report)> reports) =>
        reports.Any(r => r.Report.Score.RocBand is not null)
            ? "ROC curve of the score with its pointwise confidence band (stratified percentile bootstrap of the sensitivity at specificities 0, 0.02, …, 1, as pROC's ci.se) and the operating points of the levels"
            : "ROC curve of the score with the operating points of the levels (no confidence band: the bootstrap is off)";

    public static void Details(ReportDocument doc, EvaluationReport report, string suffix, bool withPlots = false)
    {
        var score = report.Score;
        doc.Heading("Discrimination of the score" + suffix);
        doc.Paragraph($"AUC {Fmt.Auc(score.Auc)} from {Fmt.Count(score.Auc.Positives)} rows with and {Fmt.Count(score.Auc.Negatives)} without the outcome "
            + $"(Mann-Whitney, ties counted half; DeLong standard error, Wald interval). Score range {Fmt.Score(score.Minimum)} to {Fmt.Score(score.Maximum)}; "
            + $"mean {Fmt.N(score.MeanWithOutcome)} with the outcome, {Fmt.N(score.MeanWithoutOutcome)} without. "
            + $"The ROC curve has {Fmt.Count(score.RocPointsTotal)} points ({score.Roc.Count} kept in report.json).");
        DiscriminationSections.PartialAucAndYouden(doc, report);
        if (score.Distribution.Bins.Count <= 60)
        {
            var binLabels = Fmt.BinLabels(score.Distribution);
            doc.Table(
                [score.Distribution.Binning == "distinct" ? "score" : "score bin", "rows with outcome", "rows without", "observed rate"],
                score.Distribution.Bins.Select((b, k) => Row(
                    binLabels[k],
                    Fmt.Count(b.WithOutcome),
                    Fmt.Count(b.WithoutOutcome),
                    b.WithOutcome + b.WithoutOutcome == 0 ? "—" : Fmt.N((double)b.WithOutcome / (b.WithOutcome + b.WithoutOutcome)))));
        }

        if (report.Levels.Computed)
        {
            doc.Heading("Levels (the categorical output users see)" + suffix);
            doc.Table(
                ["level", "label", "rows", "with outcome", "observed rate [CI]"],
                report.Levels.Distribution.Select(l => Row(l.Level, l.Label, Fmt.Count(l.N), Fmt.Count(l.Events), Fmt.Proportion(l.ObservedRate))));
            doc.Paragraph($"Cut-off at each level: a row is flagged when its level is that level or higher. Base rate {Fmt.Proportion(report.Sample.BaseRate)}.");
            CutoffTable(doc, report.Levels.Cutoffs!);
            DiscriminationSections.Ratios(doc, report.Levels.Cutoffs!);
        }
        else
        {
            doc.Heading("Levels" + suffix);
            doc.Paragraph("Not computed: " + report.Levels.SkippedReason);
        }

        if (score.Cutoffs is { } cutoffs)
        {
            doc.Heading("Score cut-offs" + suffix);
            doc.Paragraph($"A row is flagged when its score is at or above the cut-off. Base rate {Fmt.Proportion(cutoffs.BaseRate)}.");
            CutoffTable(doc, cutoffs);
            DiscriminationSections.Ratios(doc, cutoffs);
        }

        Calibration(doc, report, suffix);
        InternalValidationSection.Add(doc, report, suffix);
        DecisionCurveSection.Add(doc, report, suffix);
        Subgroups(doc, report, suffix);
        TimeToEventDocument.Details(doc, report, suffix, withPlots);
        if (report.Warnings.Count > 0)
        {
            doc.Heading("Warnings" + suffix);
            doc.Bullets(report.Warnings);
        }

        if (report.Skipped.Count > 0)
        {
            doc.Heading("Figures not computed" + suffix);
            doc.Table(["figure", "reason"], report.Skipped.Select(s => Row(s.Figure, s.Reason)), text: true);
        }
    }

    private static void CutoffTable(ReportDocument doc, CutoffEvaluation table) =>
        doc.Table(
            ["cut-off", "flagged", "sensitivity [CI]", "specificity [CI]", "PPV [CI]", "NPV [CI]", "NND [CI]", "NSD [CI]"],
            table.Rows.Select(r => Row(
                r.Cutoff.Label,
                Fmt.Count(r.Cutoff.TruePositives + r.Cutoff.FalsePositives),
                Fmt.Proportion(r.Cutoff.Sensitivity),
                Fmt.Proportion(r.Cutoff.Specificity),
                Fmt.Proportion(r.Cutoff.PositivePredictiveValue),
                Fmt.Proportion(r.Cutoff.NegativePredictiveValue),
                Fmt.N(r.Cutoff.NumberNeededToDetain, 2) + Fmt.Bootstrap(r.NumberNeededToDetainInterval),
                Fmt.N(r.Cutoff.NumberSafelyDischarged, 2) + Fmt.Bootstrap(r.NumberSafelyDischargedInterval))));

    private static void Calibration(ReportDocument doc, EvaluationReport report, string suffix)
    {
        var c = report.Calibration;
        doc.Heading("Calibration" + suffix);
        if (!c.Computed)
        {
            doc.Paragraph("Not computed: " + c.SkippedReason + ".");
            return;
        }

        var rows = new List<IReadOnlyList<string>>();
        if (c.Brier is { } b)
        {
            rows.Add(Row("Brier score [CI]", Fmt.WithInterval(b.Estimate, b.Lower, b.Upper, 4)));
            rows.Add(Row("Brier reference π(1−π) and skill", $"{Fmt.N(b.Reference, 4)}, skill {Fmt.N(b.Skill)}"));
        }

        if (c.Fit is { } f)
        {
            rows.Add(Row("calibration intercept a [CI]", Fmt.WithInterval(f.Intercept.Estimate, f.Intercept.Lower, f.Intercept.Upper)));
            rows.Add(Row("calibration slope b [CI]", Fmt.WithInterval(f.Slope.Estimate, f.Slope.Lower, f.Slope.Upper)));
            rows.Add(Row("calibration-in-the-large [CI]", Fmt.WithInterval(f.CalibrationInTheLarge.Estimate, f.CalibrationInTheLarge.Lower, f.CalibrationInTheLarge.Upper)));
        }

        if (c.ExpectedCalibrationError is { } e)
        {
            rows.Add(Row("expected calibration error", $"{Fmt.N(e.Value, 4)} ({e.Bins.Count} equal-width bins)"));
        }

        if (c.HosmerLemeshow is { } h)
        {
            rows.Add(Row("Hosmer-Lemeshow", $"χ² {Fmt.N(h.ChiSquare, 2)}, df {h.DegreesOfFreedom}, p {Fmt.PValue(h.PValue)}"));
        }

        if (c.Smooth is { } smooth)
        {
            rows.Add(Row("smooth calibration (lowess, f = 2/3): ICI / E50 / E90 / Emax",
                $"{Fmt.N(smooth.Ici, 4)} / {Fmt.N(smooth.E50, 4)} / {Fmt.N(smooth.E90, 4)} / {Fmt.N(smooth.Emax, 4)}"));
            rows.Add(Row("band of the smooth curve", smooth.BandResamples == 0
                ? "none (bootstrap off)"
                : $"pointwise percentile bootstrap, {Fmt.Count(smooth.BandResamples)} resamples over {Fmt.Count(smooth.BandGroups)} groups of predictions"));
        }

        if (c.Spiegelhalter is { } z)
        {
            rows.Add(Row("Spiegelhalter z-test", $"z {Fmt.N(z.Z, 2)}, p {Fmt.PValue(z.PValue)}"));
        }

        doc.Table(["figure", "value"], rows, text: true);
        if (c.ObservedExpected is { } bands)
        {
            doc.Paragraph($"Observed against expected events per {(c.ObservedExpectedBands == "levels" ? "level" : "score band")}:");
            doc.Table(
                ["band", "rows", "observed", "expected", "O/E", "observed rate [CI]", "mean predicted"],
                bands.Select(x => Row(x.Band, Fmt.Count(x.N), Fmt.Count(x.ObservedEvents), Fmt.N(x.ExpectedEvents, 1), Fmt.N(x.ObservedToExpected, 2), Fmt.Proportion(x.ObservedRate), Fmt.N(x.MeanPredicted))));
        }
    }

    private static void Subgroups(ReportDocument doc, EvaluationReport report, string suffix)
    {
        foreach (var column in report.Subgroups)
        {
            doc.Heading($"Subgroups by {column.Column}{suffix}");
            var gaps = new List<string>();
            if (column.LargestTruePositiveRateGap is { } tpr)
            {
                gaps.Add($"Largest true-positive-rate gap: {Fmt.N(tpr.Gap.Difference)}{DiscriminationSections.GapInterval(tpr.Gap)} at {tpr.Cutoff} ({tpr.Gap.HigherGroup} {Fmt.N(tpr.Gap.HigherRate)} vs {tpr.Gap.LowerGroup} {Fmt.N(tpr.Gap.LowerRate)}).");
            }

            if (column.LargestFalsePositiveRateGap is { } fpr)
            {
                gaps.Add($"Largest false-positive-rate gap: {Fmt.N(fpr.Gap.Difference)}{DiscriminationSections.GapInterval(fpr.Gap)} at {fpr.Cutoff} ({fpr.Gap.HigherGroup} {Fmt.N(fpr.Gap.HigherRate)} vs {fpr.Gap.LowerGroup} {Fmt.N(fpr.Gap.LowerRate)}).");
            }

            if (DiscriminationSections.AucGap(column) is { } aucGap)
            {
                gaps.Add(aucGap);
            }

            if (gaps.Count > 0)
            {
                doc.Bullets(gaps);
                doc.Paragraph("Rate gaps carry Newcombe's (1998) hybrid score interval, the AUC gap a Wald interval; each is for the two named groups and does not allow for their having been picked as the most different.");
            }

            doc.Table(
                ["group", "rows", "with outcome", "base rate", "AUC [CI]"],
                column.Auc.Select(a => Row(a.Group, Fmt.Count(a.N), Fmt.Count(a.Events), Fmt.N(a.N == 0 ? double.NaN : (double)a.Events / a.N), a.Auc is { } auc ? Fmt.WithInterval(auc.Auc, auc.Lower, auc.Upper) : "—")));
            foreach (var cutoff in column.Cutoffs)
            {
                doc.Paragraph($"At {cutoff.CutoffLabel}: TPR gap {(cutoff.TruePositiveRateGap is { } t ? Fmt.N(t.Difference) + DiscriminationSections.GapInterval(t) : "—")}, FPR gap {(cutoff.FalsePositiveRateGap is { } f ? Fmt.N(f.Difference) + DiscriminationSections.GapInterval(f) : "—")}.");
                doc.Table(
                    ["group", "flagged", "TPR (sensitivity) [CI]", "FPR", "PPV [CI]", "NPV [CI]", "NND", "NSD"],
                    cutoff.Groups.Select(g => Row(
                        g.Group,
                        Fmt.Count(g.Row.TruePositives + g.Row.FalsePositives),
                        Fmt.Proportion(g.Row.Sensitivity),
                        Fmt.N(1.0 - g.Row.Specificity.Estimate),
                        Fmt.Proportion(g.Row.PositivePredictiveValue),
                        Fmt.Proportion(g.Row.NegativePredictiveValue),
                        Fmt.N(g.Row.NumberNeededToDetain, 2),
                        Fmt.N(g.Row.NumberSafelyDischarged, 2))));
            }
        }
    }

    private static string[] Cells(string label, IReadOnlyList<(string Name, EvaluationReport Report)> reports, Func<EvaluationReport, string> cell) =>
        [label, .. reports.Select(r => cell(r.Report))];

    internal static string[] Row(params string[] cells) => cells;
}
