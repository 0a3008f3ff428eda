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

        api.MapGet("/packages", (IModelCatalog models) => Results.Ok(models.Packages))
            .WithName("ListPackages").WithSummary("Loaded model packages and versions.");
    }
}
