using Tma.CaseStore;
using Tma.Models.Cases;

namespace Tma.Host;

/// <summary>Request bodies. Unknown fields are refused (see <see cref="TmaHostApp"/>), so a typo never silently does nothing.</summary>
public sealed record CreateCaseRequest(string SubjectReference, CaseCategory Category, DateTimeOffset RetainUntil, string? OwnerId = null);

/// <summary>Moves a case along its workflow.</summary>
public sealed record ChangeStatusRequest(CaseStatus Status, long ExpectedVersion);

/// <summary>Assigns the case owner.</summary>
public sealed record AssignOwnerRequest(string OwnerId, long ExpectedVersion);

/// <summary>Sets the retention date.</summary>
public sealed record SetRetentionRequest(DateTimeOffset RetainUntil, long ExpectedVersion);

/// <summary>Adds a member to a case.</summary>
public sealed record AddMemberRequest(string UserId, CaseMemberRole Role, long ExpectedVersion);

/// <summary>Records an observation.</summary>
public sealed record AddObservationRequest(string InputId, string Value, DateTimeOffset ObservedAt, string Source, Guid? Supersedes = null, SourceReliability? Reliability = null);

/// <summary>Runs a model (and optionally a challenger) on the case's current observations.</summary>
/// <param name="Model"><c>id</c> or <c>id@range</c>, e.g. <c>workplace-violence-screening@^1.0</c>.</param>
/// <param name="Challenger">Optional challenger scored alongside and recorded, never shown as the result; defaults to the host's configured challenger for the package.</param>
/// <param name="AsOf">Assess as of this date; default: now (the host's clock), so evidence past its validity window no longer counts.</param>
public sealed record RunAssessmentRequest(string Model, string? Challenger = null, DateTimeOffset? AsOf = null);

/// <summary>Records the professional's decision.</summary>
public sealed record RecordDecisionRequest(Guid? AssessmentId, string FinalLevel, string Rationale, ModelAgreement Agreement, long ExpectedVersion, IReadOnlyDictionary<string, string>? Judgement = null);

/// <summary>Gives a task to a member of the case team.</summary>
/// <param name="OwnerId">A member of the case (any member role) or its responsible case manager.</param>
/// <param name="DueAt">When it is due.</param>
/// <param name="Title">What to do; defaults to the step text of <paramref name="FromAssessment"/>'s action.</param>
/// <param name="Description">Details, if any.</param>
/// <param name="FromAssessment">The recommended action of one of the case's assessments that the task carries out.</param>
public sealed record AddTaskRequest(string OwnerId, DateTimeOffset DueAt, string? Title = null, string? Description = null, RecommendedActionLink? FromAssessment = null);

/// <summary>Changes a task; absent fields stay as they are.</summary>
/// <param name="ExpectedVersion">The task's version the caller last saw.</param>
/// <param name="Status"><c>in_progress</c>, <c>open</c>, <c>done</c> (needs <paramref name="CompletionNote"/>) or <c>cancelled</c> (needs <paramref name="CancellationReason"/>).</param>
/// <param name="OwnerId">The new owner (case manager only).</param>
/// <param name="DueAt">The new due date (case manager only).</param>
/// <param name="CompletionNote">What was done; required with status <c>done</c>.</param>
/// <param name="CancellationReason">Why it is dropped; required with status <c>cancelled</c>.</param>
public sealed record UpdateTaskRequest(long ExpectedVersion, CaseTaskStatus? Status = null, string? OwnerId = null, DateTimeOffset? DueAt = null, string? CompletionNote = null, string? CancellationReason = null);

/// <summary>A note for the case team.</summary>
/// <param name="Text">The note.</param>
/// <param name="ReplyTo">The note of the same case it answers or corrects.</param>
public sealed record AddNoteRequest(string Text, Guid? ReplyTo = null);

/// <summary>Asks for an anonymized research export.</summary>
public sealed record ExportRequest(int K = 5, IReadOnlyList<string>? QuasiIdentifiers = null, string Purpose = "research");

/// <summary>Asks for the assessors' summary ratings on one model, for inter-rater agreement (<c>tma agreement --model</c>).</summary>
/// <param name="Model">The model whose judgement fields are exported: <c>id</c> or <c>id@range</c> of a package in service.</param>
/// <param name="Purpose">Keyed into the case and rater pseudonyms (as in the anonymized export).</param>
public sealed record JudgementExportRequest(string Model, string Purpose = "research");

/// <summary>The answer of a key rotation: how many wrapped keys were re-wrapped, and under which key-encryption key.</summary>
public sealed record KeyRotationResponse(int Rewrapped, string CurrentKeyId);

/// <summary>Schedules the case's next review; <c>dueAt: null</c> clears it (the field must be present).</summary>
/// <param name="DueAt">When the case is due for review, or null to clear.</param>
/// <param name="ExpectedVersion">The case version the caller last saw.</param>
/// <param name="Reason">Why (optional; only with a date).</param>
public sealed record SetReviewRequest([property: System.Text.Json.Serialization.JsonRequired] DateTimeOffset? DueAt, long ExpectedVersion, string? Reason = null);

/// <summary>Records a person on a case.</summary>
/// <param name="Role">person_of_concern, affected_person, witness, reporter or other.</param>
/// <param name="Reference">A pseudonymous reference (a key the organisation resolves, not a name).</param>
/// <param name="ExpectedVersion">The case version the caller last saw.</param>
/// <param name="Note">An optional note.</param>
public sealed record AddPersonRequest(PersonRole Role, string Reference, long ExpectedVersion, string? Note = null);

/// <summary>A second case manager confirms a pending override.</summary>
/// <param name="ExpectedVersion">The case version the caller last saw.</param>
/// <param name="Comment">An optional comment.</param>
public sealed record ConfirmDecisionRequest(long ExpectedVersion, string? Comment = null);

/// <summary>A second case manager rejects a pending override.</summary>
/// <param name="Reason">Why (required).</param>
/// <param name="ExpectedVersion">The case version the caller last saw.</param>
public sealed record RejectDecisionRequest(string Reason, long ExpectedVersion);
