using System.Globalization;
using Tma.CaseStore;

namespace Tma.Host;

/// <summary>
/// The title and detail of a timeline event for people, in one language, made from the event's kind and facts
/// (<see cref="TimelineEventKind"/>); model texts (levels, inputs, values) from the model in that language.
/// </summary>
internal static class TimelineTexts
{
    /// <summary>The event's title and detail (null when it has none) in <paramref name="language"/>.</summary>
    /// <param name="e">The event.</param>
    /// <param name="language"><c>en</c> or <c>de</c>.</param>
    /// <param name="models">The model texts of this request.</param>
    /// <param name="caseModels">The ids of the models that assessed the case (their inputs are looked up first).</param>
    public static (string Title, string? Detail) Describe(TimelineEvent e, string language, ModelLabels models, IReadOnlyList<string> caseModels)
    {
        ArgumentNullException.ThrowIfNull(e);
        string? Fact(string name) => e.Facts.TryGetValue(name, out var value) ? value : null;
        string T(string key) => ReportTexts.T(key, language);
        string F(string key, params object?[] args) => ReportTexts.F(key, language, args);
        string Date(string? iso) => iso is not null && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? ReportTexts.Date(at, language)
            : iso ?? "";

        switch (e.Kind)
        {
            case TimelineEventKind.Opened:
                return (T("event.opened"), F("event.opened.detail", ReportTexts.Named("category", Fact("category") ?? "", language)));
            case TimelineEventKind.Status:
                return (T("event.status"), F("event.status.detail", Stage(Fact("from"), language), Stage(Fact("to"), language)));
            case TimelineEventKind.Owner:
                return (T("event.owner"), Fact("owner") is { } owner ? F("event.owner.detail", owner) : null);
            case TimelineEventKind.Member:
            {
                var role = Fact("role") is { } r ? ReportTexts.Named("member", r, language) : null;
                var who = Fact("userId") is { } user ? role is null ? user : $"{user} ({role})" : role;
                return (T(Fact("change") == "removed" ? "event.member.removed" : "event.member.added"), who);
            }

            case TimelineEventKind.Person:
            {
                var role = Enum.TryParse<PersonRole>(Fact("role"), out var personRole) ? ProcessLabels.PersonRoleName(personRole, language) : Fact("role") ?? "";
                var detail = Fact("reference") is { } reference ? $"{role}: {reference}" : role;
                return (T(Fact("change") == "removed" ? "event.person.removed" : "event.person.added"), detail);
            }

            case TimelineEventKind.Observation:
            {
                var input = Fact("input") ?? "";
                var detail = F("event.observation.detail", models.Input(input, language, caseModels), models.Value(input, Fact("value") ?? "", language, caseModels), Date(Fact("observedAt")));
                if (Fact("reliability") is { } reliability)
                {
                    detail += ", " + ReportTexts.Named("reliability", reliability, language);
                }

                return (T(Fact("correction") == "true" ? "event.observation.corrected" : "event.observation"), detail);
            }

            case TimelineEventKind.Assessment:
            {
                var id = Fact("model") ?? "";
                var version = Fact("version");
                var title = models.Model(id, version, language)?.Title ?? id;
                if (Fact("challenger") == "true")
                {
                    return (T("event.assessment.challenger"), $"{title} {version}");
                }

                return (T("event.assessment"), F("event.assessment.detail", title, version, Level(models, id, version, Fact("level"), Fact("conclusion"), language)));
            }

            case TimelineEventKind.Decision:
            {
                var level = models.Level(Fact("model"), Fact("version"), Fact("level") ?? "", language);
                return (T("event.decision"), F("event.decision.detail", level, ReportTexts.Named("agreement", Fact("agreement") ?? "", language), ReportTexts.Named("decisionStatus", Fact("status") ?? "", language)));
            }

            case TimelineEventKind.DecisionReview:
                return (T(Fact("outcome") == nameof(DecisionStatus.Rejected) ? "event.decision.rejected" : "event.decision.confirmed"), Fact("comment"));
            case TimelineEventKind.Task:
                return (T("event.task"), F("event.task.detail", Fact("title"), Fact("owner"), Date(Fact("dueAt"))));
            case TimelineEventKind.TaskDone:
                return (T("event.task.done"), Joined(Fact("title"), Fact("note")));
            case TimelineEventKind.TaskCancelled:
                return (T("event.task.cancelled"), Joined(Fact("title"), Fact("reason")));
            case TimelineEventKind.Note:
                return (T(Fact("reply") == "true" ? "event.note.reply" : "event.note"), Fact("text"));
            case TimelineEventKind.Document:
            {
                var size = F("event.document.size", Fact("size"));
                return (T("event.document"), Fact("name") is { } name ? $"{name} ({size})" : size);
            }

            case TimelineEventKind.Review:
                return Fact("dueAt") is { } due ? (T("event.review"), F("event.review.detail", Date(due))) : (T("event.review.cleared"), null);
            default:
                return (e.Kind.ToString(), null);
        }
    }

    /// <summary>A level as people read it: its label, "at least …" for a lower bound, "not assessable" when unassessable.</summary>
    public static string Level(ModelLabels models, string? model, string? version, string? level, string? conclusion, string language)
    {
        if (level is null || level == CaseScoring.UnassessableLevel || conclusion == "unassessable")
        {
            return ReportTexts.T("level.unassessable", language);
        }

        var label = models.Level(model, version, level, language);
        return conclusion == "lower_bound" ? ReportTexts.F("level.atLeast", language, label) : label;
    }

    private static string Stage(string? name, string language) =>
        Enum.TryParse<CaseStatus>(name, out var status) ? ProcessLabels.Stage(status, language) : name ?? "";

    private static string? Joined(string? first, string? second) =>
        string.IsNullOrEmpty(second) ? first : $"{first}: {second}";
}
