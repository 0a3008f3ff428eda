using Tma.CaseStore;

namespace Tma.Host;

/// <summary>Observations, documents and decisions of a case.</summary>
internal static class ContentEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/cases/{caseId:guid}/observations", async (Guid caseId, bool? includeSuperseded, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.GetObservationsAsync(http.Caller(), caseId, includeSuperseded ?? false, ct).ConfigureAwait(false)))
            .WithName("ListObservations");

        api.MapPost("/cases/{caseId:guid}/observations", async (Guid caseId, AddObservationRequest body, HttpContext http, Store store, IModelCatalog models, CancellationToken ct) =>
        {
            if (ObservationCheck.Problem(models, body) is { } problem)
            {
                return problem;
            }

            var record = await store.AddObservationAsync(http.Caller(), caseId, new NewObservation(body.InputId, body.Value, body.ObservedAt, body.Source, body.Supersedes, body.Reliability), ct).ConfigureAwait(false);
            return Results.Created($"/v1/cases/{caseId}/observations/{record.Id}", record);
        }).WithName("AddObservation").WithSummary("Appends an observation (checked against the inputs of the models in service); a correction supersedes an earlier one.");

        api.MapPost("/cases/{caseId:guid}/documents", async (Guid caseId, string? name, HttpRequest request, HttpContext http, Store store, CancellationToken ct) =>
        {
            // The file name may name a person: the web UI sends it in the Content-Disposition header, so that it never
            // appears in a URL (and so in no proxy or server log); `?name=` stays for existing API clients.
            var fromHeader = DocumentName.FromContentDisposition(request.Headers.ContentDisposition);
            if (fromHeader is { Problem: { } problem })
            {
                return problem;
            }

            if (fromHeader?.Name is { } headerName && name is not null)
            {
                return DocumentName.Invalid("give the document's name once: in the Content-Disposition header or as ?name=, not both");
            }

            name ??= fromHeader?.Name;
            if (string.IsNullOrWhiteSpace(name))
            {
                return DocumentName.Invalid("the document needs a name: send `Content-Disposition: attachment; filename*=UTF-8''<name>` (or ?name=)");
            }

            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
            var contentType = string.IsNullOrEmpty(request.ContentType) ? "application/octet-stream" : request.ContentType;
            var info = await store.AddDocumentAsync(http.Caller(), caseId, new NewDocument(name, contentType, buffer.ToArray()), ct).ConfigureAwait(false);
            return Results.Created($"/v1/cases/{caseId}/documents/{info.Id}", info);
        }).WithName("UploadDocument").WithSummary("Uploads a document (raw body; its Content-Type is kept; stored encrypted).");

        api.MapGet("/cases/{caseId:guid}/documents", async (Guid caseId, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.ListDocumentsAsync(http.Caller(), caseId, ct).ConfigureAwait(false)))
            .WithName("ListDocuments");

        api.MapGet("/cases/{caseId:guid}/documents/{documentId:guid}", async (Guid caseId, Guid documentId, HttpContext http, Store store, CancellationToken ct) =>
        {
            var document = await store.GetDocumentAsync(http.Caller(), caseId, documentId, ct).ConfigureAwait(false);
            return Results.File(document.Content.ToArray(), "application/octet-stream", document.Info.Name);
        }).WithName("DownloadDocument").WithSummary("Downloads a document (always as an attachment, never rendered).");

        api.MapPost("/cases/{caseId:guid}/decisions", async (Guid caseId, RecordDecisionRequest body, HttpContext http, Store store, IModelCatalog models, CancellationToken ct) =>
        {
            if (await JudgementCheck.ProblemAsync(store, models, http.Caller(), caseId, body, ct).ConfigureAwait(false) is { } problem)
            {
                return problem;
            }

            var record = await store.RecordDecisionAsync(http.Caller(), caseId, new NewDecision(body.AssessmentId, body.FinalLevel, body.Rationale, body.Agreement) { Judgement = body.Judgement }, body.ExpectedVersion, ct).ConfigureAwait(false);
            return Results.Created($"/v1/cases/{caseId}/decisions/{record.Id}", record);
        }).WithName("RecordDecision").WithSummary("Records the professional's final level, rationale, and whether it followed or overrode the model.");

        api.MapGet("/cases/{caseId:guid}/decisions", async (Guid caseId, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.GetDecisionsAsync(http.Caller(), caseId, ct).ConfigureAwait(false)))
            .WithName("ListDecisions");
    }
}
