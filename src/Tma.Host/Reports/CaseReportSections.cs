using System.Text;
using Tma.CaseStore;
using Tma.Models.Definitions;
using Tma.Scoring.Assessments;
using static Tma.Host.CaseReportHtml;

namespace Tma.Host;

/// <summary>The sections of the case report (see <see cref="CaseReportHtml"/>). Every value passes through <see cref="CaseReportHtml.E"/>.</summary>
internal static class CaseReportSections
{
    public static void Header(StringBuilder html, ReportContext r, string generatedBy, DateTimeOffset generatedAt)
    {
        var summary = r.Data.Case.Summary;
        html.Append("<header>\n<p class=\"confidential\">").Append(E(r.T("report.confidential"))).Append("</p>\n");
        html.Append("<h1>").Append(E(r.T("report.title"))).Append("</h1>\n");
        html.Append("<table class=\"facts\">\n<tbody>\n");
        Fact(html, r.T("header.case"), summary.Id.ToString("D"));
        Fact(html, r.T("header.category"), ReportTexts.Named("category", summary.Category.ToString(), r.Language));
        Fact(html, r.T("header.stage"), ProcessLabels.Stage(summary.Status, r.Language));
        Fact(html, r.T("header.owner"), summary.OwnerId);
        if (r.Data.Case.Members.Count > 0)
        {
            Fact(html, r.T("header.team"), string.Join(", ", r.Data.Case.Members.Select(m => $"{m.UserId} ({ReportTexts.Named("member", m.Role.ToString(), r.Language)})")));
        }

        Fact(html, r.T("header.opened"), r.DateTime(summary.CreatedAt));
        Fact(html, r.T("header.nextReview"), NextReview(r));
        Fact(html, r.T("header.generated"), r.F("header.generatedBy", r.DateTime(generatedAt), generatedBy));
        html.Append("</tbody>\n</table>\n");
        html.Append("<p class=\"advisory\"><strong>").Append(E(r.T("report.advisory.label"))).Append(":</strong> ").Append(E(r.T("report.advisory"))).Append("</p>\n");
        html.Append(FallbackSlot).Append("\n</header>\n");
    }

    public static void Summary(StringBuilder html, ReportContext r)
    {
        Section(html, "summary", r.T("section.summary"));
        html.Append("<table class=\"facts\">\n<tbody>\n");
        Fact(html, r.T("summary.stage"), ProcessLabels.Stage(r.Data.Case.Summary.Status, r.Language));
        if (r.Champions.Count > 0)
        {
            var (record, assessment) = r.Champions[^1];
            Fact(html, r.T("summary.level"), $"{LevelOf(r, record, assessment)} – {ModelTitle(r, record)} {record.Assessment.PackageVersion}, {r.Date(record.Assessment.AsOf ?? record.Assessment.AssessedAt)}");
        }
        else
        {
            Fact(html, r.T("summary.level"), r.T("summary.noAssessment"));
        }

        var inEffect = r.Data.Decisions.Where(d => d.IsInEffect).OrderBy(d => d.Review?.ReviewedAt ?? d.DecidedAt).LastOrDefault();
        Fact(html, r.T("summary.decision"), inEffect is null
            ? r.T("summary.noDecision")
            : $"{DecisionLevel(r, inEffect)} – {ReportTexts.Named("agreement", inEffect.Decision.Agreement.ToString(), r.Language)}, {inEffect.DecidedBy}, {r.Date(inEffect.DecidedAt)}");
        var pending = r.Data.Decisions.Where(d => d.Status == DecisionStatus.Pending).ToArray();
        Fact(html, r.T("summary.pending"), pending.Length == 0
            ? r.T("summary.pendingNo")
            : string.Join("; ", pending.Select(d => r.F("summary.pendingYes", d.DecidedBy, r.Date(d.DecidedAt)))));
        var open = r.Data.Tasks.Where(t => t.Status is CaseTaskStatus.Open or CaseTaskStatus.InProgress).ToArray();
        Fact(html, r.T("summary.tasks"), r.F("summary.tasksCount", open.Length, open.Count(t => t.IsOverdue)));
        Fact(html, r.T("summary.review"), NextReview(r));
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    public static void Persons(StringBuilder html, ReportContext r)
    {
        Section(html, "persons", r.T("section.persons"));
        Table(html, [(r.T("persons.role"), 21), (r.T("persons.reference"), 24), (r.T("persons.recorded"), 27), (r.T("persons.status"), 28)]);
        foreach (var person in r.Data.Persons)
        {
            var status = person.IsCaseSubject ? r.T("persons.subject")
                : person.RemovedAt is { } removedAt ? r.F("persons.removedOn", person.RemovedBy, r.Date(removedAt))
                : r.T("persons.current");
            Row(html, ProcessLabels.PersonRoleName(person.Role, r.Language), person.Reference ?? r.T("persons.removed"), r.F("persons.by", r.Date(person.AddedAt), person.AddedBy), status);
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    public static void RiskCurve(StringBuilder html, ReportContext r)
    {
        Section(html, "risk-curve", r.T("section.curve"));
        if (r.Champions.Count == 0)
        {
            html.Append("<p>").Append(E(r.T("curve.empty"))).Append("</p>\n</section>\n");
            return;
        }

        var points = r.Champions.Select(c => c.Record).Select(a => new RiskPoint(
            a.Id, a.Assessment.AssessedAt, a.Assessment.Level, a.Assessment.Score, a.Assessment.PackageId, a.Assessment.PackageVersion, false, a.Assessment.AsOf ?? a.Assessment.AssessedAt)).ToArray();
        var latest = points[^1];
        var model = r.Models.Model(latest.PackageId, latest.PackageVersion, r.Language);

        // Long level labels (a sentence, in some models) would squeeze the plot: wrapped onto short lines.
        model = model is null ? null : model with { Levels = [.. model.Levels.Select(l => l with { Label = Wrap(l.Label, 26) })] };
        var png = RiskCurvePlot.Png(new RiskCurve(r.Data.Case.Id, points), model, width: 780, height: 380);
        html.Append("<img class=\"curve\" alt=\"").Append(E(r.T("curve.image"))).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\">\n");
        Table(html, [(r.T("curve.asOf"), 18), (r.T("curve.level"), 34), (r.T("curve.model"), 28), (r.T("curve.assessed"), 20)]);
        foreach (var (record, assessment) in r.Champions)
        {
            Row(html, r.Date(record.Assessment.AsOf ?? record.Assessment.AssessedAt), LevelOf(r, record, assessment), $"{ModelTitle(r, record)} {record.Assessment.PackageVersion}", $"{r.Date(record.EnteredAt)}, {record.EnteredBy}");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    public static void Assessments(StringBuilder html, ReportContext r)
    {
        Section(html, "assessments", r.T("section.assessments"));
        if (r.Champions.Count == 0)
        {
            html.Append("<p>").Append(E(r.T("assessment.none"))).Append("</p>\n");
        }

        foreach (var (record, assessment) in r.Champions)
        {
            CaseReportAssessment.Render(html, r, record, assessment);
        }

        var challengers = r.Data.Assessments.Where(a => a.Assessment.IsChallenger).ToArray();
        if (challengers.Length > 0)
        {
            html.Append("<p class=\"muted\">").Append(E(r.F("assessment.challengers", string.Join(", ", challengers.Select(c => $"{ModelTitle(r, c)} {c.Assessment.PackageVersion} ({r.Date(c.EnteredAt)})"))))).Append("</p>\n");
        }

        html.Append("</section>\n");
    }

    public static void Decisions(StringBuilder html, ReportContext r)
    {
        Section(html, "decisions", r.T("section.decisions"));
        if (r.Data.Decisions.Count == 0)
        {
            html.Append("<p>").Append(E(r.T("report.none"))).Append("</p>\n</section>\n");
            return;
        }

        Table(html, [(r.T("decision.date"), 15), (r.T("decision.by"), 15), (r.T("decision.level"), 22), (r.T("decision.agreement"), 18), (r.T("decision.status"), 30)], openBody: false);
        foreach (var decision in r.Data.Decisions)
        {
            var status = decision.Status switch
            {
                DecisionStatus.Pending => r.T("decision.pending"),
                DecisionStatus.Confirmed when decision.Review is { } review => r.F("decision.confirmed", review.ReviewedBy, r.Date(review.ReviewedAt))
                    + (string.IsNullOrEmpty(review.Comment) ? "" : "; " + r.F("decision.comment", review.Comment)),
                DecisionStatus.Rejected when decision.Review is { } review => r.F("decision.rejected", review.ReviewedBy, r.Date(review.ReviewedAt), review.Comment),
                _ => r.T("decision.effective"),
            };
            html.Append("<tbody class=\"block\">\n");
            Row(html, r.Date(decision.DecidedAt), decision.DecidedBy, DecisionLevel(r, decision), ReportTexts.Named("agreement", decision.Decision.Agreement.ToString(), r.Language), status);
            html.Append("<tr><td class=\"rationale\" colspan=\"5\"><strong>").Append(E(r.T("decision.rationale"))).Append(":</strong> ").Append(E(decision.Decision.Rationale)).Append("</td></tr>\n</tbody>\n");
        }

        html.Append("</table>\n</section>\n");
    }

    public static void Tasks(StringBuilder html, ReportContext r)
    {
        Section(html, "tasks", r.T("section.tasks"));
        if (r.Data.Tasks.Count == 0)
        {
            html.Append("<p>").Append(E(r.T("report.none"))).Append("</p>\n</section>\n");
            return;
        }

        Table(html, [(r.T("task.title"), 30), (r.T("task.owner"), 14), (r.T("task.due"), 14), (r.T("task.status"), 14), (r.T("task.note"), 28)]);
        foreach (var task in r.Data.Tasks)
        {
            var status = CaseTaskLabels.Of(task.Status, r.Language) + (task.IsOverdue ? " – " + CaseTaskLabels.Overdue(r.Language) : "");
            var note = task.Status == CaseTaskStatus.Cancelled ? r.F("task.cancelled", task.CancellationReason) : task.CompletionNote ?? "";
            Row(html, task.Title, task.OwnerId, r.Date(task.DueAt), status, note);
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    public static void Timeline(StringBuilder html, ReportContext r)
    {
        Section(html, "timeline", r.T("section.timeline"));
        Table(html, [(r.T("timeline.when"), 18), (r.T("timeline.who"), 14), (r.T("timeline.what"), 26), (r.T("timeline.details"), 42)]);
        var caseModels = r.CaseModels;
        foreach (var e in r.Data.Timeline.Events)
        {
            var (title, detail) = TimelineTexts.Describe(e, r.Language, r.Models, caseModels);
            Row(html, r.DateTime(e.At), e.ActorId, title, detail ?? "");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>The level an assessment concluded, as people read it.</summary>
    public static string LevelOf(ReportContext r, AssessmentRecord record, Assessment assessment) =>
        TimelineTexts.Level(r.Models, record.Assessment.PackageId, record.Assessment.PackageVersion, assessment.Level, assessment.Conclusion switch
        {
            Conclusion.LowerBound => "lower_bound",
            Conclusion.Unassessable => "unassessable",
            _ => "level",
        }, r.Language);

    public static string ModelTitle(ReportContext r, AssessmentRecord record) =>
        r.Models.Model(record.Assessment.PackageId, record.Assessment.PackageVersion, r.Language)?.Title ?? record.Assessment.PackageId;

    private static string DecisionLevel(ReportContext r, DecisionRecord decision)
    {
        var basis = decision.Decision.AssessmentId is { } id ? r.Data.Assessments.FirstOrDefault(a => a.Id == id) : null;
        return r.Models.Level(basis?.Assessment.PackageId ?? r.CaseModels.FirstOrDefault(), basis?.Assessment.PackageVersion, decision.Decision.FinalLevel, r.Language);
    }

    /// <summary>Breaks a text into lines of at most about <paramref name="width"/> characters, at spaces.</summary>
    private static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        lines.Add(line.ToString());
        return string.Join("\n", lines);
    }

    private static string NextReview(ReportContext r) => r.Data.Case.Review is { } review
        ? $"{r.Date(review.DueAt)} ({ProcessLabels.ReviewSourceName(review.Source, r.Language)})"
        : r.T("header.noReview");

    public static void Section(StringBuilder html, string id, string heading) =>
        html.Append("<section id=\"").Append(id).Append("\">\n<h2>").Append(E(heading)).Append("</h2>\n");

    public static void Fact(StringBuilder html, string name, string value) =>
        html.Append("<tr><th scope=\"row\">").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");

    /// <summary>Opens a table with its header (repeated on every printed page) and column widths in percent; the caller closes tbody and table.</summary>
    public static void Table(StringBuilder html, IReadOnlyList<(string Heading, int Percent)> columns, bool openBody = true)
    {
        html.Append("<table>\n<colgroup>");
        foreach (var (_, percent) in columns)
        {
            html.Append("<col style=\"width:").Append(percent).Append("%\">");
        }

        html.Append("</colgroup>\n<thead><tr>");
        foreach (var (heading, _) in columns)
        {
            html.Append("<th scope=\"col\">").Append(E(heading)).Append("</th>");
        }

        html.Append("</tr></thead>\n").Append(openBody ? "<tbody>\n" : "");
    }

    public static void Row(StringBuilder html, params string?[] cells)
    {
        html.Append("<tr>");
        foreach (var cell in cells)
        {
            html.Append("<td>").Append(E(cell)).Append("</td>");
        }

        html.Append("</tr>\n");
    }
}
