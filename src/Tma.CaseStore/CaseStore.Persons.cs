using System.Globalization;

namespace Tma.CaseStore;

// Issue 15, persons of a case: beside the case's subject (always the first person of concern), further persons of
// concern, affected persons, witnesses, reporters and others, each a pseudonymous reference with an optional note,
// both encrypted under the case's data key like the subject reference.
public sealed partial class CaseStore
{
    /// <summary>Records a person on a case. Case manager who owns or is a member of the case; bumps the version.</summary>
    /// <param name="caller">A case manager involved in the case (owner or member).</param>
    /// <param name="caseId">The case.</param>
    /// <param name="person">The person: role, pseudonymous reference, optional note.</param>
    /// <param name="expectedVersion">The version the caller last saw.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recorded person.</returns>
    /// <exception cref="CaseStoreValidationException">The role is unknown, or the reference or note is missing or too long.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed since <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="CaseStateException">The case is closed (<c>case-closed</c>).</exception>
    public Task<CasePerson> AddPersonAsync(Caller caller, Guid caseId, NewCasePerson person, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        return RunAsync(caller, Operation.PersonAdd, caseId, async context =>
        {
            new Validator()
                .Defined("role", person.Role)
                .Text("reference", person.Reference, MaxSubjectReference)
                .Check(person.Note is null || (!string.IsNullOrWhiteSpace(person.Note) && person.Note.Length <= MaxFreeText), $"note: when given, 1 to {MaxFreeText} characters")
                .ThrowIfInvalid();
            var row = context.RequiredCase;
            CheckVersion(row, expectedVersion);
            EnsureWritable(row);
            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            var id = Guid.NewGuid();
            await context.Session.ExecuteAsync(
                """
                INSERT INTO case_persons (tenant_id, id, case_id, person_role, reference, note, added_by, added_at, removed_by, removed_at)
                VALUES (@TenantId, @Id, @CaseId, @Role, @Reference, @Note, @AddedBy, @AddedAt, NULL, NULL)
                """,
                new
                {
                    context.TenantId,
                    Id = id.ToString("D"),
                    CaseId = row.Id,
                    Role = person.Role.ToString(),
                    Reference = FieldCipher.EncryptString(key, Slot(context, caseId, "case_persons", id, "reference"), person.Reference),
                    Note = person.Note is null ? null : FieldCipher.EncryptString(key, Slot(context, caseId, "case_persons", id, "note"), person.Note),
                    AddedBy = caller.UserId,
                    AddedAt = context.Now,
                }).ConfigureAwait(false);
            await BumpAsync(context, row, expectedVersion).ConfigureAwait(false);
            context.RecordId = id;
            context.Detail = $"role={person.Role}";
            return new CasePerson(id, caseId, person.Role, person.Reference, person.Note, caller.UserId, Time.FromMs(context.Now), IsCaseSubject: false);
        }, cancellationToken);
    }

    /// <summary>
    /// The persons of a case (an audited read of content): first the case's subject as a person of concern (its id is
    /// the case id), then the recorded persons, oldest first. Removed persons are not listed.
    /// </summary>
    /// <param name="caller">A case manager who owns or is a member of the case, or an expert who is a member.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The persons.</returns>
    /// <exception cref="ContentUnavailableException">The case was shredded, or a ciphertext fails authentication.</exception>
    public Task<IReadOnlyList<CasePerson>> GetPersonsAsync(Caller caller, Guid caseId, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<CasePerson>>(caller, Operation.PersonList, caseId, async context =>
        {
            var row = context.RequiredCase;
            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            var rows = await context.Session.QueryAsync<PersonRow>(
                """
                SELECT id AS Id, person_role AS Role, reference AS Reference, note AS Note, added_by AS AddedBy, added_at AS AddedAt
                FROM case_persons WHERE tenant_id = @TenantId AND case_id = @CaseId AND removed_at IS NULL
                ORDER BY added_at, id
                """,
                new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
            var subject = new CasePerson(
                caseId,
                caseId,
                PersonRole.PersonOfConcern,
                FieldCipher.DecryptString(key, Slot(context, caseId, "cases", caseId, "subject_ref"), row.SubjectRef),
                null,
                row.OwnerId,
                Time.FromMs(row.CreatedAt),
                IsCaseSubject: true);
            var persons = rows.Select(r =>
            {
                var id = Guid.Parse(r.Id);
                return new CasePerson(
                    id,
                    caseId,
                    Enum.Parse<PersonRole>(r.Role),
                    FieldCipher.DecryptString(key, Slot(context, caseId, "case_persons", id, "reference"), r.Reference!),
                    r.Note is null ? null : FieldCipher.DecryptString(key, Slot(context, caseId, "case_persons", id, "note"), r.Note),
                    r.AddedBy,
                    Time.FromMs(r.AddedAt),
                    IsCaseSubject: false);
            });
            IReadOnlyList<CasePerson> result = [subject, .. persons];
            context.Detail = string.Create(CultureInfo.InvariantCulture, $"count={result.Count}");
            return result;
        }, cancellationToken);

    /// <summary>
    /// Removes a person from a case: their reference and note are erased (data minimisation); a tombstone with the
    /// role, who added and who removed them, and when, remains. The case's subject cannot be removed. Case manager
    /// who owns or is a member of the case; bumps the version.
    /// </summary>
    /// <param name="caller">A case manager involved in the case (owner or member).</param>
    /// <param name="caseId">The case.</param>
    /// <param name="personId">The person entry.</param>
    /// <param name="expectedVersion">The version the caller last saw.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case's new summary.</returns>
    /// <exception cref="CaseStoreNotFoundException">No such (unremoved) person on this case.</exception>
    /// <exception cref="CaseStateException">The person is the case's subject (<c>case-subject</c>), or the case is closed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed since <paramref name="expectedVersion"/>.</exception>
    public Task<CaseSummary> RemovePersonAsync(Caller caller, Guid caseId, Guid personId, long expectedVersion, CancellationToken cancellationToken = default) =>
        RunAsync(caller, Operation.PersonRemove, caseId, async context =>
        {
            var row = context.RequiredCase;
            if (personId == caseId)
            {
                throw new CaseStateException("case-subject", "The case's subject is its first person of concern and cannot be removed; open a new case if the subject was wrong.");
            }

            CheckVersion(row, expectedVersion);
            EnsureWritable(row);
            var changed = await context.Session.ExecuteAsync(
                """
                UPDATE case_persons SET reference = NULL, note = NULL, removed_by = @UserId, removed_at = @Now
                WHERE tenant_id = @TenantId AND case_id = @CaseId AND id = @Id AND removed_at IS NULL
                """,
                new { caller.UserId, context.Now, context.TenantId, CaseId = row.Id, Id = personId.ToString("D") }).ConfigureAwait(false);
            if (changed != 1)
            {
                throw new CaseStoreNotFoundException("person", personId);
            }

            context.RecordId = personId;
            return await BumpAsync(context, row, expectedVersion).ConfigureAwait(false);
        }, cancellationToken);

#pragma warning disable CA1812 // instantiated by Dapper
    private sealed class PersonRow
    {
        public string Id { get; set; } = "";

        public string Role { get; set; } = "";

        public byte[]? Reference { get; set; }

        public byte[]? Note { get; set; }

        public string AddedBy { get; set; } = "";

        public long AddedAt { get; set; }
    }
#pragma warning restore CA1812
}
