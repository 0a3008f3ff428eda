namespace Tma.CaseStore;

/// <summary>
/// Where a task of the case team stands: <see cref="Open"/> → <see cref="InProgress"/> → <see cref="Done"/>, or
/// <see cref="Cancelled"/> (with a reason) from either of the first two. Done and cancelled are final.
/// </summary>
public enum CaseTaskStatus
{
    /// <summary>Assigned, not started (the initial status).</summary>
    Open = 1,

    /// <summary>The owner is working on it.</summary>
    InProgress = 2,

    /// <summary>Completed, with a completion note (final).</summary>
    Done = 3,

    /// <summary>Dropped, with a reason (final).</summary>
    Cancelled = 4,
}

/// <summary>Which of the caller's tasks <see cref="CaseStore.ListOwnTasksAsync"/> returns.</summary>
public enum CaseTaskFilter
{
    /// <summary>Every task the caller owns.</summary>
    All = 1,

    /// <summary>Everything still to do: status open or in progress (overdue ones included).</summary>
    Open = 2,

    /// <summary>Still to do and due before now (the store's clock): not done, not cancelled, due date &lt; now.</summary>
    Overdue = 3,

    /// <summary>Done.</summary>
    Done = 4,

    /// <summary>Cancelled.</summary>
    Cancelled = 5,
}

/// <summary>The recommended action of a stored assessment that a task carries out.</summary>
/// <param name="AssessmentId">A champion assessment of the same case.</param>
/// <param name="ActionId">The id of one of that assessment's recommended actions (<c>actions[].id</c> of its JSON).</param>
public sealed record RecommendedActionLink(Guid AssessmentId, string ActionId);

/// <summary>A task to give to a member of the case team.</summary>
/// <param name="Title">What to do (encrypted); when null or empty and <paramref name="FromAssessment"/> is given, the action's step text in the language the assessment was made in.</param>
/// <param name="OwnerId">Who does it: a member of the case (any member role) or the case's responsible case manager.</param>
/// <param name="DueAt">When it is due.</param>
/// <param name="Description">Details (encrypted), if any.</param>
/// <param name="FromAssessment">The recommended action it carries out, if any; the link is kept with the task.</param>
public sealed record NewCaseTask(string? Title, string OwnerId, DateTimeOffset DueAt, string? Description = null, RecommendedActionLink? FromAssessment = null);

/// <summary>A change of a task; <see langword="null"/> properties stay as they are.</summary>
public sealed record CaseTaskChange
{
    /// <summary>The new status: <see cref="CaseTaskStatus.InProgress"/> (start), <see cref="CaseTaskStatus.Open"/> (put back), <see cref="CaseTaskStatus.Done"/> (complete; needs <see cref="CompletionNote"/>) or <see cref="CaseTaskStatus.Cancelled"/> (case manager only; needs <see cref="CancellationReason"/>).</summary>
    public CaseTaskStatus? Status { get; init; }

    /// <summary>The new owner (case manager only): a member of the case or its responsible case manager.</summary>
    public string? OwnerId { get; init; }

    /// <summary>The new due date (case manager only).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>What was done (encrypted): required when <see cref="Status"/> is <see cref="CaseTaskStatus.Done"/>, refused otherwise.</summary>
    public string? CompletionNote { get; init; }

    /// <summary>Why the task is dropped (encrypted): required when <see cref="Status"/> is <see cref="CaseTaskStatus.Cancelled"/>, refused otherwise.</summary>
    public string? CancellationReason { get; init; }
}

/// <summary>A stored task.</summary>
/// <param name="Id">The task id.</param>
/// <param name="CaseId">The case.</param>
/// <param name="Title">What to do (decrypted).</param>
/// <param name="Description">Details (decrypted), if any.</param>
/// <param name="OwnerId">Who does it.</param>
/// <param name="DueAt">When it is due.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="FromAssessment">The recommended action it carries out, if any.</param>
/// <param name="CreatedBy">The case manager who created it.</param>
/// <param name="CreatedAt">When (the store's clock).</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Version">The task's optimistic-concurrency version; pass it back to <see cref="CaseStore.UpdateTaskAsync"/>.</param>
public sealed record CaseTask(
    Guid Id,
    Guid CaseId,
    string Title,
    string? Description,
    string OwnerId,
    DateTimeOffset DueAt,
    CaseTaskStatus Status,
    RecommendedActionLink? FromAssessment,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    /// <summary>Whether it is still to do and its due date has passed, by the store's clock when it was read.</summary>
    public bool IsOverdue { get; init; }

    /// <summary>Who completed it, when done.</summary>
    public string? CompletedBy { get; init; }

    /// <summary>When it was completed, when done.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The completion note (decrypted), when done.</summary>
    public string? CompletionNote { get; init; }

    /// <summary>Who cancelled it, when cancelled.</summary>
    public string? CancelledBy { get; init; }

    /// <summary>When it was cancelled, when cancelled.</summary>
    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>Why it was cancelled (decrypted), when cancelled.</summary>
    public string? CancellationReason { get; init; }
}

/// <summary>
/// Labels of task statuses for people, in German and English (the API itself speaks the snake_case ids:
/// <c>open</c>, <c>in_progress</c>, <c>done</c>, <c>cancelled</c>, and the filter <c>overdue</c>).
/// </summary>
public static class CaseTaskLabels
{
    /// <summary>The label of <paramref name="status"/> in <paramref name="language"/> (<c>de</c>; anything else gives English).</summary>
    /// <param name="status">The status.</param>
    /// <param name="language">An ISO 639-1 code.</param>
    /// <returns>For example <c>In Bearbeitung</c> or <c>In progress</c>.</returns>
    public static string Of(CaseTaskStatus status, string language) => (status, language == "de") switch
    {
        (CaseTaskStatus.Open, true) => "Offen",
        (CaseTaskStatus.InProgress, true) => "In Bearbeitung",
        (CaseTaskStatus.Done, true) => "Erledigt",
        (CaseTaskStatus.Cancelled, true) => "Abgebrochen",
        (CaseTaskStatus.Open, false) => "Open",
        (CaseTaskStatus.InProgress, false) => "In progress",
        (CaseTaskStatus.Done, false) => "Done",
        (CaseTaskStatus.Cancelled, false) => "Cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a task status."),
    };

    /// <summary>The label for an overdue task in <paramref name="language"/> (<c>Überfällig</c>, <c>Overdue</c>).</summary>
    /// <param name="language">An ISO 639-1 code.</param>
    /// <returns>The label.</returns>
    public static string Overdue(string language) => language == "de" ? "Überfällig" : "Overdue";
}
