using System.Security.Cryptography;

namespace Tma.CaseStore;

public sealed partial class CaseStore
{
    internal const int MaxShortText = 128;
    internal const int MaxSubjectReference = 512;

    /// <summary>Opens a case in status <see cref="CaseStatus.Recognised"/> with a fresh data key. Case manager only.</summary>
    /// <param name="caller">A <see cref="CallerRole.CaseManager"/>.</param>
    /// <param name="newCase">The case to open.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case, version 1.</returns>
    /// <exception cref="CaseStoreValidationException">A field is missing or too long.</exception>
    public Task<CaseRecord> CreateCaseAsync(Caller caller, NewCase newCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newCase);
        return RunAsync(caller, Operation.CaseCreate, null, async context =>
        {
            new Validator()
                .Text("subjectReference", newCase.SubjectReference, MaxSubjectReference)
                .Defined("category", newCase.Category)
                .Time("retainUntil", newCase.RetainUntil)
                .Text("ownerId", newCase.OwnerId ?? caller.UserId, Caller.MaxUserIdLength)
                .ThrowIfInvalid();

            var caseId = Guid.NewGuid();
            var dataKey = RandomNumberGenerator.GetBytes(32);
            try
            {
                var wrapped = await _keys.WrapAsync(dataKey, CaseKeyContext(context.TenantId, caseId), cancellationToken).ConfigureAwait(false);
                var subject = FieldCipher.EncryptString(dataKey, Slot(context, caseId, "cases", caseId, "subject_ref"), newCase.SubjectReference);
                var row = new CaseRow
                {
                    Id = caseId.ToString("D"),
                    SubjectRef = subject,
                    Category = newCase.Category.ToString(),
                    Status = CaseStatus.Recognised.ToString(),
                    OwnerId = newCase.OwnerId ?? caller.UserId,
                    RetainUntil = newCase.RetainUntil.ToUnixTimeMilliseconds(),
                    CreatedAt = context.Now,
                    UpdatedAt = context.Now,
                    Version = 1,
                };
                await context.Session.ExecuteAsync(
                    """
                    INSERT INTO cases (tenant_id, id, subject_ref, category, status, owner_id, retain_until, created_at, updated_at, shredded_at, version)
                    VALUES (@TenantId, @Id, @SubjectRef, @Category, @Status, @OwnerId, @RetainUntil, @CreatedAt, @UpdatedAt, NULL, @Version)
                    """,
                    new { context.TenantId, row.Id, row.SubjectRef, row.Category, row.Status, row.OwnerId, row.RetainUntil, row.CreatedAt, row.UpdatedAt, row.Version }).ConfigureAwait(false);
                await context.Session.ExecuteAsync(
                    "INSERT INTO case_keys (tenant_id, case_id, kek_id, wrapped_key, wrapped_at) VALUES (@TenantId, @CaseId, @KeyId, @Ciphertext, @Now)",
                    new { context.TenantId, CaseId = row.Id, wrapped.KeyId, wrapped.Ciphertext, context.Now }).ConfigureAwait(false);
                context.RecordId = caseId;
                return new CaseRecord(row.ToSummary(), newCase.SubjectReference, []);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(dataKey);
            }
        }, cancellationToken);
    }

    /// <summary>Reads a case with its decrypted subject reference and members (an audited read of content).</summary>
    /// <param name="caller">A case manager, or an expert who is a member of the case.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case.</returns>
    /// <exception cref="CaseStoreNotFoundException">No such case in the caller's tenant.</exception>
    /// <exception cref="ContentUnavailableException">The case was shredded, or its content cannot be decrypted.</exception>
    public Task<CaseRecord> GetCaseAsync(Caller caller, Guid caseId, CancellationToken cancellationToken = default) =>
        RunAsync(caller, Operation.CaseRead, caseId, async context =>
        {
            var row = context.RequiredCase;
            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            var subject = FieldCipher.DecryptString(key, Slot(context, caseId, "cases", caseId, "subject_ref"), row.SubjectRef);
            var members = await MembersAsync(context, caseId).ConfigureAwait(false);
            return new CaseRecord(row.ToSummary(), subject, members) { Review = await ReviewAsync(context, key, row).ConfigureAwait(false) };
        }, cancellationToken);

    /// <summary>Lists the cases the caller may see, without content: all of the tenant's for a case manager, the ones they are a member of for an expert.</summary>
    /// <param name="caller">A case manager or an expert.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cases, oldest first.</returns>
    public Task<IReadOnlyList<CaseSummary>> ListCasesAsync(Caller caller, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<CaseSummary>>(caller, Operation.CaseList, null, async context =>
        {
            var rows = await VisibleCaseRowsAsync(context, caller).ConfigureAwait(false);
            context.Detail = $"count={rows.Count}";
            return rows.Select(r => r.ToSummary()).ToArray();
        }, cancellationToken);

    // The cases a caller may list: all of the tenant's for a case manager, the ones they are a member of for an expert;
    // oldest first. The case list and the priorities read this one set, so they cannot drift apart.
    private static async Task<IReadOnlyList<CaseRow>> VisibleCaseRowsAsync(OperationContext context, Caller caller) =>
        caller.Role == CallerRole.Expert
            ? await context.Session.QueryAsync<CaseRow>(
                $"""
                SELECT {CaseRow.Columns} FROM cases
                WHERE tenant_id = @TenantId
                  AND id IN (SELECT case_id FROM case_members WHERE tenant_id = @TenantId AND user_id = @UserId)
                ORDER BY created_at, id
                """,
                new { context.TenantId, caller.UserId }).ConfigureAwait(false)
            : await context.Session.QueryAsync<CaseRow>(
                $"SELECT {CaseRow.Columns} FROM cases WHERE tenant_id = @TenantId ORDER BY created_at, id",
                new { context.TenantId }).ConfigureAwait(false);

    /// <summary>Moves a case along its workflow (see <see cref="CaseStatusTransitions"/>). Case manager only.</summary>
    /// <param name="caller">A case manager.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="status">The new status.</param>
    /// <param name="expectedVersion">The version the caller last saw.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case's new summary.</returns>
    /// <exception cref="CaseStateException">The transition is not legal (code <c>illegal-transition</c>), or closing is
    /// refused because an override waits for confirmation (<c>pending-override</c>) or tasks are open or in progress (<c>open-tasks</c>).</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed since <paramref name="expectedVersion"/>.</exception>
    public Task<CaseSummary> ChangeStatusAsync(Caller caller, Guid caseId, CaseStatus status, long expectedVersion, CancellationToken cancellationToken = default) =>
        RunAsync(caller, Operation.CaseStatus, caseId, async context =>
        {
            var row = context.RequiredCase;
            CheckVersion(row, expectedVersion);
            var from = Enum.Parse<CaseStatus>(row.Status);
            if (!CaseStatusTransitions.IsLegal(from, status))
            {
                throw new CaseStateException("illegal-transition", $"Case {caseId} cannot move from {from} to {status}.");
            }

            if (status == CaseStatus.Closed)
            {
                await CheckNoOpenWorkAsync(context, row).ConfigureAwait(false);
            }

            context.Detail = $"{from}->{status}";
            return await UpdateCaseAsync(context, row, expectedVersion, "status = @Value", status.ToString()).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Hands a case to another case manager. Case manager only.</summary>
    /// <param name="caller">A case manager.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="ownerId">The new owner's user id.</param>
    /// <param name="expectedVersion">The version the caller last saw.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case's new summary.</returns>
    /// <exception cref="ConcurrencyConflictException">The case changed since <paramref name="expectedVersion"/>.</exception>
    public Task<CaseSummary> AssignOwnerAsync(Caller caller, Guid caseId, string ownerId, long expectedVersion, CancellationToken cancellationToken = default) =>
        RunAsync(caller, Operation.CaseOwner, caseId, async context =>
        {
            new Validator().Text("ownerId", ownerId, Caller.MaxUserIdLength).ThrowIfInvalid();
            return await UpdateCaseAsync(context, context.RequiredCase, expectedVersion, "owner_id = @Value", ownerId).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Changes when a case must be erased. Case manager only.</summary>
    /// <param name="caller">A case manager.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="retainUntil">The new retention date.</param>
    /// <param name="expectedVersion">The version the caller last saw.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case's new summary.</returns>
    /// <exception cref="ConcurrencyConflictException">The case changed since <paramref name="expectedVersion"/>.</exception>
    public Task<CaseSummary> SetRetentionAsync(Caller caller, Guid caseId, DateTimeOffset retainUntil, long expectedVersion, CancellationToken cancellationToken = default) =>
        RunAsync(caller, Operation.CaseRetention, caseId, async context =>
        {
            new Validator().Time("retainUntil", retainUntil).ThrowIfInvalid();
            return await UpdateCaseAsync(context, context.RequiredCase, expectedVersion, "retain_until = @Value", retainUntil.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Adds a member to a case (or changes their role). Case manager only.</summary>
    /// <param name="caller">A case manager.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="userId">The member's user id.</param>
    /// <param name="role">Their part in the case.</param>
    /// <param name="expectedVersion">The version the caller last saw.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case's new summary.</returns>
    /// <exception cref="ConcurrencyConflictException">The case changed since <paramref name="expectedVersion"/>.</exception>
    public Task<CaseSummary> AddMemberAsync(Caller caller, Guid caseId, string userId, CaseMemberRole role, long expectedVersion, CancellationToken cancellationToken = default) =>
        RunAsync(caller, Operation.MemberAdd, caseId, async context =>
        {
            new Validator().Text("userId", userId, Caller.MaxUserIdLength).Defined("role", role).ThrowIfInvalid();
            var row = context.RequiredCase;
            CheckVersion(row, expectedVersion);
            await context.Session.ExecuteAsync(
                "DELETE FROM case_members WHERE tenant_id = @TenantId AND case_id = @CaseId AND user_id = @UserId",
                new { context.TenantId, CaseId = row.Id, UserId = userId }).ConfigureAwait(false);
            await context.Session.ExecuteAsync(
                "INSERT INTO case_members (tenant_id, case_id, user_id, member_role, added_at) VALUES (@TenantId, @CaseId, @UserId, @Role, @Now)",
                new { context.TenantId, CaseId = row.Id, UserId = userId, Role = role.ToString(), context.Now }).ConfigureAwait(false);
            context.Detail = $"role={role}";
            return await BumpAsync(context, row, expectedVersion).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Removes a member from a case. Case manager only.</summary>
    /// <param name="caller">A case manager.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="userId">The member's user id.</param>
    /// <param name="expectedVersion">The version the caller last saw.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case's new summary.</returns>
    /// <exception cref="ConcurrencyConflictException">The case changed since <paramref name="expectedVersion"/>.</exception>
    public Task<CaseSummary> RemoveMemberAsync(Caller caller, Guid caseId, string userId, long expectedVersion, CancellationToken cancellationToken = default) =>
        RunAsync(caller, Operation.MemberRemove, caseId, async context =>
        {
            new Validator().Text("userId", userId, Caller.MaxUserIdLength).ThrowIfInvalid();
            var row = context.RequiredCase;
            CheckVersion(row, expectedVersion);
            await context.Session.ExecuteAsync(
                "DELETE FROM case_members WHERE tenant_id = @TenantId AND case_id = @CaseId AND user_id = @UserId",
                new { context.TenantId, CaseId = row.Id, UserId = userId }).ConfigureAwait(false);
            return await BumpAsync(context, row, expectedVersion).ConfigureAwait(false);
        }, cancellationToken);

    private static async Task<IReadOnlyList<CaseMember>> MembersAsync(OperationContext context, Guid caseId)
    {
        var rows = await context.Session.QueryAsync<MemberRow>(
            $"SELECT {MemberRow.Columns} FROM case_members WHERE tenant_id = @TenantId AND case_id = @CaseId ORDER BY added_at, user_id",
            new { context.TenantId, CaseId = caseId.ToString("D") }).ConfigureAwait(false);
        return rows.Select(m => new CaseMember(m.UserId, Enum.Parse<CaseMemberRole>(m.MemberRole), Time.FromMs(m.AddedAt))).ToArray();
    }

    private static FieldSlot Slot(OperationContext context, Guid caseId, string table, Guid recordId, string column) =>
        new(context.TenantId, caseId, table, recordId, column);

    private static void CheckVersion(CaseRow row, long expectedVersion)
    {
        if (row.Version != expectedVersion)
        {
            throw new ConcurrencyConflictException(row.CaseId, expectedVersion, row.Version);
        }
    }

    /// <summary>Sets one column and bumps the version, refusing a stale expected version.</summary>
    private static async Task<CaseSummary> UpdateCaseAsync(OperationContext context, CaseRow row, long expectedVersion, string assignment, object value)
    {
        CheckVersion(row, expectedVersion);
        var changed = await context.Session.ExecuteAsync(
            $"UPDATE cases SET {assignment}, version = version + 1, updated_at = @Now WHERE tenant_id = @TenantId AND id = @Id AND version = @Expected",
            new { Value = value, context.Now, context.TenantId, row.Id, Expected = expectedVersion }).ConfigureAwait(false);
        if (changed != 1)
        {
            throw new ConcurrencyConflictException(row.CaseId, expectedVersion, null);
        }

        return await ReloadAsync(context, row.CaseId).ConfigureAwait(false);
    }

    /// <summary>Bumps the case version (every write to a case does, so a decision or status change based on a stale view is refused).</summary>
    private static async Task<CaseSummary> BumpAsync(OperationContext context, CaseRow row, long expectedVersion)
    {
        var changed = await context.Session.ExecuteAsync(
            "UPDATE cases SET version = version + 1, updated_at = @Now WHERE tenant_id = @TenantId AND id = @Id AND version = @Expected",
            new { context.Now, context.TenantId, row.Id, Expected = expectedVersion }).ConfigureAwait(false);
        if (changed != 1)
        {
            throw new ConcurrencyConflictException(row.CaseId, expectedVersion, null);
        }

        return await ReloadAsync(context, row.CaseId).ConfigureAwait(false);
    }

    private static async Task<CaseSummary> ReloadAsync(OperationContext context, Guid caseId) =>
        (await context.Session.QuerySingleOrDefaultAsync<CaseRow>(
            $"SELECT {CaseRow.Columns} FROM cases WHERE tenant_id = @TenantId AND id = @Id",
            new { context.TenantId, Id = caseId.ToString("D") }).ConfigureAwait(false))!.ToSummary();

    /// <summary>Content may be added only to an open, unshredded case.</summary>
    private static void EnsureWritable(CaseRow row)
    {
        if (row.ShreddedAt is not null)
        {
            throw new ContentUnavailableException(ContentUnavailableReason.Shredded, row.CaseId);
        }

        if (row.Status == nameof(CaseStatus.Closed))
        {
            throw new CaseStateException("case-closed", $"Case {row.CaseId} is closed; its content is read-only.");
        }
    }
}
