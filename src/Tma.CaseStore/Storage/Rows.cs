namespace Tma.CaseStore;

// Row shapes as stored: Dapper maps the aliased columns onto these. Times are Unix milliseconds (UTC).
#pragma warning disable CA1812 // instantiated by Dapper

internal sealed class TenantHead
{
    public long HeadSequence { get; set; }

    public byte[] HeadHash { get; set; } = [];
}

internal sealed class AuditRow
{
    public long Sequence { get; set; }

    public long At { get; set; }

    public string ActorId { get; set; } = "";

    public string ActorRole { get; set; } = "";

    public string Action { get; set; } = "";

    public string Outcome { get; set; } = "";

    public string? CaseId { get; set; }

    public string? RecordId { get; set; }

    public string? Detail { get; set; }

    public byte[] PreviousHash { get; set; } = [];

    public byte[] Hash { get; set; } = [];
}

internal sealed class CaseRow
{
    public const string Columns = "id AS Id, subject_ref AS SubjectRef, category AS Category, status AS Status, owner_id AS OwnerId, retain_until AS RetainUntil, created_at AS CreatedAt, updated_at AS UpdatedAt, shredded_at AS ShreddedAt, version AS Version, next_review_at AS NextReviewAt";

    public string Id { get; set; } = "";

    public byte[] SubjectRef { get; set; } = [];

    public string Category { get; set; } = "";

    public string Status { get; set; } = "";

    public string OwnerId { get; set; } = "";

    public long RetainUntil { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public long? ShreddedAt { get; set; }

    public long Version { get; set; }

    /// <summary>When the case is next due for review (issue 15); null when none is scheduled.</summary>
    public long? NextReviewAt { get; set; }

    /// <summary>The data key's KEK id, when the query joined <c>case_keys</c> (the prepared path reads both at once).</summary>
    public string? KekId { get; set; }

    /// <summary>The wrapped data key, when the query joined <c>case_keys</c>.</summary>
    public byte[]? WrappedKey { get; set; }

    public Guid CaseId => Guid.Parse(Id);

    public CaseSummary ToSummary() => new(
        CaseId,
        Enum.Parse<CaseCategory>(Category),
        Enum.Parse<CaseStatus>(Status),
        OwnerId,
        Time.FromMs(RetainUntil),
        Time.FromMs(CreatedAt),
        Time.FromMs(UpdatedAt),
        Version,
        ShreddedAt is not null)
    {
        NextReviewAt = NextReviewAt is { } review ? Time.FromMs(review) : null,
    };
}

/// <summary>What the commit queue checks of a case under the tenant lock.</summary>
internal sealed class CaseStateRow
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public long? ShreddedAt { get; set; }
}

internal sealed class MemberRow
{
    public const string Columns = "user_id AS UserId, member_role AS MemberRole, added_at AS AddedAt";

    public string UserId { get; set; } = "";

    public string MemberRole { get; set; } = "";

    public long AddedAt { get; set; }
}

internal sealed class KeyRow
{
    public string CaseId { get; set; } = "";

    public string KekId { get; set; } = "";

    public byte[] WrappedKey { get; set; } = [];
}

internal sealed class ObservationRow
{
    public const string Columns = "id AS Id, case_id AS CaseId, input_id AS InputId, value AS Value, source AS Source, observed_at AS ObservedAt, entered_at AS EnteredAt, rater_id AS RaterId, supersedes_id AS SupersedesId, reliability AS Reliability";

    public string Id { get; set; } = "";

    public string CaseId { get; set; } = "";

    public byte[] InputId { get; set; } = [];

    public byte[] Value { get; set; } = [];

    public byte[] Source { get; set; } = [];

    public long ObservedAt { get; set; }

    public long EnteredAt { get; set; }

    public string RaterId { get; set; } = "";

    public string? SupersedesId { get; set; }

    public byte[]? Reliability { get; set; }
}

internal sealed class AssessmentRow
{
    public const string Columns = "id AS Id, case_id AS CaseId, package_id AS PackageId, package_version AS PackageVersion, package_hash AS PackageHash, is_challenger AS IsChallenger, level AS Level, score AS Score, inputs AS Inputs, result AS Result, assessed_at AS AssessedAt, as_of AS AsOf, entered_at AS EnteredAt, entered_by AS EnteredBy";

    public string Id { get; set; } = "";

    public string CaseId { get; set; } = "";

    public string PackageId { get; set; } = "";

    public string PackageVersion { get; set; } = "";

    public string PackageHash { get; set; } = "";

    public long IsChallenger { get; set; }

    public byte[] Level { get; set; } = [];

    public byte[]? Score { get; set; }

    public byte[] Inputs { get; set; } = [];

    public byte[] Result { get; set; } = [];

    public long AssessedAt { get; set; }

    public long? AsOf { get; set; }

    public long EnteredAt { get; set; }

    public string EnteredBy { get; set; } = "";
}

internal sealed class DecisionRow
{
    public const string Columns = "id AS Id, case_id AS CaseId, assessment_id AS AssessmentId, final_level AS FinalLevel, rationale AS Rationale, agreement AS Agreement, decided_by AS DecidedBy, decided_at AS DecidedAt, judgement AS Judgement, needs_confirmation AS NeedsConfirmation";

    public string Id { get; set; } = "";

    public string CaseId { get; set; } = "";

    public string? AssessmentId { get; set; }

    public byte[] FinalLevel { get; set; } = [];

    public byte[] Rationale { get; set; } = [];

    public string Agreement { get; set; } = "";

    public byte[]? Judgement { get; set; }

    public string DecidedBy { get; set; } = "";

    public long DecidedAt { get; set; }

    /// <summary>1 when the decision waits for a second case manager (an override recorded under schema 5 or later).</summary>
    public long? NeedsConfirmation { get; set; }
}

internal sealed class DocumentRow
{
    public const string InfoColumns = "id AS Id, case_id AS CaseId, name AS Name, content_type AS ContentType, size AS Size, uploaded_by AS UploadedBy, uploaded_at AS UploadedAt";

    public string Id { get; set; } = "";

    public string CaseId { get; set; } = "";

    public byte[] Name { get; set; } = [];

    public byte[] ContentType { get; set; } = [];

    public long Size { get; set; }

    public byte[]? Content { get; set; }

    public string UploadedBy { get; set; } = "";

    public long UploadedAt { get; set; }
}

internal static class Time
{
    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
#pragma warning restore CA1812
