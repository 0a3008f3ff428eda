namespace Tma.CaseStore;

/// <summary>A person of a case as the case report lists it: also the removed ones, as tombstones without content.</summary>
/// <param name="Role">Their part in the case.</param>
/// <param name="Reference">The pseudonymous reference; null once removed.</param>
/// <param name="IsCaseSubject">True for the case's subject.</param>
/// <param name="AddedBy">Who recorded them.</param>
/// <param name="AddedAt">When.</param>
/// <param name="RemovedBy">Who removed them, if removed.</param>
/// <param name="RemovedAt">When they were removed, if removed.</param>
public sealed record ReportPerson(PersonRole Role, string? Reference, bool IsCaseSubject, string AddedBy, DateTimeOffset AddedAt, string? RemovedBy, DateTimeOffset? RemovedAt)
{
    /// <summary>Whether the person was removed (their reference and note are erased).</summary>
    public bool IsRemoved => RemovedAt is not null;
}

/// <summary>
/// Everything the case report for management shows, read in one audited operation (<c>case.report</c>): the case,
/// its persons, assessments (with their full JSON), decisions, tasks and timeline. Not in it: note texts and the
/// names and contents of documents.
/// </summary>
/// <param name="Case">The case with its members and review.</param>
/// <param name="Persons">The subject first, then the recorded persons oldest first, removed ones included.</param>
/// <param name="Assessments">Every assessment, champion and challenger, oldest first.</param>
/// <param name="Decisions">Every decision with its four-eyes status, oldest first.</param>
/// <param name="Tasks">Every task, soonest due first.</param>
/// <param name="Timeline">The timeline without note texts and document names.</param>
/// <param name="ReadAt">When the report was read (the store's clock; overdue tasks are counted against it).</param>
public sealed record CaseReportData(
    CaseRecord Case,
    IReadOnlyList<ReportPerson> Persons,
    IReadOnlyList<AssessmentRecord> Assessments,
    IReadOnlyList<DecisionRecord> Decisions,
    IReadOnlyList<CaseTask> Tasks,
    CaseTimeline Timeline,
    DateTimeOffset ReadAt);
