using Microsoft.Net.Http.Headers;
using Tma.CaseStore;

namespace Tma.Host;

/// <summary>The case's timeline (JSON, both languages) and its printable report for management (HTML, one language).</summary>
internal static class ReportEndpoints
{
    /// <summary>The report's own content-security policy: inline CSS and the inline risk-curve image, nothing else.</summary>
    public const string ReportContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/cases/{caseId:guid}/timeline", async (Guid caseId, HttpContext http, Store store, IModelCatalog catalog, CancellationToken ct) =>
        {
            var timeline = await store.GetTimelineAsync(http.Caller(), caseId, ct).ConfigureAwait(false);
            var models = new ModelLabels(catalog);
            IReadOnlyList<string> caseModels = [.. timeline.Events.Where(e => e.Kind == TimelineEventKind.Assessment && e.Facts.ContainsKey("model")).Select(e => e.Facts["model"]).Distinct(StringComparer.Ordinal).Reverse()];
            return Results.Ok(new TimelineResponse(caseId, [.. timeline.Events.Select(e =>
            {
                var en = TimelineTexts.Describe(e, "en", models, caseModels);
                var de = TimelineTexts.Describe(e, "de", models, caseModels);
                return new TimelineEventResponse(
                    e.At,
                    ProcessLabels.Id(e.Kind),
                    e.ActorId,
                    new LocalizedText(en.Title, de.Title),
                    en.Detail is null && de.Detail is null ? null : new LocalizedText(en.Detail ?? "", de.Detail ?? ""),
                    e.RefId);
            })]));
        }).Produces<TimelineResponse>().WithName("GetCaseTimeline").WithSummary("What happened to the case, oldest first, each with who and when and a title and detail in English and German (involved case manager, member expert; audited case.timeline).");

        api.MapGet("/cases/{caseId:guid}/report", async (Guid caseId, string? language, HttpContext http, Store store, IModelCatalog catalog, TimeProvider time, CancellationToken ct) =>
        {
            var chosen = language ?? FromAcceptLanguage(http.Request);
            if (!ReportTexts.Languages.Contains(chosen, StringComparer.Ordinal))
            {
                return Problems.Of(StatusCodes.Status400BadRequest, "invalid-input", $"language: `{language}` is not a language of the report (en, de)", new Dictionary<string, object?> { ["errors"] = new[] { "language: must be `en` or `de`" } });
            }

            var caller = http.Caller();
            var data = await store.GetCaseReportAsync(caller, caseId, ct).ConfigureAwait(false);
            var html = CaseReportHtml.Render(data, chosen, new ModelLabels(catalog), caller.UserId, time.GetUtcNow());
            http.Response.Headers[HeaderNames.ContentSecurityPolicy] = ReportContentSecurityPolicy;
            http.Response.Headers[HeaderNames.ContentLanguage] = chosen;
            return Results.Content(html, "text/html; charset=utf-8");
        }).WithName("GetCaseReport").WithSummary("The case report for management as a self-contained, printable A4 HTML document in English or German (?language=, else the Accept-Language, else English); no note texts, no documents (involved case manager, member expert; audited case.report).")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
    }

    /// <summary>The first of <c>de</c> and <c>en</c> the Accept-Language header asks for (by quality), else <c>en</c>.</summary>
    private static string FromAcceptLanguage(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptLanguage;
        foreach (var value in accepted.OrderByDescending(v => v.Quality ?? 1))
        {
            var tag = value.Value.Value ?? "";
            var primary = tag.Split('-', 2)[0].ToLowerInvariant();
            if (primary is "de" or "en" && (value.Quality ?? 1) > 0)
            {
                return primary;
            }
        }

        return "en";
    }
}

/// <summary>A text in English and German.</summary>
/// <param name="En">English.</param>
/// <param name="De">German.</param>
internal sealed record LocalizedText(string En, string De);

/// <summary>One event of a case's timeline.</summary>
/// <param name="At">When.</param>
/// <param name="Kind">What: opened, status, owner, member, person, observation, assessment, decision, decision_review, task, task_done, task_cancelled, note, document, review.</param>
/// <param name="ActorId">Who.</param>
/// <param name="Title">What happened, in English and German.</param>
/// <param name="Detail">The particulars (values, levels, texts), in English and German; absent when there are none.</param>
/// <param name="RefId">The record it concerns (observation, assessment, decision, task, note, document, person), if any.</param>
internal sealed record TimelineEventResponse(DateTimeOffset At, string Kind, string ActorId, LocalizedText Title, LocalizedText? Detail, Guid? RefId);

/// <summary>A case's timeline, oldest first.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Events">The events.</param>
internal sealed record TimelineResponse(Guid CaseId, IReadOnlyList<TimelineEventResponse> Events);
