using System.Text;
using Tma.CaseStore;
using Tma.Models.Definitions;
using Tma.Scoring.Assessments;
using static Tma.Host.CaseReportHtml;
using static Tma.Host.CaseReportSections;

namespace Tma.Host;

/// <summary>
/// One champion assessment in the case report: model and version, as-of date, level, the explanation (indicators that
/// fired with their reasons and facts; unknown, out-of-date and contested evidence; recommended actions) and the
/// assessor's structured judgement recorded with the decision that refers to it. Model texts come from the exact model
/// version in the report's language; when that version is no longer in service, as stored (and the report says so).
/// </summary>
internal static class CaseReportAssessment
{
    public static void Render(StringBuilder html, ReportContext r, AssessmentRecord record, Assessment assessment)
    {
        var stored = record.Assessment;
        var inService = r.Models.InService(stored.PackageId, stored.PackageVersion);
        var model = inService ? r.Models.Model(stored.PackageId, stored.PackageVersion, r.Language) : null;
        var caseModels = r.CaseModels;
        string Input(string id) => model?.Inputs.FirstOrDefault(i => i.Id == id)?.Label ?? r.Models.Input(id, r.Language, caseModels);

        html.Append("<article class=\"assessment\">\n<h3>")
            .Append(E(r.F("assessment.heading", ModelTitle(r, record), stored.PackageVersion, r.Date(stored.AsOf ?? stored.AssessedAt))))
            .Append("</h3>\n");
        if (!inService)
        {
            html.Append("<p class=\"notice\">").Append(E(r.F("assessment.notInService", stored.PackageId, stored.PackageVersion))).Append("</p>\n");
        }

        html.Append("<table class=\"facts\">\n<tbody>\n");
        Fact(html, r.T("assessment.level"), LevelOf(r, record, assessment));
        Fact(html, r.T("assessment.by"), $"{record.EnteredBy}, {r.DateTime(record.EnteredAt)}");
        html.Append("</tbody>\n</table>\n");

        // Indicators that fired, with why they matter and the facts that made them fire.
        html.Append("<h4>").Append(E(r.T("assessment.indicators"))).Append("</h4>\n");
        if (assessment.Indicators.Count == 0)
        {
            html.Append("<p>").Append(E(r.T("assessment.noIndicators"))).Append("</p>\n");
        }
        else
        {
            Table(html, [(r.T("assessment.indicator"), 26), (r.T("assessment.explanation"), 40), (r.T("assessment.evidence"), 34)]);
            foreach (var fired in assessment.Indicators)
            {
                var definition = model?.Indicators.FirstOrDefault(i => i.Id == fired.Id);
                var facts = string.Join("; ", fired.Evidence.Select(e => Evidence(r, e, caseModels, Input)));
                Row(html, definition?.Label ?? fired.Label, definition?.Reason ?? fired.Reason, facts);
            }

            html.Append("</tbody>\n</table>\n");
        }

        // What the assessment could not rest on.
        List(html, r.T("assessment.keyItems"), assessment.Missing.KeyItems.Select(Input));
        List(html, r.T("assessment.unknown"), assessment.Missing.Omitted.Where(o => !assessment.Missing.KeyItems.Contains(o)).Select(Input));
        List(html, r.T("assessment.stale"), assessment.Missing.Stale.Select(s => r.F("assessment.staleItem", model is null ? s.Label : Input(s.Input), r.Date(s.Report.ObservedAt), ReportTexts.Period(s.ValidFor, r.Language))));
        List(html, r.T("assessment.contested"), assessment.Contradictions.Select(c => r.F(
            "assessment.contestedItem",
            model is null ? c.Label : Input(c.Input),
            string.Join(" ↔ ", c.Reports.Select(report => $"{r.Models.Value(c.Input, report.Value, r.Language, caseModels)} ({r.Date(report.ObservedAt)}{(report.Reliability is { } reliability ? ", " + ReportTexts.Named("reliability", Tma.Models.Cases.SourceReliabilityNames.Of(reliability), r.Language) : "")})")))));

        // Recommended actions, most urgent first.
        if (assessment.Actions.Count > 0)
        {
            html.Append("<h4>").Append(E(r.T("assessment.actions"))).Append("</h4>\n");
            Table(html, [(r.T("assessment.action"), 56), (r.T("assessment.experts"), 28), (r.T("assessment.urgency"), 16)]);
            foreach (var action in assessment.Actions)
            {
                var step = model?.Actions.FirstOrDefault(a => a.Id == action.Id)?.Step ?? EngineStep(r, action, Input) ?? action.Step;
                Row(html, step, string.Join(", ", action.Experts.Select(e => ReportTexts.Named("expert", e, r.Language))), ReportTexts.Named("urgency", action.Urgency, r.Language));
            }

            html.Append("</tbody>\n</table>\n");
        }

        Judgement(html, r, record, model);
        html.Append("</article>\n");
    }

    /// <summary>The assessor's structured judgement of the latest decision that refers to the assessment and records one.</summary>
    private static void Judgement(StringBuilder html, ReportContext r, AssessmentRecord record, ModelDefinition? model)
    {
        html.Append("<div class=\"block\">\n<h4>").Append(E(r.T("assessment.judgement"))).Append("</h4>\n");
        var decision = r.Data.Decisions.LastOrDefault(d => d.Decision.AssessmentId == record.Id && d.Decision.Judgement is { Count: > 0 });
        if (decision?.Decision.Judgement is not { } judgement)
        {
            html.Append("<p class=\"muted\">").Append(E(r.T("assessment.noJudgement"))).Append("</p>\n</div>\n");
            return;
        }

        var fields = model?.Judgement?.Fields ?? [];
        html.Append("<table class=\"facts\">\n<tbody>\n");
        foreach (var (id, value) in judgement.OrderBy(j => IndexOf(fields, j.Key)).ThenBy(j => j.Key, StringComparer.Ordinal))
        {
            var field = fields.FirstOrDefault(f => f.Id == id);
            Fact(html, field?.Label ?? id, field?.Levels.FirstOrDefault(l => l.Id == value)?.Label ?? value);
        }

        html.Append("</tbody>\n</table>\n<p class=\"muted\">").Append(E(r.F("assessment.judgementBy", decision.DecidedBy, r.Date(decision.DecidedAt)))).Append("</p>\n</div>\n");
    }

    /// <summary>A step the engine added itself (gather, resolve, refresh), in the report's language; null for another id.</summary>
    private static string? EngineStep(ReportContext r, RecommendedAction action, Func<string, string> input)
    {
        var key = "step." + action.Id;
        if (!ReportTexts.All.ContainsKey(key))
        {
            return null;
        }

        var inputs = action.Because.Where(b => b.StartsWith("input:", StringComparison.Ordinal)).Select(b => input(b["input:".Length..]));
        return r.F(key, string.Join(", ", inputs));
    }

    private static int IndexOf(IReadOnlyList<JudgementField> fields, string id)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Id == id)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static string Evidence(ReportContext r, EvidenceValue e, IReadOnlyList<string> caseModels, Func<string, string> input)
    {
        var id = e.Input.EndsWith(".relevance", StringComparison.Ordinal) ? e.Input[..^".relevance".Length] : e.Input;
        var text = $"{input(id)}: {r.Models.Value(id, e.Value, r.Language, caseModels)}";
        return e.ObservedAt is { } observed ? $"{text} ({r.Date(observed)})" : text;
    }

    private static void List(StringBuilder html, string heading, IEnumerable<string> items)
    {
        var list = items.ToArray();
        if (list.Length == 0)
        {
            return;
        }

        html.Append("<div class=\"block\">\n<h4>").Append(E(heading)).Append("</h4>\n<ul>\n");
        foreach (var item in list)
        {
            html.Append("<li>").Append(E(item)).Append("</li>\n");
        }

        html.Append("</ul>\n</div>\n");
    }
}
