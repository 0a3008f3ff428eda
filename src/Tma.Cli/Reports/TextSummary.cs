using System.Text;
using Tma.Research.Evaluation;

namespace Tma.Cli.Reports;

/// <summary>The compact summaries <c>tma evaluate</c>, <c>compare</c> and <c>agreement</c> print on stdout.</summary>
internal static class TextSummary
{
    public static string Evaluation(EvaluationReport r)
    {
        var text = new StringBuilder();
        var p = r.Provenance;
        text.AppendLine(EvaluationDocument.Title(r));
        text.AppendLine($"  dataset      {p.Dataset.Fingerprint}, {Fmt.Count(p.Dataset.Rows)} rows" + (p.Dataset.BadRowsSkipped > 0 ? $", {Fmt.Count(p.Dataset.BadRowsSkipped)} bad rows skipped" : ""));
        if (p.Model is { } m)
        {
            text.AppendLine($"  model        {m.Id} {m.Version} {m.ContentHash}, scored by the {p.Source.Engine} path");
        }

        text.AppendLine($"  tool         {p.Tool} {p.ToolVersion}, seed {p.Seed}, {(p.BootstrapResamples == 0 ? "no bootstrap" : $"{Fmt.Count(p.BootstrapResamples)} bootstrap resamples")}");
        text.AppendLine($"base rate      {Fmt.Proportion(r.Sample.BaseRate, 4)} ({Fmt.Count(r.Sample.Events)} of {Fmt.Count(r.Sample.N)})");
        text.AppendLine($"AUC (score)    {Fmt.Auc(r.Score.Auc)}");
        text.AppendLine($"PR-AUC         {Fmt.N(r.Score.PrecisionRecall.AveragePrecision)}{Fmt.Bootstrap(r.Score.PrecisionRecall.Interval, 3)} (chance {Fmt.N(r.Score.PrecisionRecall.ChanceLevel)})");
        if (r.Levels.Auc is { } levelAuc)
        {
            text.AppendLine($"AUC (level)    {Fmt.Auc(levelAuc)}");
        }

        if (r.Score.PartialAuc is { } pauc)
        {
            text.AppendLine($"partial AUC    {DiscriminationSections.PartialAucCell(r)} ({DiscriminationSections.Range(pauc)})");
        }

        if (r.Score.Youden is not null)
        {
            text.AppendLine($"Youden         {DiscriminationSections.YoudenCell(r)}");
        }

        text.AppendLine(r.Calibration.Computed
            ? $"calibration    Brier {Fmt.N(r.Calibration.Brier!.Estimate, 4)}, slope {(r.Calibration.Fit is { } f ? Fmt.N(f.Slope.Estimate) : "—")}, intercept {(r.Calibration.Fit is { } g ? Fmt.N(g.Intercept.Estimate) : "—")}, ECE {Fmt.N(r.Calibration.ExpectedCalibrationError!.Value, 4)}"
            : $"calibration    skipped: {r.Calibration.SkippedReason}");
        InternalValidationSection.Text(text, r);
        var table = r.Levels.Cutoffs ?? r.Score.Cutoffs;
        if (table is not null)
        {
            text.AppendLine($"{"cut-off",-22} {"flagged",10} {"sens",6} {"spec",6} {"PPV",6} {"NPV",6} {"NND",7} {"NSD",7}");
            foreach (var row in table.Rows)
            {
                var c = row.Cutoff;
                text.AppendLine($"{c.Label,-22} {Fmt.Count(c.TruePositives + c.FalsePositives),10} {Fmt.N(c.Sensitivity.Estimate),6} {Fmt.N(c.Specificity.Estimate),6} {Fmt.N(c.PositivePredictiveValue.Estimate),6} {Fmt.N(c.NegativePredictiveValue.Estimate),6} {Fmt.N(c.NumberNeededToDetain, 2),7} {Fmt.N(c.NumberSafelyDischarged, 2),7}");
            }
        }

        if (r.TimeToEvent is { } t)
        {
            text.AppendLine($"time to event  {t.TimeColumn}: {Fmt.Count(t.Events)} events, {Fmt.Count(t.Censored)} censored; Harrell's C {(t.HarrellC is { } h ? Fmt.WithInterval(h.C, h.Lower, h.Upper) : "—")}; "
                + $"at τ = {Fmt.General(t.Horizon)}: Uno's C {(t.UnoC is { } u ? Fmt.N(u) : "—")}, AUC(τ) {(t.TimeDependentAuc is { } a ? Fmt.N(a.Auc) : "—")}"
                + (t.LogRank is { } l ? $"; log-rank χ² {Fmt.N(l.ChiSquare, 2)} (df {l.DegreesOfFreedom}), p {Fmt.PValue(l.PValue)}" : ""));
        }

        foreach (var s in r.Subgroups)
        {
            text.AppendLine(s.LargestTruePositiveRateGap is { } tpr
                ? $"group:{s.Column,-9} largest TPR gap {Fmt.N(tpr.Gap.Difference)} at {tpr.Cutoff} ({tpr.Gap.HigherGroup} vs {tpr.Gap.LowerGroup})"
                  + (s.LargestFalsePositiveRateGap is { } fpr ? $"; largest FPR gap {Fmt.N(fpr.Gap.Difference)} at {fpr.Cutoff}" : "")
                : $"group:{s.Column,-9} no cut-off to compare error rates at");
        }

        foreach (var warning in r.Warnings)
        {
            text.AppendLine($"warning: {warning}");
        }

        if (r.Skipped.Count > 0)
        {
            text.AppendLine($"{r.Skipped.Count} figure(s) not computed; see the report's skipped list.");
        }

        return text.ToString();
    }

    public static string Comparison(ComparisonReport r)
    {
        var text = new StringBuilder();
        text.AppendLine(ComparisonDocument.Title(r));
        text.AppendLine($"  dataset      {r.A.Provenance.Dataset.Fingerprint}, {Fmt.Count(r.A.Sample.N)} rows scored by both, base rate {Fmt.N(r.A.Sample.BaseRate.Estimate, 4)}");
        var d = r.ScoreAuc;
        text.AppendLine($"AUC A          {Fmt.Auc(r.A.Score.Auc)}");
        text.AppendLine($"AUC B          {Fmt.Auc(r.B.Score.Auc)}");
        text.AppendLine($"A − B          {Fmt.WithInterval(d.Difference, d.Lower, d.Upper, 4)}, z {Fmt.N(d.Z, 2)}, p {Fmt.PValue(d.PValue)} (DeLong, paired)");
        if (r.LevelAuc is { } l)
        {
            text.AppendLine($"level A − B    {Fmt.WithInterval(l.Difference, l.Lower, l.Upper, 4)}, z {Fmt.N(l.Z, 2)}, p {Fmt.PValue(l.PValue)}");
        }

        foreach (var (name, e) in new[] { ("A", r.A), ("B", r.B) })
        {
            text.AppendLine(e.Calibration.Computed
                ? $"calibration {name}  Brier {Fmt.N(e.Calibration.Brier!.Estimate, 4)}, slope {(e.Calibration.Fit is { } f ? Fmt.N(f.Slope.Estimate) : "—")}, intercept {(e.Calibration.Fit is { } g ? Fmt.N(g.Intercept.Estimate) : "—")}"
                : $"calibration {name}  skipped: {e.Calibration.SkippedReason}");
        }

        if (r.Reclassification is { } re)
        {
            var idi = re.IntegratedDiscrimination.Improvement;
            var nri = re.ContinuousNri.Improvement;
            text.AppendLine($"IDI B over A   {DiscriminationSections.Improvement(idi, 4)}, p {Fmt.PValue(idi.PValue)}; NRI(>0) {DiscriminationSections.Improvement(nri, 3)}, p {Fmt.PValue(nri.PValue)}"
                + (re.RecalibrationA is not null || re.RecalibrationB is not null ? " (on in-sample logistic recalibrations)" : ""));
        }

        if (r.LevelChanges is { Comparable: true } c)
        {
            text.AppendLine($"levels         {Fmt.Count(c.Up!.Rows)} up, {Fmt.Count(c.Down!.Rows)} down, {Fmt.Count(c.Unchanged!.Rows)} unchanged under B; NRI {Fmt.N(c.NetReclassification!.Total)}");
        }
        else if (r.LevelChanges is { } n)
        {
            text.AppendLine($"levels         {n.NotComparableReason}");
        }

        return text.ToString();
    }

    public static string Agreement(AgreementReport r)
    {
        var text = new StringBuilder();
        text.AppendLine(AgreementDocument.Title(r));
        text.AppendLine($"  {Fmt.Count(r.Provenance.Cases)} cases, {r.Provenance.Raters} raters, {r.Provenance.Fingerprint}");
        text.AppendLine($"{"item",-24} {"cases",7} {"κ",7} {"κ lin",7} {"κ quad",7} {"Fleiss",7} {"ICC2,1",7} {"ICC3,1",7} {"α ord",7} {"AC1",7}");
        foreach (var i in r.Items)
        {
            text.AppendLine($"{(i.IsLevel ? i.Item + " (summary)" : i.Item),-24} {i.CompleteCases,7} {K(i.CohenKappa?.Kappa),7} {K(i.WeightedKappaLinear?.Kappa),7} {K(i.WeightedKappaQuadratic?.Kappa),7} {K(i.FleissKappa?.Kappa),7} {K(i.IntraclassCorrelation?.Icc21),7} {K(i.IntraclassCorrelation?.Icc31),7} {K(i.KrippendorffAlphaOrdinal?.Alpha),7} {K(i.GwetAc1?.Ac1),7}");
        }

        foreach (var i in r.Items)
        {
            text.AppendLine();
            text.AppendLine(i.IsLevel ? $"{i.Item} (summary)" : i.Item);
            foreach (var row in AgreementRows.For(i))
            {
                text.AppendLine($"  {row[0],-48} {row[1],7} {row[2],-20} SE {row[3],-6} {row[4],-28} p {row[5]}");
            }
        }

        if (r.Skipped.Count > 0)
        {
            text.AppendLine($"{r.Skipped.Count} figure(s) not computed; see the report's skipped list.");
        }

        return text.ToString();
    }

    private static string K(double? value) => value is { } v ? Fmt.N(v) : "—";
}
