using Tma.CaseStore;

namespace Tma.Host;

/// <summary>Notes between the members of a case's team (append-only; need-to-know).</summary>
internal static class NoteEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/cases/{caseId:guid}/notes", async (Guid caseId, AddNoteRequest body, HttpContext http, Store store, CancellationToken ct) =>
        {
            var note = await store.AddNoteAsync(http.Caller(), caseId, new NewCaseNote(body.Text, body.ReplyTo), ct).ConfigureAwait(false);
            return Results.Created($"/v1/cases/{caseId}/notes/{note.Id}", note);
        }).WithName("AddNote").WithSummary("Appends a note for the case team (case manager, member expert). Notes are never edited: a correction is a new note replying to the old one.");

        api.MapGet("/cases/{caseId:guid}/notes", async (Guid caseId, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.GetNotesAsync(http.Caller(), caseId, ct).ConfigureAwait(false)))
            .WithName("ListNotes").WithSummary("The case team's notes, oldest first (case manager, member expert; every read is audited).");
    }
}
