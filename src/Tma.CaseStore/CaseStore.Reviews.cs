using System.Data;
using System.Globalization;

namespace Tma.CaseStore;

// Issue 15, re-assessment schedule: a case's next review, set by the team or defaulted from the model's validity
// windows, and the list of reviews that are due.
public sealed partial class CaseStore
{
    /// <summary>
    /// Schedules (or, with a null <paramref name="dueAt"/>, clears) the case's next review. A date set here is the
    /// team's: later assessments no longer move it. Clearing it hands the schedule back to the model's default (the
    /// next assessment that suggests a date sets one). Case manager who owns or is a member of the case; bumps the version.
    /// </summary>
    /// <param name="caller">A case manager involved in the case (owner or member).</param>
    /// <param name="caseId">The case.</param>
    /// <param name="dueAt">When the case is due for review; null to clear.</param>
    /// <param name="reason">Why (optional, encrypted; only with a date).</param>
    /// <param name="expectedVersion">The version the caller last saw.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case's new summary (with <see cref="CaseSummary.NextReviewAt"/>).</returns>
    /// <exception cref="CaseStoreValidationException">The reason is too long, or given without a date.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed since <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="CaseStateException">The case is closed (<c>case-closed</c>).</exception>
    public Task<CaseSummary> SetReviewAsync(Caller caller, Guid caseId, DateTimeOffset? dueAt, string? reason, long expectedVersion, CancellationToken cancellationToken = default) =>
        RunAsync(caller, Operation.CaseReview, caseId, async context =>
        {
            new Validator()
                .Check(dueAt is null || dueAt.Value != default, "dueAt: not a date")
                .Check(reason is null || dueAt is not null, "reason: only with a dueAt")
                .Check(reason is null || (!string.IsNullOrWhiteSpace(reason) && reason.Length <= MaxValue), $"reason: when given, 1 to {MaxValue} characters")
                .ThrowIfInvalid();
            var row = context.RequiredCase;
            CheckVersion(row, expectedVersion);
            EnsureWritable(row);
            byte[]? encryptedReason = null;
            if (reason is not null)
            {
                var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
                encryptedReason = FieldCipher.EncryptString(key, Slot(context, caseId, "cases", caseId, "review_reason"), reason);
            }

            await context.Session.ExecuteAsync(
                """
                UPDATE cases SET next_review_at = @DueAt, review_reason = @Reason, review_source = @Source, review_set_by = @SetBy, review_set_at = @SetAt
                WHERE tenant_id = @TenantId AND id = @Id
                """,
                new
                {
                    DueAt = dueAt?.ToUnixTimeMilliseconds(),
                    Reason = encryptedReason,
                    Source = dueAt is null ? null : nameof(ReviewSource.Team),
                    SetBy = dueAt is null ? null : caller.UserId,
                    SetAt = dueAt is null ? (long?)null : context.Now,
                    context.TenantId,
                    row.Id,
                }).ConfigureAwait(false);
            context.Detail = dueAt is { } due ? "due=" + due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "cleared";
            return await BumpAsync(context, row, expectedVersion).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// The caller's cases whose review is due on or before <paramref name="before"/>, oldest due first, without content.
    /// Need-to-know: a case manager sees the cases they own or are a member of, an expert the cases they are a member
    /// of. Closed and shredded cases are not listed.
    /// </summary>
    /// <param name="caller">A case manager or an expert.</param>
    /// <param name="before">The cut-off (inclusive); default: now by the store's clock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The due reviews; <see cref="DueReview.OverdueDays"/> counts from the due date to now.</returns>
    public Task<IReadOnlyList<DueReview>> GetDueReviewsAsync(Caller caller, DateTimeOffset? before = null, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<DueReview>>(caller, Operation.ReviewsDue, null, async context =>
        {
            var cutOff = before?.ToUnixTimeMilliseconds() ?? context.Now;
            var rows = await context.Session.QueryAsync<DueReviewRow>(
                $"""
                SELECT c.id AS Id, c.status AS Status, c.next_review_at AS NextReviewAt, c.review_source AS ReviewSource, c.owner_id AS OwnerId
                FROM cases c
                WHERE c.tenant_id = @TenantId AND c.next_review_at IS NOT NULL AND c.next_review_at <= @CutOff
                  AND c.shredded_at IS NULL AND c.status <> '{nameof(CaseStatus.Closed)}'
                  AND ({InvolvedSql(caller)})
                ORDER BY c.next_review_at, c.id
                """,
                new { context.TenantId, CutOff = cutOff, caller.UserId }).ConfigureAwait(false);
            context.Detail = string.Create(CultureInfo.InvariantCulture, $"count={rows.Count}");
            return rows.Select(r => new DueReview(
                Guid.Parse(r.Id),
                Enum.Parse<CaseStatus>(r.Status),
                Time.FromMs(r.NextReviewAt),
                (int)Math.Max(0, Math.Floor((context.Now - r.NextReviewAt) / (double)TimeSpan.MillisecondsPerDay)),
                Enum.Parse<ReviewSource>(r.ReviewSource ?? nameof(ReviewSource.Team)),
                r.OwnerId)).ToArray();
        }, cancellationToken);

    /// <summary>The condition (on the alias <c>c</c> of <c>cases</c>, parameters @TenantId and @UserId) of the cases the caller is involved in: owner or member for a case manager, member for an expert.</summary>
    private static string InvolvedSql(Caller caller)
    {
        const string member = "EXISTS (SELECT 1 FROM case_members m WHERE m.tenant_id = c.tenant_id AND m.case_id = c.id AND m.user_id = @UserId)";
        return caller.Role == CallerRole.CaseManager ? "c.owner_id = @UserId OR " + member : member;
    }

    /// <summary>The case's review, decrypted; null when none is scheduled.</summary>
    private static async Task<CaseReview?> ReviewAsync(OperationContext context, byte[] key, CaseRow row)
    {
        var review = await context.Session.QuerySingleOrDefaultAsync<ReviewRow>(
            "SELECT next_review_at AS NextReviewAt, review_reason AS Reason, review_source AS Source, review_set_by AS SetBy, review_set_at AS SetAt FROM cases WHERE tenant_id = @TenantId AND id = @Id",
            new { context.TenantId, row.Id }).ConfigureAwait(false);
        if (review?.NextReviewAt is not { } due)
        {
            return null;
        }

        var reason = review.Reason is null ? null : FieldCipher.DecryptString(key, Slot(context, row.CaseId, "cases", row.CaseId, "review_reason"), review.Reason);
        return new CaseReview(Time.FromMs(due), reason, Enum.Parse<ReviewSource>(review.Source ?? nameof(ReviewSource.Team)), review.SetBy ?? "", Time.FromMs(review.SetAt ?? due));
    }

    /// <summary>
    /// The model's default for the next review, written with a champion assessment that suggests one
    /// (<see cref="NewAssessment.ReviewBy"/>): it replaces an earlier model default or an empty schedule, never the team's date.
    /// </summary>
    private static string ModelReviewSql =>
        $"""
        UPDATE cases SET next_review_at = @ReviewBy, review_reason = NULL, review_source = '{nameof(ReviewSource.Model)}', review_set_by = @EnteredBy, review_set_at = @EnteredAt
        WHERE tenant_id = @TenantId AND id = @CaseId AND (review_source IS NULL OR review_source <> '{nameof(ReviewSource.Team)}')
        """;

    private static SqlStatement WithModelReview(SqlStatement insert, NewAssessment assessment) =>
        assessment.IsChallenger || assessment.ReviewBy is not { } reviewBy
            ? insert
            : new SqlStatement(insert.Sql.TrimEnd() + ";\n" + ModelReviewSql, [.. insert.Parameters, ("ReviewBy", reviewBy.ToUnixTimeMilliseconds(), DbType.Int64)]);

#pragma warning disable CA1812 // instantiated by Dapper
    private sealed class DueReviewRow
    {
        public string Id { get; set; } = "";

        public string Status { get; set; } = "";

        public long NextReviewAt { get; set; }

        public string? ReviewSource { get; set; }

        public string OwnerId { get; set; } = "";
    }

    private sealed class ReviewRow
    {
        public long? NextReviewAt { get; set; }

        public byte[]? Reason { get; set; }

        public string? Source { get; set; }

        public string? SetBy { get; set; }

        public long? SetAt { get; set; }
    }
#pragma warning restore CA1812
}
