// The case report for management: everything it shows, read in one audited operation, so that the report is one
// consistent picture of the case and the audit trail says "case.report" once rather than a read of every kind.
using System.Globalization;

namespace Tma.CaseStore;

public sealed partial class CaseStore
{
    /// <summary>
    /// Reads what the case report shows (<see cref="CaseReportData"/>): the case with its members and review, its
    /// persons (removed ones as tombstones), assessments, decisions, tasks and timeline — without note texts and
    /// without document names or contents. An audited read of content (<c>case.report</c>); need-to-know like the
    /// team process.
    /// </summary>
    /// <param name="caller">A case manager who owns or is a member of the case, or an expert who is a member.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report's data.</returns>
    /// <exception cref="CaseStoreNotFoundException">No such case in the caller's tenant, or the caller is not involved in it (need-to-know).</exception>
    /// <exception cref="ContentUnavailableException">The case was shredded, or a ciphertext fails authentication.</exception>
    public Task<CaseReportData> GetCaseReportAsync(Caller caller, Guid caseId, CancellationToken cancellationToken = default) =>
        RunAsync(caller, Operation.CaseReport, caseId, async context =>
        {
            var row = context.RequiredCase;
            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            var subject = FieldCipher.DecryptString(key, Slot(context, caseId, "cases", caseId, "subject_ref"), row.SubjectRef);
            var record = new CaseRecord(row.ToSummary(), subject, await MembersAsync(context, caseId).ConfigureAwait(false))
            {
                Review = await ReviewAsync(context, key, row).ConfigureAwait(false),
            };
            var persons = (await ReadReportPersonRowsAsync(context, row, key).ConfigureAwait(false)).Select(p => p.Person).ToArray();
            var assessments = await ReadAssessmentsAsync(context, row, full: true).ConfigureAwait(false);
            var decisions = await ReadDecisionsAsync(context, row).ConfigureAwait(false);
            var tasks = await ReadCaseTasksAsync(context, row, key).ConfigureAwait(false);
            var timeline = await BuildTimelineAsync(context, row, key, assessments, decisions, withTexts: false).ConfigureAwait(false);
            context.Detail = string.Create(CultureInfo.InvariantCulture, $"assessments={assessments.Count};decisions={decisions.Count};tasks={tasks.Count};events={timeline.Events.Count}");
            return new CaseReportData(record, persons, assessments, decisions, tasks, timeline, Time.FromMs(context.Now));
        }, cancellationToken);
}
