namespace Tma.CaseStore;

/// <summary>Every operation of the store, with the name it has in the audit trail and who may perform it.</summary>
internal sealed class Operation
{
    private readonly CallerRole[] _roles;

    private Operation(string auditName, bool caseScoped, params CallerRole[] roles)
    {
        AuditName = auditName;
        CaseScoped = caseScoped;
        _roles = roles;
    }

    /// <summary>The action name written to the audit trail.</summary>
    public string AuditName { get; }

    /// <summary>Whether the operation targets one case (and so is subject to the membership check for experts).</summary>
    public bool CaseScoped { get; }

    public bool Allows(CallerRole role) => Array.IndexOf(_roles, role) >= 0;

    /// <summary>
    /// Need-to-know for the operations of the team process (reviews, persons, four-eyes, tasks, notes): the caller
    /// must be involved in the case — an expert must be a member, a case manager its owner or a member. A caller
    /// who is not gets exactly the answer of a case that does not exist (not-found, audited as a denial), so that a
    /// guessed case id reveals nothing (need-to-know of the GDPR and the works-council rules).
    /// </summary>
    public bool TeamOnly { get; private init; }

    public IReadOnlyList<CallerRole> Roles => _roles;

    public override string ToString() => AuditName;

    private const CallerRole Manager = CallerRole.CaseManager;
    private const CallerRole Expert = CallerRole.Expert;

    public static readonly Operation TenantCreate = new("tenant.create", false, CallerRole.Administrator);
    public static readonly Operation KeysRotate = new("keys.rotate", false, CallerRole.Administrator);
    public static readonly Operation CaseShred = new("case.shred", true, CallerRole.Administrator);
    public static readonly Operation RetentionSweep = new("case.retention-sweep", false, CallerRole.Administrator);

    public static readonly Operation CaseCreate = new("case.create", false, Manager);
    public static readonly Operation CaseList = new("case.list", false, Manager, Expert);
    public static readonly Operation CaseRead = new("case.read", true, Manager, Expert);
    public static readonly Operation CaseStatus = new("case.status", true, Manager);
    public static readonly Operation CaseOwner = new("case.owner", true, Manager);
    public static readonly Operation CaseRetention = new("case.retention", true, Manager);
    public static readonly Operation MemberAdd = new("case.member.add", true, Manager);
    public static readonly Operation MemberRemove = new("case.member.remove", true, Manager);

    public static readonly Operation ObservationAdd = new("observation.add", true, Manager, Expert);
    public static readonly Operation ObservationRead = new("observation.read", true, Manager, Expert);
    public static readonly Operation AssessmentAdd = new("assessment.add", true, Manager, Expert);
    public static readonly Operation AssessmentRead = new("assessment.read", true, Manager, Expert);
    public static readonly Operation RiskCurveRead = new("risk-curve.read", true, Manager, Expert);
    public static readonly Operation DecisionAdd = new("decision.add", true, Manager);
    public static readonly Operation DecisionRead = new("decision.read", true, Manager, Expert);
    public static readonly Operation DocumentAdd = new("document.add", true, Manager, Expert);
    public static readonly Operation DocumentList = new("document.list", true, Manager, Expert);
    public static readonly Operation DocumentRead = new("document.read", true, Manager, Expert);

    public static readonly Operation CaseReview = new("case.review", true, Manager) { TeamOnly = true };
    public static readonly Operation ReviewsDue = new("case.review.due", false, Manager, Expert);
    public static readonly Operation PersonAdd = new("case.person.add", true, Manager) { TeamOnly = true };
    public static readonly Operation PersonList = new("case.person.list", true, Manager, Expert) { TeamOnly = true };
    public static readonly Operation PersonRemove = new("case.person.remove", true, Manager) { TeamOnly = true };
    public static readonly Operation DecisionConfirm = new("decision.confirm", true, Manager) { TeamOnly = true };
    public static readonly Operation DecisionReject = new("decision.reject", true, Manager) { TeamOnly = true };
    public static readonly Operation DecisionsPending = new("decision.pending", false, Manager);
    public static readonly Operation TaskAdd = new("task.add", true, Manager) { TeamOnly = true };
    public static readonly Operation TaskUpdate = new("task.update", true, Manager, Expert) { TeamOnly = true };
    public static readonly Operation TaskComplete = new("task.complete", true, Manager, Expert) { TeamOnly = true };
    public static readonly Operation TaskCancel = new("task.cancel", true, Manager) { TeamOnly = true };
    public static readonly Operation TaskRead = new("task.read", true, Manager, Expert) { TeamOnly = true };
    public static readonly Operation TaskList = new("task.list", false, Manager, Expert);
    public static readonly Operation NoteAdd = new("note.add", true, Manager, Expert) { TeamOnly = true };
    public static readonly Operation NoteRead = new("note.read", true, Manager, Expert) { TeamOnly = true };
    public static readonly Operation CaseTimeline = new("case.timeline", true, Manager, Expert) { TeamOnly = true };
    public static readonly Operation CaseReport = new("case.report", true, Manager, Expert) { TeamOnly = true };
    public static readonly Operation CasePriorities = new("case.priorities", false, Manager, Expert);

    public static readonly Operation AuditRead = new("audit.read", false, CallerRole.Auditor);
    public static readonly Operation AuditVerify = new("audit.verify", false, CallerRole.Auditor);
    public static readonly Operation Export = new("export.anonymized", false, CallerRole.Researcher);
    public static readonly Operation ExportJudgements = new("export.judgements", false, CallerRole.Researcher);

    public static IReadOnlyList<Operation> All { get; } =
    [
        TenantCreate, KeysRotate, CaseShred, RetentionSweep,
        CaseCreate, CaseList, CaseRead, CaseStatus, CaseOwner, CaseRetention, MemberAdd, MemberRemove,
        ObservationAdd, ObservationRead, AssessmentAdd, AssessmentRead, RiskCurveRead,
        DecisionAdd, DecisionRead, DocumentAdd, DocumentList, DocumentRead,
        TaskAdd, TaskUpdate, TaskComplete, TaskCancel, TaskRead, TaskList, NoteAdd, NoteRead,
        AuditRead, AuditVerify, Export, ExportJudgements,
        CaseReview, ReviewsDue, PersonAdd, PersonList, PersonRemove, DecisionConfirm, DecisionReject, DecisionsPending,
        CaseTimeline, CaseReport,
        CasePriorities,
    ];
}
