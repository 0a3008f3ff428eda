using System.Text;
using Tma.Research.Evaluation;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Cli.Reports;

/// <summary>The "Internal validation (optimism bootstrap)" section of the evaluation report and its lines in the text summary.</summary>
internal static class InternalValidationSection
{
    public static string Label(string index) => index switch
    {
        "auc" => "AUC (C)",
        "dxy" => "Somers' Dxy",
        "calibrationIntercept" => "calibration intercept",
        "calibrationSlope" => "calibration slope",
        "brier" => "Brier score",
        _ => index,
    };

    public static void Add(ReportDocument doc, EvaluationReport report, string suffix)
    {
        if (report.InternalValidation is not { } v)
        {
            return;
        }

        doc.Heading("Internal validation (optimism bootstrap)" + suffix);
        doc.Paragraph($"Method: {v.Method}. Recalibrated model fitted on all rows: logit P = {Fmt.N(v.RecalibrationIntercept, 4)} + {Fmt.N(v.RecalibrationSlope, 4)}·{v.Predictor}. {Fmt.Count(v.Resamples)} bootstrap samples, seed {v.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}. Training: each refit measured on its bootstrap sample; test: on all rows; optimism = training − test; corrected = apparent − optimism.");
        if (v.Indices.Count > 0)
        {
            doc.Table(["index", "apparent", "training", "test", "optimism", "corrected", "n"], v.Indices.Select(Row));
        }

        if (v.Notes.Count > 0)
        {
            doc.Bullets(v.Notes);
        }

        if (v.Skipped.Count > 0)
        {
            doc.Table(["index", "not computed because"], v.Skipped.Select(s => (IReadOnlyList<string>)[Label(s.Figure), s.Reason]), text: true);
        }
    }

    public static void Text(StringBuilder text, EvaluationReport report)
    {
        if (report.InternalValidation is not { } v)
        {
            return;
        }

        text.AppendLine($"validation     optimism bootstrap of the recalibration logit P = a + b·{v.Predictor}, {Fmt.Count(v.Resamples)} resamples");
        text.AppendLine($"  {"index",-22} {"apparent",9} {"optimism",9} {"corrected",9}");
        foreach (var i in v.Indices)
        {
            text.AppendLine($"  {Label(i.Name),-22} {Fmt.N(i.Apparent, 4),9} {Fmt.N(i.Optimism, 4),9} {Fmt.N(i.Corrected, 4),9}");
        }

        foreach (var s in v.Skipped)
        {
            text.AppendLine($"  {Label(s.Figure)} not computed: {s.Reason}");
        }
    }

    private static IReadOnlyList<string> Row(OptimismIndex i) =>
        [Label(i.Name), Fmt.N(i.Apparent, 4), Fmt.N(i.Training, 4), Fmt.N(i.Test, 4), Fmt.N(i.Optimism, 4), Fmt.N(i.Corrected, 4), Fmt.Count(i.Resamples)];
}
