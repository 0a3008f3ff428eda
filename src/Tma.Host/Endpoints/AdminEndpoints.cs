using Tma.CaseStore;

namespace Tma.Host;

/// <summary>Audit trail, anonymized export and loaded packages.</summary>
internal static class AdminEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (long? after, int? limit, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.GetAuditTrailAsync(http.Caller(), after ?? 0, Math.Clamp(limit ?? 1000, 1, 10_000), ct).ConfigureAwait(false)))
            .WithName("GetAuditTrail").WithSummary("The tenant's audit trail (auditor).");

        api.MapGet("/audit/verify", async (HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.VerifyAuditChainAsync(http.Caller(), ct).ConfigureAwait(false)))
            .WithName("VerifyAuditTrail").WithSummary("Verifies the audit hash chain and names the first broken entry.");

        api.MapPost("/exports", async (ExportRequest body, HttpContext http, Store store, CancellationToken ct) =>
        {
            var options = new AnonymizedExportOptions
            {
                K = body.K,
                QuasiIdentifiers = body.QuasiIdentifiers ?? ["category"],
                Purpose = body.Purpose,
            };
            using var csv = new StringWriter();
            var report = await store.ExportAnonymizedAsync(http.Caller(), options, csv, ct).ConfigureAwait(false);
            return Results.Ok(new { report, csv = csv.ToString() });
        }).WithName("ExportAnonymized").WithSummary("Anonymized research export with its k-anonymity report (researcher).");

        api.MapPost("/exports/judgements", async (JudgementExportRequest body, HttpContext http, Store store, IModelCatalog models, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body.Model))
            {
                return Problems.Of(StatusCodes.Status400BadRequest, "invalid-input", "model: give the model whose judgement ratings to export (`id` or `id@range`)");
            }

            var model = models.Resolve(body.Model);
            if (model.Definition.Judgement is not { } judgement)
            {
                return Problems.Of(StatusCodes.Status422UnprocessableEntity, "model-without-judgement",
                    $"Model `{model.Reference.Id}` declares no judgement fields, so there are no assessor ratings to export.");
            }

            // Only rating fields: free text (formulation, scenarios) is personal content and never exported.
            var options = new JudgementExportOptions
            {
                PackageId = model.Reference.Id,
                Fields = [.. judgement.Fields.Where(f => f.Type == Tma.Models.Definitions.JudgementFieldType.Rating).Select(f => f.Id)],
                Purpose = body.Purpose,
            };
            using var csv = new StringWriter();
            var report = await store.ExportJudgementsAsync(http.Caller(), options, csv, ct).ConfigureAwait(false);
            return Results.Ok(new { report, csv = csv.ToString() });
        }).WithName("ExportJudgements").WithSummary("The assessors' summary ratings on one model, pseudonymous, for inter-rater agreement (researcher).");

        api.MapGet("/packages", (IModelCatalog models) => Results.Ok(models.Packages))
            .WithName("ListPackages").WithSummary("Loaded model packages and versions.");
    }
}
