using System.Globalization;

namespace Tma.CaseStore;

public sealed partial class CaseStore
{
    /// <summary>
    /// Refuses to close a case while its team has open work: an override waiting for the second case manager
    /// (<c>pending-override</c>) or tasks that are open or in progress (<c>open-tasks</c>).
    /// </summary>
    private static async Task CheckNoOpenWorkAsync(OperationContext context, CaseRow row)
    {
        var pending = await context.Session.ScalarAsync<long>(
            """
            SELECT COUNT(*) FROM decisions d
            WHERE d.tenant_id = @TenantId AND d.case_id = @CaseId AND d.needs_confirmation IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM decision_reviews r WHERE r.tenant_id = d.tenant_id AND r.decision_id = d.id)
            """,
            new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
        if (pending > 0)
        {
            throw new CaseStateException("pending-override", string.Create(CultureInfo.InvariantCulture,
                $"Case {row.CaseId} cannot be closed: {pending} decision override(s) wait for a second case manager to confirm or reject."));
        }

        var open = await context.Session.ScalarAsync<long>(
            $"SELECT COUNT(*) FROM tasks WHERE tenant_id = @TenantId AND case_id = @CaseId AND status IN ('{nameof(CaseTaskStatus.Open)}', '{nameof(CaseTaskStatus.InProgress)}')",
            new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
        if (open > 0)
        {
            throw new CaseStateException("open-tasks", string.Create(CultureInfo.InvariantCulture,
                $"Case {row.CaseId} cannot be closed: {open} task(s) are open or in progress; complete or cancel them first."));
        }
    }
}
