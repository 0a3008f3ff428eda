using Tma.CaseStore;

namespace Tma.Host;

/// <summary>Tenants, cases and members.</summary>
internal static class CaseEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/tenant", async (HttpContext http, Store store, CancellationToken ct) =>
        {
            await store.CreateTenantAsync(http.Caller(), ct).ConfigureAwait(false);
            return Results.NoContent();
        }).WithName("CreateTenant").WithSummary("Sets up the caller's tenant (administrator).");

        // Key rotation is an operator's step (docs/operations.md): after the new key-encryption key is the provider's
        // current one, every data key of the tenant still wrapped under an older one is re-wrapped, in one
        // transaction and without re-encrypting data. Afterwards the old key can be retired.
        api.MapPost("/tenant/keys/rotate", async (HttpContext http, Store store, IKeyProvider keys, CancellationToken ct) =>
        {
            var rewrapped = await store.RotateKeysAsync(http.Caller(), ct).ConfigureAwait(false);
            return Results.Ok(new KeyRotationResponse(rewrapped, keys.CurrentKeyId));
        }).WithName("RotateKeys").WithSummary("Re-wraps the tenant's data keys under the current key-encryption key (administrator).");

        api.MapGet("/cases", async (HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.ListCasesAsync(http.Caller(), ct).ConfigureAwait(false)))
            .WithName("ListCases").WithSummary("Cases the caller may see.");

        api.MapPost("/cases", async (CreateCaseRequest body, HttpContext http, Store store, CancellationToken ct) =>
        {
            var created = await store.CreateCaseAsync(http.Caller(), new NewCase(body.SubjectReference, body.Category, body.RetainUntil, body.OwnerId), ct).ConfigureAwait(false);
            return Results.Created($"/v1/cases/{created.Id}", created);
        }).WithName("CreateCase").WithSummary("Opens a case (case manager).");

        api.MapGet("/cases/{caseId:guid}", async (Guid caseId, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.GetCaseAsync(http.Caller(), caseId, ct).ConfigureAwait(false)))
            .WithName("GetCase");

        api.MapPut("/cases/{caseId:guid}/status", async (Guid caseId, ChangeStatusRequest body, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.ChangeStatusAsync(http.Caller(), caseId, body.Status, body.ExpectedVersion, ct).ConfigureAwait(false)))
            .WithName("ChangeStatus").WithSummary("Moves the case along recognised → assessing → managing → monitoring → closed.");

        api.MapPut("/cases/{caseId:guid}/owner", async (Guid caseId, AssignOwnerRequest body, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.AssignOwnerAsync(http.Caller(), caseId, body.OwnerId, body.ExpectedVersion, ct).ConfigureAwait(false)))
            .WithName("AssignOwner");

        api.MapPut("/cases/{caseId:guid}/retention", async (Guid caseId, SetRetentionRequest body, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.SetRetentionAsync(http.Caller(), caseId, body.RetainUntil, body.ExpectedVersion, ct).ConfigureAwait(false)))
            .WithName("SetRetention");

        api.MapPost("/cases/{caseId:guid}/members", async (Guid caseId, AddMemberRequest body, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.AddMemberAsync(http.Caller(), caseId, body.UserId, body.Role, body.ExpectedVersion, ct).ConfigureAwait(false)))
            .WithName("AddMember");

        api.MapDelete("/cases/{caseId:guid}/members/{userId}", async (Guid caseId, string userId, long expectedVersion, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.RemoveMemberAsync(http.Caller(), caseId, userId, expectedVersion, ct).ConfigureAwait(false)))
            .WithName("RemoveMember");
    }
}
