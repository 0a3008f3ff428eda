namespace Tma.CaseStore;

// Row shapes of the team's tasks and notes, as stored (Dapper maps the aliased columns). Times are Unix ms (UTC).
#pragma warning disable CA1812 // instantiated by Dapper

internal sealed class TaskRow
{
    public const string Columns = "id AS Id, case_id AS CaseId, title AS Title, description AS Description, owner_id AS OwnerId, due_at AS DueAt, status AS Status, assessment_id AS AssessmentId, action_id AS ActionId, created_by AS CreatedBy, created_at AS CreatedAt, updated_at AS UpdatedAt, completed_by AS CompletedBy, completed_at AS CompletedAt, completion_note AS CompletionNote, cancelled_by AS CancelledBy, cancelled_at AS CancelledAt, cancel_reason AS CancelReason, version AS Version";

    public string Id { get; set; } = "";

    public string CaseId { get; set; } = "";

    public byte[] Title { get; set; } = [];

    public byte[]? Description { get; set; }

    public string OwnerId { get; set; } = "";

    public long DueAt { get; set; }

    public string Status { get; set; } = "";

    public string? AssessmentId { get; set; }

    public byte[]? ActionId { get; set; }

    public string CreatedBy { get; set; } = "";

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public string? CompletedBy { get; set; }

    public long? CompletedAt { get; set; }

    public byte[]? CompletionNote { get; set; }

    public string? CancelledBy { get; set; }

    public long? CancelledAt { get; set; }

    public byte[]? CancelReason { get; set; }

    public long Version { get; set; }
}

internal sealed class NoteRow
{
    public const string Columns = "id AS Id, case_id AS CaseId, text AS Text, reply_to_id AS ReplyToId, author_id AS AuthorId, written_at AS WrittenAt";

    public string Id { get; set; } = "";

    public string CaseId { get; set; } = "";

    public byte[] Text { get; set; } = [];

    public string? ReplyToId { get; set; }

    public string AuthorId { get; set; } = "";

    public long WrittenAt { get; set; }
}
#pragma warning restore CA1812
