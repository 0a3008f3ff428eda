using Tma.CaseStore;

namespace Tma.Host;

/// <summary>The process around the score (issue 15): review schedule, persons of a case, four-eyes confirmation of overrides, and the process's names for a UI.</summary>
internal static class ProcessEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/process", () => Results.Ok(ProcessLabels.Describe()))
            .WithName("GetProcess").WithSummary("The stages of the threat-management process with their legal next stages, and the names of person roles, decision statuses and review sources, in English and German.");

        api.MapPut("/cases/{caseId:guid}/review", async (Guid caseId, SetReviewRequest body, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.SetReviewAsync(http.Caller(), caseId, body.DueAt, body.Reason, body.ExpectedVersion, ct).ConfigureAwait(false)))
            .WithName("SetReview").WithSummary("Schedules (or with dueAt null clears) the case's next review (case manager who owns or is a member of the case).");

        api.MapGet("/reviews/due", async (DateTimeOffset? before, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.GetDueReviewsAsync(http.Caller(), before, ct).ConfigureAwait(false)))
            .WithName("ListDueReviews").WithSummary("The caller's cases whose review is due on or before `before` (default: now), oldest due first.");

        api.MapPost("/cases/{caseId:guid}/persons", async (Guid caseId, AddPersonRequest body, HttpContext http, Store store, CancellationToken ct) =>
        {
            var person = await store.AddPersonAsync(http.Caller(), caseId, new NewCasePerson(body.Role, body.Reference, body.Note), body.ExpectedVersion, ct).ConfigureAwait(false);
            return Results.Created($"/v1/cases/{caseId}/persons/{person.Id}", person);
        }).WithName("AddPerson").WithSummary("Records a person of concern, affected person, witness, reporter or other person on the case (case manager who owns or is a member of the case).");

        api.MapGet("/cases/{caseId:guid}/persons", async (Guid caseId, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.GetPersonsAsync(http.Caller(), caseId, ct).ConfigureAwait(false)))
            .WithName("ListPersons").WithSummary("The persons of the case, the case's subject first (an audited read).");

        api.MapDelete("/cases/{caseId:guid}/persons/{personId:guid}", async (Guid caseId, Guid personId, long expectedVersion, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.RemovePersonAsync(http.Caller(), caseId, personId, expectedVersion, ct).ConfigureAwait(false)))
            .WithName("RemovePerson").WithSummary("Removes a person from the case: reference and note are erased, a tombstone remains (case manager who owns or is a member of the case).");

        api.MapPost("/cases/{caseId:guid}/decisions/{decisionId:guid}/confirm", async (Guid caseId, Guid decisionId, ConfirmDecisionRequest body, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.ConfirmDecisionAsync(http.Caller(), caseId, decisionId, body.Comment, body.ExpectedVersion, ct).ConfigureAwait(false)))
            .WithName("ConfirmDecision").WithSummary("A second case manager confirms an override of the model; it takes effect now (four-eyes rule).");

        api.MapPost("/cases/{caseId:guid}/decisions/{decisionId:guid}/reject", async (Guid caseId, Guid decisionId, RejectDecisionRequest body, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.RejectDecisionAsync(http.Caller(), caseId, decisionId, body.Reason, body.ExpectedVersion, ct).ConfigureAwait(false)))
            .WithName("RejectDecision").WithSummary("A second case manager rejects an override of the model; it never takes effect (four-eyes rule).");

        api.MapGet("/decisions/pending", async (HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.GetPendingDecisionsAsync(http.Caller(), ct).ConfigureAwait(false)))
            .WithName("ListPendingDecisions").WithSummary("Overrides waiting for a second case manager on the caller's cases (case manager).");
    }
}
