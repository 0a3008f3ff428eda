// The case team's tasks: given by a case manager to a member of the case, optionally carrying out an action that a
// stored assessment recommended; started and completed by their owner. Texts are encrypted like other content;
// every change and every read is audited. Tasks have their own version: ticking one off does not make a decision
// based on the case's facts stale (the case version counts facts and workflow, not the team's to-do list).
using System.Text.Json;

namespace Tma.CaseStore;

public sealed partial class CaseStore
{
    internal const int MaxTaskTitle = 512;

    /// <summary>
    /// Gives a task to a member of the case (or to its responsible case manager). With
    /// <see cref="NewCaseTask.FromAssessment"/> the task carries out a recommended action of one of the case's
    /// champion assessments; its title defaults to the action's step text. Case manager only.
    /// </summary>
    /// <param name="caller">A case manager.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="task">The task.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored task (status <see cref="CaseTaskStatus.Open"/>, version 1).</returns>
    /// <exception cref="CaseStoreValidationException">A field is missing or too long.</exception>
    /// <exception cref="CaseStoreRuleException"><c>owner-not-member</c> (field <c>ownerId</c>), <c>action-not-recommended</c> (field <c>fromAssessment.actionId</c>) or <c>challenger-assessment</c> (field <c>fromAssessment.assessmentId</c>: a shadow model's actions are not acted on).</exception>
    /// <exception cref="CaseStoreNotFoundException">The case, or the linked assessment, is not in the caller's tenant and case, or the caller is not involved in the case (need-to-know).</exception>
    /// <exception cref="CaseStateException">The case is closed (<c>case-closed</c>).</exception>
    public Task<CaseTask> AddTaskAsync(Caller caller, Guid caseId, NewCaseTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        return RunAsync(caller, Operation.TaskAdd, caseId, async context =>
        {
            var link = task.FromAssessment;
            var validator = new Validator()
                .Text("ownerId", task.OwnerId, Caller.MaxUserIdLength)
                .Time("dueAt", task.DueAt);
            if (string.IsNullOrEmpty(task.Title))
            {
                validator.Check(link is not null, "title: required unless fromAssessment is given");
            }
            else
            {
                validator.Text("title", task.Title, MaxTaskTitle);
            }

            if (task.Description is not null)
            {
                validator.Text("description", task.Description, MaxFreeText, allowEmpty: true);
            }

            if (link is not null)
            {
                validator.Text("fromAssessment.actionId", link.ActionId, MaxShortText);
            }

            validator.ThrowIfInvalid();
            var row = context.RequiredCase;
            EnsureWritable(row);
            await EnsureOnTeamAsync(context, row, task.OwnerId).ConfigureAwait(false);
            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            var title = task.Title;
            if (link is not null)
            {
                var step = await RecommendedStepAsync(context, row, key, link).ConfigureAwait(false);
                title = string.IsNullOrEmpty(title) ? step : title;
            }

            var id = Guid.NewGuid();
            FieldSlot Slot(string column) => new(context.TenantId, caseId, "tasks", id, column);
            await context.Session.ExecuteAsync(
                """
                INSERT INTO tasks (tenant_id, id, case_id, title, description, owner_id, due_at, status, assessment_id, action_id, created_by, created_at, updated_at, version)
                VALUES (@TenantId, @Id, @CaseId, @Title, @Description, @OwnerId, @DueAt, @Status, @AssessmentId, @ActionId, @CreatedBy, @Now, @Now, 1)
                """,
                new
                {
                    context.TenantId,
                    Id = id.ToString("D"),
                    CaseId = row.Id,
                    Title = FieldCipher.EncryptString(key, Slot("title"), title!),
                    Description = task.Description is { } description ? FieldCipher.EncryptString(key, Slot("description"), description) : null,
                    task.OwnerId,
                    DueAt = task.DueAt.ToUnixTimeMilliseconds(),
                    Status = nameof(CaseTaskStatus.Open),
                    AssessmentId = link?.AssessmentId.ToString("D"),
                    ActionId = link is null ? null : FieldCipher.EncryptString(key, Slot("action_id"), link.ActionId),
                    CreatedBy = caller.UserId,
                    context.Now,
                }).ConfigureAwait(false);
            context.RecordId = id;
            context.Detail = link is null ? null : "from-assessment";
            var created = Time.FromMs(context.Now);
            return new CaseTask(id, caseId, title!, task.Description, task.OwnerId, task.DueAt, CaseTaskStatus.Open, link, caller.UserId, created, created, 1)
            {
                IsOverdue = task.DueAt.ToUnixTimeMilliseconds() < context.Now,
            };
        }, cancellationToken);
    }

    /// <summary>
    /// Changes a task: its status, owner or due date. The audit name follows the change: <c>task.complete</c> (status
    /// done), <c>task.cancel</c> (status cancelled), otherwise <c>task.update</c>. Case managers may make every
    /// change; the task's owner (an expert member) may only start it, put it back to open and complete it.
    /// </summary>
    /// <param name="caller">A case manager, or the task's owner.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="taskId">The task.</param>
    /// <param name="change">What changes.</param>
    /// <param name="expectedVersion">The task's version the caller last saw (<see cref="CaseTask.Version"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changed task.</returns>
    /// <exception cref="CaseStoreValidationException">Nothing to change, a completion note or cancellation reason missing (or given with another status), a field too long.</exception>
    /// <exception cref="CaseStoreAccessDeniedException">An expert changes a task that is not theirs, or its owner or due date, or cancels it.</exception>
    /// <exception cref="CaseStoreRuleException"><c>owner-not-member</c>: the new owner is not on the case team.</exception>
    /// <exception cref="CaseStoreNotFoundException">No such task in this case (or the case is not the caller's to see).</exception>
    /// <exception cref="CaseStateException"><c>illegal-transition</c>, <c>task-closed</c> (done or cancelled tasks are final) or <c>case-closed</c>.</exception>
    /// <exception cref="ConcurrencyConflictException">The task changed since <paramref name="expectedVersion"/>.</exception>
    public Task<CaseTask> UpdateTaskAsync(Caller caller, Guid caseId, Guid taskId, CaseTaskChange change, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var operation = change.Status switch
        {
            CaseTaskStatus.Done => Operation.TaskComplete,
            CaseTaskStatus.Cancelled => Operation.TaskCancel,
            _ => Operation.TaskUpdate,
        };
        return RunAsync(caller, operation, caseId, async context =>
        {
            ValidateChange(change).ThrowIfInvalid();
            var row = context.RequiredCase;
            EnsureWritable(row);
            var current = await context.Session.QuerySingleOrDefaultAsync<TaskRow>(
                $"SELECT {TaskRow.Columns} FROM tasks WHERE tenant_id = @TenantId AND case_id = @CaseId AND id = @Id",
                new { context.TenantId, CaseId = row.Id, Id = taskId.ToString("D") }).ConfigureAwait(false)
                ?? throw new CaseStoreNotFoundException("task", taskId);
            if (caller.Role != CallerRole.CaseManager && (current.OwnerId != caller.UserId || change.OwnerId is not null || change.DueAt is not null))
            {
                throw new CaseStoreAccessDeniedException(operation.AuditName, caller.Role, caseId);
            }

            if (current.Version != expectedVersion)
            {
                throw new ConcurrencyConflictException(caseId, taskId, expectedVersion, current.Version);
            }

            var from = Enum.Parse<CaseTaskStatus>(current.Status);
            if (from is CaseTaskStatus.Done or CaseTaskStatus.Cancelled)
            {
                throw new CaseStateException("task-closed", $"Task {taskId} is {from}; it cannot change any more.");
            }

            var to = change.Status ?? from;
            if (to != from && !IsLegalTaskTransition(from, to))
            {
                throw new CaseStateException("illegal-transition", $"Task {taskId} cannot move from {from} to {to}.");
            }

            if (change.OwnerId is { } owner && owner != current.OwnerId)
            {
                await EnsureOnTeamAsync(context, row, owner).ConfigureAwait(false);
            }

            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            FieldSlot Slot(string column) => new(context.TenantId, caseId, "tasks", taskId, column);
            var changed = await context.Session.ExecuteAsync(
                """
                UPDATE tasks SET status = @Status, owner_id = @OwnerId, due_at = @DueAt, updated_at = @Now, version = version + 1,
                    completed_by = @CompletedBy, completed_at = @CompletedAt, completion_note = @CompletionNote,
                    cancelled_by = @CancelledBy, cancelled_at = @CancelledAt, cancel_reason = @CancelReason
                WHERE tenant_id = @TenantId AND id = @Id AND version = @Expected
                """,
                new
                {
                    Status = to.ToString(),
                    OwnerId = change.OwnerId ?? current.OwnerId,
                    DueAt = change.DueAt?.ToUnixTimeMilliseconds() ?? current.DueAt,
                    context.Now,
                    CompletedBy = to == CaseTaskStatus.Done ? caller.UserId : null,
                    CompletedAt = to == CaseTaskStatus.Done ? context.Now : (long?)null,
                    CompletionNote = to == CaseTaskStatus.Done ? FieldCipher.EncryptString(key, Slot("completion_note"), change.CompletionNote!) : null,
                    CancelledBy = to == CaseTaskStatus.Cancelled ? caller.UserId : null,
                    CancelledAt = to == CaseTaskStatus.Cancelled ? context.Now : (long?)null,
                    CancelReason = to == CaseTaskStatus.Cancelled ? FieldCipher.EncryptString(key, Slot("cancel_reason"), change.CancellationReason!) : null,
                    context.TenantId,
                    Id = taskId.ToString("D"),
                    Expected = expectedVersion,
                }).ConfigureAwait(false);
            if (changed != 1)
            {
                throw new ConcurrencyConflictException(caseId, taskId, expectedVersion, null);
            }

            context.RecordId = taskId;
            context.Detail = string.Join(';', new[]
            {
                to != from ? $"{from}->{to}" : null,
                change.OwnerId is not null && change.OwnerId != current.OwnerId ? "owner" : null,
                change.DueAt is not null ? "due" : null,
            }.OfType<string>());
            var updated = await context.Session.QuerySingleOrDefaultAsync<TaskRow>(
                $"SELECT {TaskRow.Columns} FROM tasks WHERE tenant_id = @TenantId AND id = @Id",
                new { context.TenantId, Id = taskId.ToString("D") }).ConfigureAwait(false);
            return ToTask(context.TenantId, key, updated!, context.Now);
        }, cancellationToken);
    }

    /// <summary>The legal moves of a task: open → in progress → done; in progress → open (put back); open or in progress → cancelled.</summary>
    private static bool IsLegalTaskTransition(CaseTaskStatus from, CaseTaskStatus to) => (from, to) switch
    {
        (CaseTaskStatus.Open, CaseTaskStatus.InProgress) => true,
        (CaseTaskStatus.InProgress, CaseTaskStatus.Open) => true,
        (CaseTaskStatus.InProgress, CaseTaskStatus.Done) => true,
        (CaseTaskStatus.Open or CaseTaskStatus.InProgress, CaseTaskStatus.Cancelled) => true,
        _ => false,
    };

    private static Validator ValidateChange(CaseTaskChange change)
    {
        var validator = new Validator()
            .Check(change.Status is null || Enum.IsDefined(change.Status.Value), "status: not a known value")
            .Check(change.Status is not null || change.OwnerId is not null || change.DueAt is not null, "status: nothing to change (give status, ownerId or dueAt)")
            .Check(change.Status is not (CaseTaskStatus.Done or CaseTaskStatus.Cancelled) || (change.OwnerId is null && change.DueAt is null), "ownerId: not changed in the same step as completing or cancelling");
        if (change.OwnerId is not null)
        {
            validator.Text("ownerId", change.OwnerId, Caller.MaxUserIdLength);
        }

        if (change.DueAt is { } due)
        {
            validator.Time("dueAt", due);
        }

        if (change.Status == CaseTaskStatus.Done)
        {
            validator.Text("completionNote", change.CompletionNote, MaxFreeText);
        }
        else
        {
            validator.Check(change.CompletionNote is null, "completionNote: only when the status becomes done");
        }

        if (change.Status == CaseTaskStatus.Cancelled)
        {
            validator.Text("cancellationReason", change.CancellationReason, MaxFreeText);
        }
        else
        {
            validator.Check(change.CancellationReason is null, "cancellationReason: only when the status becomes cancelled");
        }

        return validator;
    }

    /// <summary>The case's tasks, soonest due first (an audited read of content).</summary>
    /// <param name="caller">A case manager, or an expert who is a member of the case.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Every task of the case, whatever its status.</returns>
    /// <exception cref="CaseStoreNotFoundException">No such case in the caller's tenant, or the caller is not involved in it (need-to-know).</exception>
    public Task<IReadOnlyList<CaseTask>> GetTasksAsync(Caller caller, Guid caseId, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<CaseTask>>(caller, Operation.TaskRead, caseId, async context =>
        {
            var row = context.RequiredCase;
            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            var rows = await context.Session.QueryAsync<TaskRow>(
                $"SELECT {TaskRow.Columns} FROM tasks WHERE tenant_id = @TenantId AND case_id = @CaseId ORDER BY due_at, created_at, id",
                new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
            context.Detail = $"count={rows.Count}";
            return rows.Select(r => ToTask(context.TenantId, key, r, context.Now)).ToArray();
        }, cancellationToken);

    /// <summary>
    /// The caller's own tasks across their cases, soonest due first: for a case manager on every case of the tenant,
    /// for an expert on the cases they are (still) a member of. Tasks of closed or shredded cases are left out (a
    /// closed case is read-only; nothing on it can be done any more). An audited read of content: one entry, plus one
    /// per case whose tasks were read.
    /// </summary>
    /// <param name="caller">A case manager or an expert.</param>
    /// <param name="filter">Which tasks; default <see cref="CaseTaskFilter.All"/>. <see cref="CaseTaskFilter.Overdue"/> uses the store's clock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tasks.</returns>
    public Task<IReadOnlyList<CaseTask>> ListOwnTasksAsync(Caller caller, CaseTaskFilter filter = CaseTaskFilter.All, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<CaseTask>>(caller, Operation.TaskList, null, async context =>
        {
            new Validator().Defined("status", filter).ThrowIfInvalid();
            var condition = filter switch
            {
                CaseTaskFilter.Open => " AND status IN ('Open', 'InProgress')",
                CaseTaskFilter.Overdue => " AND status IN ('Open', 'InProgress') AND due_at < @Now",
                CaseTaskFilter.Done => " AND status = 'Done'",
                CaseTaskFilter.Cancelled => " AND status = 'Cancelled'",
                _ => "",
            };
            var membership = caller.Role == CallerRole.Expert
                ? " AND case_id IN (SELECT case_id FROM case_members WHERE tenant_id = @TenantId AND user_id = @UserId)"
                : "";
            var rows = await context.Session.QueryAsync<TaskRow>(
                $"""
                SELECT {TaskRow.Columns} FROM tasks
                WHERE tenant_id = @TenantId AND owner_id = @UserId
                  AND case_id IN (SELECT id FROM cases WHERE tenant_id = @TenantId AND shredded_at IS NULL AND status <> 'Closed'){membership}{condition}
                ORDER BY due_at, created_at, id
                """,
                new { context.TenantId, caller.UserId, context.Now }).ConfigureAwait(false);
            var result = new List<CaseTask>(rows.Count);
            foreach (var group in rows.GroupBy(r => r.CaseId, StringComparer.Ordinal))
            {
                var caseRow = (await context.Session.QuerySingleOrDefaultAsync<CaseRow>(
                    $"SELECT {CaseRow.Columns} FROM cases WHERE tenant_id = @TenantId AND id = @Id",
                    new { context.TenantId, Id = group.Key }).ConfigureAwait(false))!;
                var key = await CaseKeyAsync(context, caseRow).ConfigureAwait(false);
                result.AddRange(group.Select(r => ToTask(context.TenantId, key, r, context.Now)));
                await context.AuditAsync(caseRow.CaseId, null, $"count={group.Count()}").ConfigureAwait(false);
            }

            context.Detail = $"status={filter};count={result.Count}";
            return result.OrderBy(t => t.DueAt).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id).ToArray();
        }, cancellationToken);

    private static CaseTask ToTask(string tenantId, byte[] key, TaskRow r, long now)
    {
        var id = Guid.Parse(r.Id);
        var caseId = Guid.Parse(r.CaseId);
        FieldSlot Slot(string column) => new(tenantId, caseId, "tasks", id, column);
        var status = Enum.Parse<CaseTaskStatus>(r.Status);
        return new CaseTask(
            id,
            caseId,
            FieldCipher.DecryptString(key, Slot("title"), r.Title),
            r.Description is null ? null : FieldCipher.DecryptString(key, Slot("description"), r.Description),
            r.OwnerId,
            Time.FromMs(r.DueAt),
            status,
            r.AssessmentId is null ? null : new RecommendedActionLink(Guid.Parse(r.AssessmentId), FieldCipher.DecryptString(key, Slot("action_id"), r.ActionId)),
            r.CreatedBy,
            Time.FromMs(r.CreatedAt),
            Time.FromMs(r.UpdatedAt),
            r.Version)
        {
            IsOverdue = status is CaseTaskStatus.Open or CaseTaskStatus.InProgress && r.DueAt < now,
            CompletedBy = r.CompletedBy,
            CompletedAt = r.CompletedAt is { } completed ? Time.FromMs(completed) : null,
            CompletionNote = r.CompletionNote is null ? null : FieldCipher.DecryptString(key, Slot("completion_note"), r.CompletionNote),
            CancelledBy = r.CancelledBy,
            CancelledAt = r.CancelledAt is { } cancelled ? Time.FromMs(cancelled) : null,
            CancellationReason = r.CancelReason is null ? null : FieldCipher.DecryptString(key, Slot("cancel_reason"), r.CancelReason),
        };
    }

    /// <summary>A task's owner is on the case team: the case's responsible case manager, or a member (any member role).</summary>
    private static async Task EnsureOnTeamAsync(OperationContext context, CaseRow row, string ownerId)
    {
        if (ownerId == row.OwnerId || await IsMemberAsync(context.Session, context.TenantId, row.CaseId, ownerId).ConfigureAwait(false))
        {
            return;
        }

        throw new CaseStoreRuleException("owner-not-member", "ownerId", $"ownerId: the owner of a task must be a member of case {row.CaseId} or its responsible case manager.");
    }

    /// <summary>The step text of the linked recommended action, read from the stored assessment's JSON (<c>actions[].id</c>, <c>.step</c>; docs/assessment-json.md).</summary>
    private static async Task<string> RecommendedStepAsync(OperationContext context, CaseRow row, byte[] key, RecommendedActionLink link)
    {
        var assessment = await context.Session.QuerySingleOrDefaultAsync<AssessmentRow>(
            "SELECT id AS Id, is_challenger AS IsChallenger, result AS Result FROM assessments WHERE tenant_id = @TenantId AND case_id = @CaseId AND id = @Id",
            new { context.TenantId, CaseId = row.Id, Id = link.AssessmentId.ToString("D") }).ConfigureAwait(false)
            ?? throw new CaseStoreNotFoundException("assessment", link.AssessmentId);
        if (assessment.IsChallenger != 0)
        {
            throw new CaseStoreRuleException("challenger-assessment", "fromAssessment.assessmentId", $"fromAssessment.assessmentId: assessment {link.AssessmentId} was made by a challenger model (shadow mode); its actions are not acted on.");
        }

        var json = FieldCipher.DecryptString(key, new FieldSlot(context.TenantId, row.CaseId, "assessments", link.AssessmentId, "result"), assessment.Result);
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("actions", out var actions)
            && actions.ValueKind == JsonValueKind.Array)
        {
            foreach (var action in actions.EnumerateArray())
            {
                if (action.ValueKind == JsonValueKind.Object
                    && action.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == link.ActionId
                    && action.TryGetProperty("step", out var step) && step.ValueKind == JsonValueKind.String)
                {
                    return step.GetString()!;
                }
            }
        }

        throw new CaseStoreRuleException("action-not-recommended", "fromAssessment.actionId", $"fromAssessment.actionId: assessment {link.AssessmentId} recommends no action with this id.");
    }
}
