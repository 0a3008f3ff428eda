using System.Text.Json;
using System.Text.Json.Nodes;
using Tma.Research.Evaluation;

namespace Tma.Cli.Reports;

/// <summary>One line of the reporting checklist.</summary>
/// <param name="Item">What a validation report should state.</param>
/// <param name="Done">True when this report carries it.</param>
/// <param name="Where">Where in this report it is, or what is missing and why.</param>
internal sealed record TripodItem(string Item, bool Done, string Where);

/// <summary>
/// A TRIPOD-style checklist at the end of the evaluation report: for the items a validation study of a prediction
/// model reports (TRIPOD: Collins, Reitsma, Altman &amp; Moons 2015, Ann Intern Med 162:55–63; TRIPOD+AI: Collins et al.
/// 2024, BMJ 385:e078378), whether this report carries the figure and where. It tells a researcher what is left to
/// write or compute; it does not claim TRIPOD compliance, which depends on the paper around the figures.
/// </summary>
/// <remarks>
/// Items that other report sections may add later (internal validation by the optimism bootstrap, decision curves) are
/// found by name in report.json: a non-null property <c>internalValidation</c> or <c>optimism</c>, or
/// <c>decisionCurve</c>, anywhere in the document marks the item done, so adding such a field needs no change here.
/// </remarks>
internal static class TripodChecklist
{
    /// <summary>report.json property names that mark internal validation as done.</summary>
    public static readonly string[] InternalValidationFields = ["internalValidation", "optimism"];

    /// <summary>report.json property names that mark the decision curve as done.</summary>
    public static readonly string[] DecisionCurveFields = ["decisionCurve"];

    /// <summary>The checklist of <paramref name="report"/>; <paramref name="json"/> is its report.json (serialized when null).</summary>
    public static IReadOnlyList<TripodItem> Items(EvaluationReport report, JsonNode? json = null)
    {
        json ??= JsonSerializer.SerializeToNode(report, ReportJson.Options);
        var p = report.Provenance;
        var items = new List<TripodItem>
        {
            new("Source of data", true, $"Provenance: dataset {p.Dataset.File}, fingerprint {p.Dataset.Fingerprint}"),
            new("Outcome definition", true, $"Provenance: outcome column `{p.Dataset.OutcomeColumn}` (its clinical definition belongs in the paper)"),
            p.Model is { } model
                ? new("Predictors", true, $"Provenance: the inputs of model {model.Id} {model.Version} (listed in its model.yaml)")
                : new("Predictors", false, $"the score is the dataset column `{p.Source.Name}`; the predictors behind it are not known to this report"),
            new("Sample size and number of events", true, $"Summary: {Fmt.Count(report.Sample.N)} rows, {Fmt.Count(report.Sample.Events)} with the outcome"),
            new("Missing data handling", true, $"Provenance: {Fmt.Count(p.Dataset.BadRowsSkipped)} bad rows skipped; Summary: {Fmt.Count(report.Sample.InsufficientRows)} rows with insufficient information (level a lower bound)"),
            p.Model is { } m
                ? new("Model specification", true, $"Provenance: model {m.Id} {m.Version}, content hash {m.ContentHash}")
                : new("Model specification", false, "the score comes from a dataset column; no model id, version or hash identifies it"),
            new("Discrimination with confidence interval", true,
                "Summary and Discrimination: AUC with DeLong interval" + (report.Score.RocBand is not null ? "; Plots: ROC curve with pointwise confidence band" : "; Plots: ROC curve")),
            report.Calibration.Fit is not null
                ? new("Calibration (plot, slope and intercept)", true, "Plots: calibration; Calibration: slope and intercept with intervals")
                : new("Calibration (plot, slope and intercept)", false, "not computed: " + (report.Calibration.SkippedReason ?? "the recalibration fit failed")),
            HasAny(json, InternalValidationFields)
                ? new("Internal validation (optimism-corrected performance)", true, "report.json: internal validation")
                : new("Internal validation (optimism-corrected performance)", false, "not in this report: `tma evaluate --validate-bootstrap B` validates a points model's recalibration, `tma train --validate-bootstrap B` a trained classifier"),
            HasAny(json, DecisionCurveFields)
                ? new("Decision curve (net benefit)", true, "report.json: decision curve")
                : new("Decision curve (net benefit)", false, "not in this report"),
            report.Subgroups.Count > 0
                ? new("Performance in subgroups", true, "Subgroups by " + string.Join(", ", report.Subgroups.Select(s => s.Column)))
                : new("Performance in subgroups", false, "no `group:` column in the dataset"),
            new("Limitations", false, "to be written by the authors; see the Warnings and Figures not computed sections"),
        };
        return items;
    }

    /// <summary>Appends the checklist section to <paramref name="doc"/>.</summary>
    public static void Append(ReportDocument doc, EvaluationReport report)
    {
        doc.Heading("Reporting checklist (TRIPOD)");
        doc.Paragraph("Items a validation study of a prediction model reports (TRIPOD, Collins et al. 2015, Ann Intern Med 162:55; "
            + "TRIPOD+AI, Collins et al. 2024, BMJ 385:e078378), and whether this report carries them. A guide to what is left, not a claim of compliance.");
        doc.Table(["item", "status", "where in this report"], Items(report).Select(i => (IReadOnlyList<string>)[i.Item, i.Done ? "done" : "missing", i.Where]), text: true);
    }

    private static bool HasAny(JsonNode? node, string[] names)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (value is not null && names.Contains(name, StringComparer.Ordinal))
                    {
                        return true;
                    }

                    if (HasAny(value, names))
                    {
                        return true;
                    }
                }

                return false;
            case JsonArray array:
                return array.Any(item => HasAny(item, names));
            default:
                return false;
        }
    }
}
