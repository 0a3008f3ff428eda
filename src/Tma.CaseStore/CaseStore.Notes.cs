// Notes between the members of a case's team (need-to-know: members and case managers only). Append-only: a note is
// never edited or deleted; a correction is a new note that replies to the one it corrects. Encrypted like other
// content; every read is audited.
namespace Tma.CaseStore;

public sealed partial class CaseStore
{
    /// <summary>Appends a note to the case's team conversation. Does not change the case version.</summary>
    /// <param name="caller">A case manager, or an expert who is a member of the case.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="note">The note; <see cref="NewCaseNote.ReplyTo"/> names a note of the same case it answers or corrects.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored note.</returns>
    /// <exception cref="CaseStoreValidationException">The text is empty or longer than 65536 characters.</exception>
    /// <exception cref="CaseStoreNotFoundException">No such case in the caller's tenant, the caller is not involved in it (need-to-know), or the note replied to is not one of the case's.</exception>
    /// <exception cref="CaseStateException">The case is closed (<c>case-closed</c>).</exception>
    public Task<CaseNote> AddNoteAsync(Caller caller, Guid caseId, NewCaseNote note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(note);
        return RunAsync(caller, Operation.NoteAdd, caseId, async context =>
        {
            new Validator().Text("text", note.Text, MaxFreeText).ThrowIfInvalid();
            var row = context.RequiredCase;
            EnsureWritable(row);
            if (note.ReplyTo is { } replyTo)
            {
                var exists = await context.Session.ScalarAsync<long>(
                    "SELECT COUNT(*) FROM notes WHERE tenant_id = @TenantId AND case_id = @CaseId AND id = @Id",
                    new { context.TenantId, CaseId = row.Id, Id = replyTo.ToString("D") }).ConfigureAwait(false);
                if (exists == 0)
                {
                    throw new CaseStoreNotFoundException("note", replyTo);
                }
            }

            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            var id = Guid.NewGuid();
            await context.Session.ExecuteAsync(
                "INSERT INTO notes (tenant_id, id, case_id, text, reply_to_id, author_id, written_at) VALUES (@TenantId, @Id, @CaseId, @Text, @ReplyToId, @AuthorId, @Now)",
                new
                {
                    context.TenantId,
                    Id = id.ToString("D"),
                    CaseId = row.Id,
                    Text = FieldCipher.EncryptString(key, Slot(context, caseId, "notes", id, "text"), note.Text),
                    ReplyToId = note.ReplyTo?.ToString("D"),
                    AuthorId = caller.UserId,
                    context.Now,
                }).ConfigureAwait(false);
            context.RecordId = id;
            context.Detail = note.ReplyTo is null ? null : "reply";
            return new CaseNote(id, caseId, note.Text, note.ReplyTo, caller.UserId, Time.FromMs(context.Now));
        }, cancellationToken);
    }

    /// <summary>Reads the case's notes, oldest first (an audited read of content).</summary>
    /// <param name="caller">A case manager, or an expert who is a member of the case.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The notes.</returns>
    /// <exception cref="CaseStoreNotFoundException">No such case in the caller's tenant, or the caller is not involved in it (need-to-know).</exception>
    public Task<IReadOnlyList<CaseNote>> GetNotesAsync(Caller caller, Guid caseId, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<CaseNote>>(caller, Operation.NoteRead, caseId, async context =>
        {
            var row = context.RequiredCase;
            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            var rows = await context.Session.QueryAsync<NoteRow>(
                $"SELECT {NoteRow.Columns} FROM notes WHERE tenant_id = @TenantId AND case_id = @CaseId ORDER BY written_at, id",
                new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
            context.Detail = $"count={rows.Count}";
            return rows.Select(r =>
            {
                var id = Guid.Parse(r.Id);
                return new CaseNote(
                    id,
                    caseId,
                    FieldCipher.DecryptString(key, Slot(context, caseId, "notes", id, "text"), r.Text),
                    r.ReplyToId is null ? null : Guid.Parse(r.ReplyToId),
                    r.AuthorId,
                    Time.FromMs(r.WrittenAt));
            }).ToArray();
        }, cancellationToken);
}
