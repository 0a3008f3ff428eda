// The priority of every case the caller may list, in one audited read (case.priorities): the web UI's case list
// needs it for every row, and reading decisions and risk curve per case would be two audited content reads per case.
using System.Security.Cryptography;
using System.Text.Json;

namespace Tma.CaseStore;

public sealed partial class CaseStore
{
    /// <summary>
    /// The priority of each case the caller may list (exactly the cases of <see cref="ListCasesAsync"/>, in its order):
    /// the final level of the latest decision in effect, else the latest champion assessment's level and conclusion,
    /// and whether an override waits for confirmation. One audited read of content (<c>case.priorities</c>, detail:
    /// the number of cases). A shredded case, or one whose key cannot be unwrapped, is listed as <c>unavailable</c>.
    /// </summary>
    /// <param name="caller">A case manager (all the tenant's cases) or an expert (the cases they are a member of).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One priority per case, oldest case first.</returns>
    public Task<IReadOnlyList<CasePriority>> GetCasePrioritiesAsync(Caller caller, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<CasePriority>>(caller, Operation.CasePriorities, null, async context =>
        {
            var rows = await VisibleCaseRowsAsync(context, caller).ConfigureAwait(false);
            var result = new List<CasePriority>(rows.Count);
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                result.Add(await PriorityOfAsync(context, row).ConfigureAwait(false));
            }

            context.Detail = $"count={rows.Count}";
            return result;
        }, cancellationToken);

    private async Task<CasePriority> PriorityOfAsync(OperationContext context, CaseRow row)
    {
        var caseId = row.CaseId;
        byte[] key;
        try
        {
            key = await CaseKeyAsync(context, row).ConfigureAwait(false);
        }
        catch (ContentUnavailableException)
        {
            return new CasePriority(caseId, "unavailable", null, null, null, null, false);
        }

        try
        {
            // Decisions: the latest in effect (no confirmation needed, or confirmed), and whether one is pending.
            var decisions = await context.Session.QueryAsync<DecisionRow>(
                $"SELECT {DecisionRow.Columns} FROM decisions WHERE tenant_id = @TenantId AND case_id = @CaseId ORDER BY decided_at, id",
                new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
            var reviews = decisions.Any(d => d.NeedsConfirmation is not null)
                ? await DecisionReviewsAsync(context, row).ConfigureAwait(false)
                : new Dictionary<string, ReviewAnswerRow>(StringComparer.Ordinal);
            DecisionRow? inEffect = null;
            var pending = false;
            foreach (var d in decisions)
            {
                var status = d.NeedsConfirmation is null
                    ? DecisionStatus.Effective
                    : reviews.TryGetValue(d.Id, out var answer) ? Enum.Parse<DecisionStatus>(answer.Outcome) : DecisionStatus.Pending;
                if (status is DecisionStatus.Effective or DecisionStatus.Confirmed)
                {
                    inEffect = d;
                }
                else if (status == DecisionStatus.Pending)
                {
                    pending = true;
                }
            }

            // The latest champion assessment, ordered as the risk curve orders its points (as-of date, then when assessed).
            var assessments = await context.Session.QueryAsync<AssessmentRow>(
                "SELECT id AS Id, package_id AS PackageId, package_version AS PackageVersion, level AS Level, assessed_at AS AssessedAt, as_of AS AsOf FROM assessments WHERE tenant_id = @TenantId AND case_id = @CaseId AND is_challenger = 0 ORDER BY assessed_at, entered_at, id",
                new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
            var latest = assessments.OrderBy(a => a.AsOf ?? a.AssessedAt).ThenBy(a => a.AssessedAt).LastOrDefault();

            if (inEffect is not null)
            {
                var level = FieldCipher.DecryptString(key, Slot(context, caseId, "decisions", Guid.Parse(inEffect.Id), "final_level"), inEffect.FinalLevel);
                return new CasePriority(caseId, "decision", level, null, latest?.PackageId, latest?.PackageVersion, pending);
            }

            if (latest is not null)
            {
                var id = Guid.Parse(latest.Id);
                var level = FieldCipher.DecryptString(key, Slot(context, caseId, "assessments", id, "level"), latest.Level);
                var result = await context.Session.QuerySingleOrDefaultAsync<byte[]>(
                    "SELECT result FROM assessments WHERE tenant_id = @TenantId AND case_id = @CaseId AND id = @Id",
                    new { context.TenantId, CaseId = row.Id, Id = latest.Id }).ConfigureAwait(false) ?? [];
                var conclusion = PriorityConclusion(FieldCipher.DecryptString(key, Slot(context, caseId, "assessments", id, "result"), result));
                return new CasePriority(caseId, "model", conclusion == "unassessable" ? null : level, conclusion, latest.PackageId, latest.PackageVersion, pending);
            }

            return new CasePriority(caseId, "none", null, null, null, null, pending);
        }
        catch (CryptographicException)
        {
            // Content that cannot be decrypted with the case's key: this case only, not the whole list.
            return new CasePriority(caseId, "unavailable", null, null, null, null, false);
        }
    }

    /// <summary>The conclusion of a stored assessment's JSON (<c>level</c>, <c>lowerBound</c>, <c>unassessable</c>; docs/assessment-json.md).</summary>
    private static string PriorityConclusion(string assessmentJson)
    {
        try
        {
            using var document = JsonDocument.Parse(assessmentJson);
            var conclusion = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("conclusion", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
            return conclusion is "lowerBound" or "unassessable" ? conclusion : "level";
        }
        catch (JsonException)
        {
            return "level";
        }
    }
}
