using Tma.CaseStore;
using Tma.Scoring.Assessments;

namespace Tma.Host;

/// <summary>Running models on a case, listing its assessments, and its risk curve.</summary>
internal static class AssessmentEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/cases/{caseId:guid}/assessments", async (Guid caseId, RunAssessmentRequest body, HttpContext http, Store store, IModelCatalog models, HostSettings settings, CancellationToken ct) =>
        {
            var caller = http.Caller();
            var champion = models.Resolve(body.Model);

            // The request may name a challenger; otherwise the host's configured challenger for this package, if any.
            var challengerReference = body.Challenger ?? settings.Challengers.GetValueOrDefault(champion.Reference.Id);
            var challenger = challengerReference is null ? null : models.Resolve(challengerReference);
            var (record, assessment) = await store.AssessAndStoreAsync(caller, caseId, champion, isChallenger: false, body.AsOf, ct).ConfigureAwait(false);
            object? challengerResult = null;
            if (challenger is not null)
            {
                var (challengerRecord, challengerAssessment) = await store.AssessAndStoreAsync(caller, caseId, challenger, isChallenger: true, body.AsOf, ct).ConfigureAwait(false);
                challengerResult = new { id = challengerRecord.Id, assessment = challengerAssessment };
            }

            return Results.Created($"/v1/cases/{caseId}/assessments/{record.Id}", new { id = record.Id, assessment, challenger = challengerResult });
        }).WithName("RunAssessment").WithSummary("Runs a model (and an optional challenger) on the case's current observations and stores the result. Advisory.");

        api.MapGet("/cases/{caseId:guid}/assessments", async (Guid caseId, HttpContext http, Store store, CancellationToken ct) =>
        {
            var records = await store.GetAssessmentsAsync(http.Caller(), caseId, ct).ConfigureAwait(false);
            return Results.Ok(records.Select(r => new
            {
                id = r.Id,
                isChallenger = r.Assessment.IsChallenger,
                enteredBy = r.EnteredBy,
                enteredAt = r.EnteredAt,
                assessment = r.ReadAssessment(),
            }).ToArray()); // read every assessment before answering: a failure is then an error, not a cut-off 200
        }).WithName("ListAssessments");

        api.MapGet("/cases/{caseId:guid}/risk-curve", async (Guid caseId, bool? includeChallengers, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.GetRiskCurveAsync(http.Caller(), caseId, includeChallengers ?? false, ct).ConfigureAwait(false)))
            .WithName("GetRiskCurve").WithSummary("The case's champion assessments over time.");

        api.MapGet("/cases/{caseId:guid}/risk-curve.png", async (Guid caseId, string? language, HttpContext http, Store store, IModelCatalog models, CancellationToken ct) =>
        {
            var curve = await store.GetRiskCurveAsync(http.Caller(), caseId, includeChallengers: false, ct).ConfigureAwait(false);
            var latest = curve.Points.LastOrDefault(); // in curve order, champions only (includeChallengers: false)
            var model = latest is null ? null : models.Resolve($"{latest.PackageId}@{latest.PackageVersion}").Definition;
            if (model is not null && language is not null)
            {
                if (!model.Languages.Contains(language, StringComparer.Ordinal))
                {
                    return Problems.Of(StatusCodes.Status400BadRequest, "invalid-input", $"language: `{language}` is not a language of model `{model.Id}` ({string.Join(", ", model.Languages)})", new Dictionary<string, object?> { ["errors"] = new[] { $"language: `{language}` is not a language of model `{model.Id}`" } });
                }

                model = model.InLanguage(language);
            }

            return Results.File(RiskCurvePlot.Png(curve, model), "image/png");
        }).WithName("GetRiskCurveImage").WithSummary("The risk curve as a PNG image: levels (labels in the model's language, or ?language=) over the dates assessed as of, as steps.");
    }

    /// <summary>Keeps the JSON of assessments in its documented stable form.</summary>
    public static string Serialize(Assessment assessment) => AssessmentJson.Serialize(assessment);
}
