using System.Globalization;

namespace Tma.CaseStore;

// Issue 15, four-eyes rule: a decision that overrides the model waits for a second case manager, who confirms or
// rejects it. Until confirmed it is not the case's decided level (exports read only decisions in effect).
public sealed partial class CaseStore
{
    /// <summary>Whether a new decision waits for a second case manager: every override of the model does.</summary>
    private static bool NeedsSecondManager(NewDecision decision) => decision.Agreement == ModelAgreement.Overrode;

    /// <summary>
    /// Confirms a pending override: it takes effect now. A second case manager only — not the one who recorded it —
    /// who owns or is a member of the case; bumps the version.
    /// </summary>
    /// <param name="caller">A case manager involved in the case, other than the decision's author.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="decisionId">The pending decision.</param>
    /// <param name="comment">An optional comment (encrypted).</param>
    /// <param name="expectedVersion">The version the caller last saw.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision, now <see cref="DecisionStatus.Confirmed"/>.</returns>
    /// <exception cref="CaseStoreNotFoundException">No such decision on this case.</exception>
    /// <exception cref="CaseStateException"><c>own-decision</c> (the caller recorded it), <c>decision-not-pending</c> (it needs no confirmation or was already answered), <c>case-closed</c>.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed since <paramref name="expectedVersion"/>.</exception>
    public Task<DecisionRecord> ConfirmDecisionAsync(Caller caller, Guid caseId, Guid decisionId, string? comment, long expectedVersion, CancellationToken cancellationToken = default) =>
        ReviewDecisionAsync(caller, Operation.DecisionConfirm, DecisionStatus.Confirmed, caseId, decisionId, comment, expectedVersion, cancellationToken);

    /// <summary>
    /// Rejects a pending override: it never takes effect (it stays on record with the reason). A second case manager
    /// only, as for <see cref="ConfirmDecisionAsync"/>; bumps the version.
    /// </summary>
    /// <param name="caller">A case manager involved in the case, other than the decision's author.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="decisionId">The pending decision.</param>
    /// <param name="reason">Why (required, encrypted).</param>
    /// <param name="expectedVersion">The version the caller last saw.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision, now <see cref="DecisionStatus.Rejected"/>.</returns>
    /// <exception cref="CaseStoreNotFoundException">No such decision on this case.</exception>
    /// <exception cref="CaseStateException"><c>own-decision</c>, <c>decision-not-pending</c>, <c>case-closed</c>.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed since <paramref name="expectedVersion"/>.</exception>
    public Task<DecisionRecord> RejectDecisionAsync(Caller caller, Guid caseId, Guid decisionId, string reason, long expectedVersion, CancellationToken cancellationToken = default) =>
        ReviewDecisionAsync(caller, Operation.DecisionReject, DecisionStatus.Rejected, caseId, decisionId, reason, expectedVersion, cancellationToken);

    private Task<DecisionRecord> ReviewDecisionAsync(
        Caller caller, Operation operation, DecisionStatus outcome, Guid caseId, Guid decisionId, string? comment, long expectedVersion, CancellationToken cancellationToken) =>
        RunAsync(caller, operation, caseId, async context =>
        {
            var field = outcome == DecisionStatus.Rejected ? "reason" : "comment";
            new Validator()
                .Check(comment is null ? outcome != DecisionStatus.Rejected : !string.IsNullOrWhiteSpace(comment) && comment.Length <= MaxFreeText, $"{field}: {(outcome == DecisionStatus.Rejected ? "required, " : "when given, ")}1 to {MaxFreeText} characters")
                .ThrowIfInvalid();
            var row = context.RequiredCase;
            var decision = await context.Session.QuerySingleOrDefaultAsync<DecisionRow>(
                $"SELECT {DecisionRow.Columns} FROM decisions WHERE tenant_id = @TenantId AND case_id = @CaseId AND id = @Id",
                new { context.TenantId, CaseId = row.Id, Id = decisionId.ToString("D") }).ConfigureAwait(false)
                ?? throw new CaseStoreNotFoundException("decision", decisionId);
            CheckVersion(row, expectedVersion);
            EnsureWritable(row);
            var answered = await context.Session.ScalarAsync<long>(
                "SELECT COUNT(*) FROM decision_reviews WHERE tenant_id = @TenantId AND decision_id = @Id",
                new { context.TenantId, Id = decision.Id }).ConfigureAwait(false);
            if (decision.NeedsConfirmation is null || answered > 0)
            {
                throw new CaseStateException("decision-not-pending", $"Decision {decisionId} is not waiting for a second case manager.");
            }

            if (string.Equals(decision.DecidedBy, caller.UserId, StringComparison.Ordinal))
            {
                throw new CaseStateException("own-decision", "Four-eyes rule: an override must be confirmed or rejected by a second case manager, not by the one who recorded it.");
            }

            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            await context.Session.ExecuteAsync(
                """
                INSERT INTO decision_reviews (tenant_id, decision_id, case_id, outcome, comment, reviewed_by, reviewed_at)
                VALUES (@TenantId, @DecisionId, @CaseId, @Outcome, @Comment, @ReviewedBy, @ReviewedAt)
                """,
                new
                {
                    context.TenantId,
                    DecisionId = decision.Id,
                    CaseId = row.Id,
                    Outcome = outcome.ToString(),
                    Comment = comment is null ? null : FieldCipher.EncryptString(key, Slot(context, caseId, "decision_reviews", decisionId, "comment"), comment),
                    ReviewedBy = caller.UserId,
                    ReviewedAt = context.Now,
                }).ConfigureAwait(false);
            await BumpAsync(context, row, expectedVersion).ConfigureAwait(false);
            context.RecordId = decisionId;
            context.Detail = $"outcome={outcome}";
            return (await ReadDecisionsAsync(context, row).ConfigureAwait(false)).Single(d => d.Id == decisionId);
        }, cancellationToken);

    /// <summary>
    /// The overrides waiting for a second case manager on the caller's cases (owned or member of; not closed, not
    /// shredded), oldest first, without content. The caller's own overrides are listed with <see cref="PendingDecision.CanConfirm"/> false.
    /// </summary>
    /// <param name="caller">A case manager.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pending decisions.</returns>
    public Task<IReadOnlyList<PendingDecision>> GetPendingDecisionsAsync(Caller caller, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<PendingDecision>>(caller, Operation.DecisionsPending, null, async context =>
        {
            var rows = await context.Session.QueryAsync<PendingRow>(
                $"""
                SELECT d.id AS Id, d.case_id AS CaseId, c.status AS Status, d.decided_by AS DecidedBy, d.decided_at AS DecidedAt
                FROM decisions d JOIN cases c ON c.tenant_id = d.tenant_id AND c.id = d.case_id
                WHERE d.tenant_id = @TenantId AND d.needs_confirmation IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM decision_reviews r WHERE r.tenant_id = d.tenant_id AND r.decision_id = d.id)
                  AND c.shredded_at IS NULL AND c.status <> '{nameof(CaseStatus.Closed)}'
                  AND ({InvolvedSql(caller)})
                ORDER BY d.decided_at, d.id
                """,
                new { context.TenantId, caller.UserId }).ConfigureAwait(false);
            context.Detail = string.Create(CultureInfo.InvariantCulture, $"count={rows.Count}");
            return rows.Select(r => new PendingDecision(
                Guid.Parse(r.Id),
                Guid.Parse(r.CaseId),
                Enum.Parse<CaseStatus>(r.Status),
                r.DecidedBy,
                Time.FromMs(r.DecidedAt),
                CanConfirm: !string.Equals(r.DecidedBy, caller.UserId, StringComparison.Ordinal))).ToArray();
        }, cancellationToken);

    /// <summary>The confirmations and rejections of a case's decisions, by decision id.</summary>
    private static async Task<Dictionary<string, ReviewAnswerRow>> DecisionReviewsAsync(OperationContext context, CaseRow row)
    {
        var rows = await context.Session.QueryAsync<ReviewAnswerRow>(
            "SELECT decision_id AS DecisionId, outcome AS Outcome, comment AS Comment, reviewed_by AS ReviewedBy, reviewed_at AS ReviewedAt FROM decision_reviews WHERE tenant_id = @TenantId AND case_id = @CaseId",
            new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
        return rows.ToDictionary(r => r.DecisionId, StringComparer.Ordinal);
    }

    /// <summary>The decision with its four-eyes status.</summary>
    private static DecisionRecord WithReview(OperationContext context, byte[] key, DecisionRecord record, bool needsConfirmation, Dictionary<string, ReviewAnswerRow> reviews)
    {
        if (!needsConfirmation)
        {
            return record;
        }

        if (!reviews.TryGetValue(record.Id.ToString("D"), out var answer))
        {
            return record with { Status = DecisionStatus.Pending };
        }

        var outcome = Enum.Parse<DecisionStatus>(answer.Outcome);
        var comment = answer.Comment is null ? null : FieldCipher.DecryptString(key, Slot(context, record.CaseId, "decision_reviews", record.Id, "comment"), answer.Comment);
        return record with { Status = outcome, Review = new DecisionReview(outcome, answer.ReviewedBy, Time.FromMs(answer.ReviewedAt), comment) };
    }

#pragma warning disable CA1812 // instantiated by Dapper
    private sealed class PendingRow
    {
        public string Id { get; set; } = "";

        public string CaseId { get; set; } = "";

        public string Status { get; set; } = "";

        public string DecidedBy { get; set; } = "";

        public long DecidedAt { get; set; }
    }

    private sealed class ReviewAnswerRow
    {
        public string DecisionId { get; set; } = "";

        public string Outcome { get; set; } = "";

        public byte[]? Comment { get; set; }

        public string ReviewedBy { get; set; } = "";

        public long ReviewedAt { get; set; }
    }
#pragma warning restore CA1812
}
