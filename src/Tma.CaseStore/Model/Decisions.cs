namespace Tma.CaseStore;

/// <summary>Whether the professional followed the model (human oversight, EU AI Act Art. 14).</summary>
public enum ModelAgreement
{
    /// <summary>The final level is the model's.</summary>
    Followed = 1,

    /// <summary>The professional overrode the model.</summary>
    Overrode = 2,

    /// <summary>No model assessment was involved.</summary>
    NoModel = 3,
}

/// <summary>A professional's decision on a case.</summary>
/// <param name="AssessmentId">The assessment the decision responds to, if any (must belong to the case).</param>
/// <param name="FinalLevel">The level the professional settled on; encrypted.</param>
/// <param name="Rationale">Why (free text, encrypted; dropped from exports).</param>
/// <param name="Agreement">Whether the model was followed or overridden.</param>
public sealed record NewDecision(Guid? AssessmentId, string FinalLevel, string Rationale, ModelAgreement Agreement)
{
    /// <summary>
    /// The assessor's structured professional judgement, field id → rating id or free text, for the fields the model's
    /// <c>judgement:</c> declares (e.g. <c>priority: high</c>, <c>imminence: within_weeks</c>, <c>formulation: …</c>);
    /// recorded beside the model's result so that agreement between the model and assessors, and between assessors,
    /// can be measured. Null when the decision records none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Judgement { get; init; }
}

/// <summary>A stored decision.</summary>
/// <param name="Id">The decision id.</param>
/// <param name="CaseId">The case.</param>
/// <param name="Decision">What was decided.</param>
/// <param name="DecidedBy">Who decided.</param>
/// <param name="DecidedAt">When (the store's clock).</param>
public sealed record DecisionRecord(Guid Id, Guid CaseId, NewDecision Decision, string DecidedBy, DateTimeOffset DecidedAt)
{
    /// <summary>Whether the decision is in effect: an override is <see cref="DecisionStatus.Pending"/> until a second case manager confirms or rejects it.</summary>
    public DecisionStatus Status { get; init; } = DecisionStatus.Effective;

    /// <summary>The second case manager's confirmation or rejection; null while pending and for decisions that need none.</summary>
    public DecisionReview? Review { get; init; }

    /// <summary>Whether the decision counts as the case's decided level (<see cref="DecisionStatus.Effective"/> or <see cref="DecisionStatus.Confirmed"/>).</summary>
    public bool IsInEffect => Status is DecisionStatus.Effective or DecisionStatus.Confirmed;
}
