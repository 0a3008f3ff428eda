// The timeline of a case: what happened to it, oldest first, each with who and when. Most events come from the
// case's own records (observations, assessments, decisions and their confirmations, tasks, notes, documents, persons);
// what the schema keeps no history of — stage (status) changes, owner changes, members joining and leaving, reviews
// set by the team — comes from the case's own entries of the tenant's audit trail, which the store reads for this (the
// caller is authorised for the case, not for the audit trail: only the case's own entries of allowed operations are
// read, and only their sequence, time, actor, record and detail are used — the sequence orders operations that
// happened within the same millisecond).
using System.Globalization;
using System.Text.Json;
using Tma.Models.Cases;

namespace Tma.CaseStore;

public sealed partial class CaseStore
{
    /// <summary>The actions of the audit trail whose entries are the history of the case's metadata.</summary>
    private static readonly string[] TimelineAuditActions =
    [
        Operation.CaseCreate.AuditName, Operation.CaseStatus.AuditName, Operation.CaseOwner.AuditName,
        Operation.MemberAdd.AuditName, Operation.MemberRemove.AuditName, Operation.CaseReview.AuditName,
    ];

    /// <summary>
    /// The case's timeline, oldest first: opened, stage changes, owner and team changes, persons, observations (with
    /// their values), assessments, decisions and their confirmation or rejection, tasks created, completed and
    /// cancelled, notes (with their texts), documents (with their names) and reviews set by the team, each with who did
    /// it and when. An audited read of content (<c>case.timeline</c>); need-to-know like the team process.
    /// </summary>
    /// <param name="caller">A case manager who owns or is a member of the case, or an expert who is a member.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The timeline.</returns>
    /// <exception cref="CaseStoreNotFoundException">No such case in the caller's tenant, or the caller is not involved in it (need-to-know).</exception>
    /// <exception cref="ContentUnavailableException">The case was shredded, or a ciphertext fails authentication.</exception>
    public Task<CaseTimeline> GetTimelineAsync(Caller caller, Guid caseId, CancellationToken cancellationToken = default) =>
        RunAsync(caller, Operation.CaseTimeline, caseId, async context =>
        {
            var row = context.RequiredCase;
            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            var assessments = await ReadAssessmentsAsync(context, row, full: true).ConfigureAwait(false);
            var decisions = await ReadDecisionsAsync(context, row).ConfigureAwait(false);
            var timeline = await BuildTimelineAsync(context, row, key, assessments, decisions, withTexts: true).ConfigureAwait(false);
            context.Detail = string.Create(CultureInfo.InvariantCulture, $"count={timeline.Events.Count}");
            return timeline;
        }, cancellationToken);

    /// <summary>
    /// Assembles the timeline from the case's records and its audit entries; with <c>withTexts</c> false (the report)
    /// note texts and document names are left out (and not decrypted).
    /// </summary>
    private static async Task<CaseTimeline> BuildTimelineAsync(
        OperationContext context, CaseRow row, byte[] key, IReadOnlyList<AssessmentRecord> assessments, IReadOnlyList<DecisionRecord> decisions, bool withTexts)
    {
        var caseId = row.CaseId;
        var events = new List<(TimelineEvent Event, int Order, long? Sequence)>();
        void Add(long at, TimelineEventKind kind, string actor, Guid? refId, Dictionary<string, string> facts, int order = 0, long? sequence = null) =>
            events.Add((new TimelineEvent(Time.FromMs(at), kind, actor, refId, facts), order, sequence));
        void AddAt(DateTimeOffset at, TimelineEventKind kind, string actor, Guid? refId, Dictionary<string, string> facts, int order = 0) =>
            events.Add((new TimelineEvent(at, kind, actor, refId, facts), order, null));

        // The case's own audit entries of allowed operations: the history of the metadata (the actions that have no
        // record of their own), and the order of operations that happened within the same millisecond.
        var entries = await context.Session.QueryAsync<AuditRow>(
            $"""
            SELECT seq AS Sequence, at AS At, actor_id AS ActorId, action AS Action, record_id AS RecordId, detail AS Detail
            FROM audit_log
            WHERE tenant_id = @TenantId AND outcome = '{nameof(AuditOutcome.Allowed)}'
              AND (case_id = @CaseId OR (case_id IS NULL AND record_id = @CaseId AND action = '{Operation.CaseCreate.AuditName}'))
            ORDER BY seq
            """,
            new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
        var audit = entries.Where(e => TimelineAuditActions.Contains(e.Action, StringComparer.Ordinal)).ToArray();
        var members = await MembersAsync(context, caseId).ConfigureAwait(false);
        var opener = audit.FirstOrDefault(a => a.Action == Operation.CaseCreate.AuditName)?.ActorId ?? row.OwnerId;
        Add(row.CreatedAt, TimelineEventKind.Opened, opener, null, new(StringComparer.Ordinal) { ["category"] = row.Category }, order: -1, sequence: 0);
        var lastOwnerChange = audit.LastOrDefault(a => a.Action == Operation.CaseOwner.AuditName)?.Sequence;
        foreach (var entry in audit)
        {
            var facts = new Dictionary<string, string>(StringComparer.Ordinal);
            switch (entry.Action)
            {
                case var a when a == Operation.CaseStatus.AuditName && entry.Detail?.Split("->") is [var from, var to]:
                    facts["from"] = from;
                    facts["to"] = to;
                    Add(entry.At, TimelineEventKind.Status, entry.ActorId, null, facts, sequence: entry.Sequence);
                    break;
                case var a when a == Operation.CaseOwner.AuditName:
                    if (entry.Sequence == lastOwnerChange)
                    {
                        facts["owner"] = row.OwnerId;
                    }

                    Add(entry.At, TimelineEventKind.Owner, entry.ActorId, null, facts, sequence: entry.Sequence);
                    break;
                case var a when a == Operation.MemberAdd.AuditName:
                    facts["change"] = "added";
                    if (entry.Detail is { } detail && detail.StartsWith("role=", StringComparison.Ordinal))
                    {
                        facts["role"] = detail["role=".Length..];
                    }

                    // The audit entry does not name the member; a current member added in the same operation does.
                    if (members.FirstOrDefault(m => m.AddedAt.ToUnixTimeMilliseconds() == entry.At && (!facts.TryGetValue("role", out var role) || m.Role.ToString() == role)) is { } member)
                    {
                        facts["userId"] = member.UserId;
                    }

                    Add(entry.At, TimelineEventKind.Member, entry.ActorId, null, facts, sequence: entry.Sequence);
                    break;
                case var a when a == Operation.MemberRemove.AuditName:
                    facts["change"] = "removed";
                    Add(entry.At, TimelineEventKind.Member, entry.ActorId, null, facts, sequence: entry.Sequence);
                    break;
                case var a when a == Operation.CaseReview.AuditName:
                    if (entry.Detail is { } review && review.StartsWith("due=", StringComparison.Ordinal))
                    {
                        facts["dueAt"] = review["due=".Length..];
                    }
                    else
                    {
                        facts["cleared"] = "true";
                    }

                    Add(entry.At, TimelineEventKind.Review, entry.ActorId, null, facts, sequence: entry.Sequence);
                    break;
            }
        }

        foreach (var person in await ReadReportPersonRowsAsync(context, row, key).ConfigureAwait(false))
        {
            if (person.IsCaseSubject)
            {
                continue;
            }

            var added = new Dictionary<string, string>(StringComparer.Ordinal) { ["change"] = "added", ["role"] = person.Person.Role.ToString() };
            if (person.Person.Reference is { } reference)
            {
                added["reference"] = reference;
            }

            AddAt(person.Person.AddedAt, TimelineEventKind.Person, person.Person.AddedBy, person.Id, added);
            if (person.Person.RemovedAt is { } removedAt)
            {
                AddAt(removedAt, TimelineEventKind.Person, person.Person.RemovedBy ?? "", person.Id, new(StringComparer.Ordinal) { ["change"] = "removed", ["role"] = person.Person.Role.ToString() });
            }
        }

        foreach (var observation in await ReadObservationsAsync(context.Session, context.TenantId, row, key).ConfigureAwait(false))
        {
            var facts = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["input"] = observation.InputId,
                ["value"] = observation.Value,
                ["observedAt"] = Iso(observation.ObservedAt),
            };
            if (observation.Reliability is { } reliability)
            {
                facts["reliability"] = SourceReliabilityNames.Of(reliability);
            }

            if (observation.Supersedes is not null)
            {
                facts["correction"] = "true";
            }

            AddAt(observation.EnteredAt, TimelineEventKind.Observation, observation.RaterId, observation.Id, facts);
        }

        foreach (var assessment in assessments)
        {
            var a = assessment.Assessment;
            var facts = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["model"] = a.PackageId,
                ["version"] = a.PackageVersion,
                ["asOf"] = Iso(a.AsOf ?? a.AssessedAt),
            };
            if (a.IsChallenger)
            {
                facts["challenger"] = "true";
            }
            else
            {
                facts["level"] = a.Level;
                facts["conclusion"] = ConclusionOf(a.AssessmentJson);
            }

            AddAt(assessment.EnteredAt, TimelineEventKind.Assessment, assessment.EnteredBy, assessment.Id, facts);
        }

        var assessed = assessments.ToDictionary(a => a.Id);
        foreach (var decision in decisions)
        {
            var decided = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["level"] = decision.Decision.FinalLevel,
                ["agreement"] = decision.Decision.Agreement.ToString(),
                ["status"] = decision.Status.ToString(),
            };
            if (decision.Decision.AssessmentId is { } assessmentId && assessed.TryGetValue(assessmentId, out var basis))
            {
                // The model whose levels the decided level is one of.
                decided["model"] = basis.Assessment.PackageId;
                decided["version"] = basis.Assessment.PackageVersion;
            }

            AddAt(decision.DecidedAt, TimelineEventKind.Decision, decision.DecidedBy, decision.Id, decided);
            if (decision.Review is { } review)
            {
                var facts = new Dictionary<string, string>(StringComparer.Ordinal) { ["outcome"] = review.Outcome.ToString() };
                if (review.Comment is { } comment)
                {
                    facts["comment"] = comment;
                }

                AddAt(review.ReviewedAt, TimelineEventKind.DecisionReview, review.ReviewedBy, decision.Id, facts);
            }
        }

        foreach (var task in await ReadCaseTasksAsync(context, row, key).ConfigureAwait(false))
        {
            AddAt(task.CreatedAt, TimelineEventKind.Task, task.CreatedBy, task.Id, new(StringComparer.Ordinal)
            {
                ["title"] = task.Title,
                ["owner"] = task.OwnerId,
                ["dueAt"] = Iso(task.DueAt),
            });
            if (task is { Status: CaseTaskStatus.Done, CompletedAt: { } completedAt })
            {
                AddAt(completedAt, TimelineEventKind.TaskDone, task.CompletedBy ?? "", task.Id, new(StringComparer.Ordinal) { ["title"] = task.Title, ["note"] = task.CompletionNote ?? "" });
            }

            if (task is { Status: CaseTaskStatus.Cancelled, CancelledAt: { } cancelledAt })
            {
                AddAt(cancelledAt, TimelineEventKind.TaskCancelled, task.CancelledBy ?? "", task.Id, new(StringComparer.Ordinal) { ["title"] = task.Title, ["reason"] = task.CancellationReason ?? "" });
            }
        }

        var notes = await context.Session.QueryAsync<NoteRow>(
            withTexts
                ? $"SELECT {NoteRow.Columns} FROM notes WHERE tenant_id = @TenantId AND case_id = @CaseId"
                : "SELECT id AS Id, case_id AS CaseId, reply_to_id AS ReplyToId, author_id AS AuthorId, written_at AS WrittenAt FROM notes WHERE tenant_id = @TenantId AND case_id = @CaseId",
            new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
        foreach (var note in notes)
        {
            var id = Guid.Parse(note.Id);
            var facts = new Dictionary<string, string>(StringComparer.Ordinal);
            if (withTexts)
            {
                facts["text"] = FieldCipher.DecryptString(key, Slot(context, caseId, "notes", id, "text"), note.Text);
            }

            if (note.ReplyToId is not null)
            {
                facts["reply"] = "true";
            }

            Add(note.WrittenAt, TimelineEventKind.Note, note.AuthorId, id, facts);
        }

        var documents = await context.Session.QueryAsync<DocumentRow>(
            $"SELECT {DocumentRow.InfoColumns} FROM documents WHERE tenant_id = @TenantId AND case_id = @CaseId",
            new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
        foreach (var document in documents)
        {
            var id = Guid.Parse(document.Id);
            var facts = new Dictionary<string, string>(StringComparer.Ordinal) { ["size"] = document.Size.ToString(CultureInfo.InvariantCulture) };
            if (withTexts)
            {
                facts["name"] = FieldCipher.DecryptString(key, Slot(context, caseId, "documents", id, "name"), document.Name);
            }

            Add(document.UploadedAt, TimelineEventKind.Document, document.UploadedBy, id, facts);
        }

        // Oldest first. Within one millisecond, in the order of the operations that recorded them (their audit
        // entries' sequence: an event's operation wrote its entry at the same time, about the same record or by the
        // same actor), then in the order the process produces them.
        var byTime = entries.ToLookup(e => e.At);
        long SequenceOf((TimelineEvent Event, int Order, long? Sequence) e)
        {
            if (e.Sequence is { } known)
            {
                return known;
            }

            var candidates = byTime[e.Event.At.ToUnixTimeMilliseconds()];
            var record = e.Event.RefId?.ToString("D");
            return (candidates.FirstOrDefault(c => record is not null && c.RecordId == record && c.ActorId == e.Event.ActorId)
                ?? candidates.FirstOrDefault(c => c.ActorId == e.Event.ActorId))?.Sequence ?? long.MaxValue;
        }

        var ordered = events
            .OrderBy(e => e.Event.At)
            .ThenBy(SequenceOf)
            .ThenBy(e => e.Order)
            .ThenBy(e => (int)e.Event.Kind)
            .ThenBy(e => e.Event.RefId?.ToString("D") ?? "", StringComparer.Ordinal)
            .Select(e => e.Event)
            .ToArray();
        return new CaseTimeline(caseId, ordered);
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The conclusion of a stored assessment's JSON (<c>conclusion</c>: <c>level</c>, <c>lowerBound</c>, <c>unassessable</c>; docs/assessment-json.md) as <c>level</c>, <c>lower_bound</c> or <c>unassessable</c>.</summary>
    private static string ConclusionOf(string assessmentJson)
    {
        using var document = JsonDocument.Parse(assessmentJson);
        var conclusion = document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("conclusion", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
        return conclusion switch
        {
            "lowerBound" => "lower_bound",
            "unassessable" => "unassessable",
            _ => "level",
        };
    }

    /// <summary>Every task of the case, soonest due first, decrypted.</summary>
    private static async Task<IReadOnlyList<CaseTask>> ReadCaseTasksAsync(OperationContext context, CaseRow row, byte[] key)
    {
        var rows = await context.Session.QueryAsync<TaskRow>(
            $"SELECT {TaskRow.Columns} FROM tasks WHERE tenant_id = @TenantId AND case_id = @CaseId ORDER BY due_at, created_at, id",
            new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
        return rows.Select(r => ToTask(context.TenantId, key, r, context.Now)).ToArray();
    }

    /// <summary>The case's subject and every recorded person, removed ones as tombstones, oldest first.</summary>
    private static async Task<IReadOnlyList<(Guid Id, bool IsCaseSubject, ReportPerson Person)>> ReadReportPersonRowsAsync(OperationContext context, CaseRow row, byte[] key)
    {
        var caseId = row.CaseId;
        var rows = await context.Session.QueryAsync<ReportPersonRow>(
            """
            SELECT id AS Id, person_role AS Role, reference AS Reference, added_by AS AddedBy, added_at AS AddedAt, removed_by AS RemovedBy, removed_at AS RemovedAt
            FROM case_persons WHERE tenant_id = @TenantId AND case_id = @CaseId
            ORDER BY added_at, id
            """,
            new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
        var subject = new ReportPerson(
            PersonRole.PersonOfConcern,
            FieldCipher.DecryptString(key, Slot(context, caseId, "cases", caseId, "subject_ref"), row.SubjectRef),
            IsCaseSubject: true,
            row.OwnerId,
            Time.FromMs(row.CreatedAt),
            null,
            null);
        return
        [
            (caseId, true, subject),
            .. rows.Select(r =>
            {
                var id = Guid.Parse(r.Id);
                return (id, false, new ReportPerson(
                    Enum.Parse<PersonRole>(r.Role),
                    r.Reference is null ? null : FieldCipher.DecryptString(key, Slot(context, caseId, "case_persons", id, "reference"), r.Reference),
                    IsCaseSubject: false,
                    r.AddedBy,
                    Time.FromMs(r.AddedAt),
                    r.RemovedBy,
                    r.RemovedAt is { } removed ? Time.FromMs(removed) : null));
            }),
        ];
    }

#pragma warning disable CA1812 // instantiated by Dapper
    private sealed class ReportPersonRow
    {
        public string Id { get; set; } = "";

        public string Role { get; set; } = "";

        public byte[]? Reference { get; set; }

        public string AddedBy { get; set; } = "";

        public long AddedAt { get; set; }

        public string? RemovedBy { get; set; }

        public long? RemovedAt { get; set; }
    }
#pragma warning restore CA1812
}
