namespace Tma.Scoring.Assessments;

/// <summary>
/// An explained, advisory assessment of one case by one model version. Same inputs and same package hash give the
/// same assessment, byte for byte, apart from <see cref="AssessedAt"/>.
/// </summary>
public sealed record Assessment
{
    /// <summary>The model that made the assessment (id, version, content hash).</summary>
    public required ModelReference Model { get; init; }

    /// <summary>
    /// What the assessment can conclude given what is unknown: a <see cref="Conclusion.Level"/>, a
    /// <see cref="Conclusion.LowerBound"/> ("at least"), or <see cref="Conclusion.Unassessable"/>. Read it before
    /// <see cref="Level"/>.
    /// </summary>
    public required Conclusion Conclusion { get; init; }

    /// <summary>The conclusion in one sentence, in <see cref="Language"/>, as a professional should read it first.</summary>
    public required string ConclusionText { get; init; }

    /// <summary>
    /// The output level id (e.g. <c>manage</c>): the level under <see cref="Conclusion.Level"/>, the guaranteed minimum
    /// under <see cref="Conclusion.LowerBound"/>, and null when <see cref="Conclusion.Unassessable"/>.
    /// </summary>
    public required string? Level { get; init; }

    /// <summary>The level's label in <see cref="Language"/>; null when unassessable.</summary>
    public required string? LevelLabel { get; init; }

    /// <summary>Position of <see cref="Level"/> among the model's levels (0 = lowest); -1 when unassessable.</summary>
    public required int LevelRank { get; init; }

    /// <summary>
    /// The lowest and highest level a full answer of the unknown and contested items could give (rules models, from the
    /// model's conditions); null when nothing is unknown or the kind cannot bound it (classifiers).
    /// </summary>
    public LevelRange? PossibleLevels { get; init; }

    /// <summary>The language of every text in the assessment (ISO 639-1, e.g. <c>en</c>, <c>de</c>).</summary>
    public required string Language { get; init; }

    /// <summary>
    /// Every known current fact the assessment rests on, in model order: the value with, for observations, its date,
    /// source and reliability, and the special-category flag of sensitive inputs.
    /// </summary>
    public IReadOnlyList<EvidenceValue> Facts { get; init; } = [];

    /// <summary>Inputs whose sources contradict each other; they are shown, never resolved silently.</summary>
    public IReadOnlyList<Contradiction> Contradictions { get; init; } = [];

    /// <summary>The summary rating of the model's structured-professional-judgement layer that this result supports; null when the model has none.</summary>
    public JudgementSupport? Judgement { get; init; }

    /// <summary>The score (after proration, if the missing-data policy prorates).</summary>
    public required double Score { get; init; }

    /// <summary>Domain sub-scores, in declaration order.</summary>
    public IReadOnlyList<SubScore> SubScores { get; init; } = [];

    /// <summary>Calibrated probability where a classifier is involved; null for rule models.</summary>
    public double? Probability { get; init; }

    /// <summary>
    /// Classifier models (and composites with classifier components): each feature column's contribution to the raw
    /// score (ML.NET feature-contribution calculation; for logistic regression weight × encoded value on the log-odds
    /// scale), in feature-column order. Null for rules models.
    /// </summary>
    public IReadOnlyList<FeatureContribution>? Contributions { get; init; }

    /// <summary>Composite models: each component's result, in declaration order. Null for other kinds.</summary>
    public IReadOnlyList<ComponentResult>? Components { get; init; }

    /// <summary>Composite models: how the final level was reached from the components. Null for other kinds.</summary>
    public CombinationTrace? Combination { get; init; }

    /// <summary>The indicators that fired, in declaration order.</summary>
    public IReadOnlyList<FiredIndicator> Indicators { get; init; } = [];

    /// <summary>Critical-item overrides that raised the level.</summary>
    public IReadOnlyList<AppliedOverride> Overrides { get; init; } = [];

    /// <summary>Reason codes ranked by contribution, highest first.</summary>
    public IReadOnlyList<RankedReason> ReasonCodes { get; init; } = [];

    /// <summary>Recommended defusion steps and experts, most urgent first.</summary>
    public IReadOnlyList<RecommendedAction> Actions { get; init; } = [];

    /// <summary>What was missing and whether the result is still valid.</summary>
    public required MissingInformation Missing { get; init; }

    /// <summary>The norm (band set) used, if the model has bands.</summary>
    public string? Norm { get; init; }

    /// <summary>The case's reference date used by temporal helpers.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Which evaluation path produced the result: <c>nrules</c> (the reference) or <c>compiled</c> (the fast path, equal by construction and by differential tests).</summary>
    public required string Engine { get; init; }

    /// <summary>The advisory notice every output about a person carries.</summary>
    public required string AdvisoryNotice { get; init; }

    /// <summary>When the assessment was made, from the injected <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset AssessedAt { get; init; }
}

/// <summary>Identifies exactly which model package produced an assessment.</summary>
/// <param name="Id">Package id.</param>
/// <param name="Version">Semantic version.</param>
/// <param name="ContentHash">SHA-256 content hash of the package (<c>sha256:…</c>).</param>
/// <param name="Kind">Model kind (<c>rules</c>, <c>classifier</c>, <c>composite</c>).</param>
/// <param name="Title">Title.</param>
public sealed record ModelReference(string Id, string Version, string ContentHash, string Kind, string Title);

/// <summary>A domain sub-score.</summary>
/// <param name="Domain">Domain id.</param>
/// <param name="Label">Domain label.</param>
/// <param name="Score">Sub-score.</param>
public sealed record SubScore(string Domain, string Label, double Score);

/// <summary>A fact: an input value that made an indicator fire, or one the assessment rests on.</summary>
/// <param name="Input">Input id (with <c>.relevance</c> for the relevance axis).</param>
/// <param name="Value">The level or category id, the number, or <c>unknown</c>.</param>
/// <param name="ObservedAt">For a value from an observation: when it was observed.</param>
/// <param name="Source">For a value from an observation: its (pseudonymous) source, if recorded.</param>
/// <param name="Reliability">How directly the source knows it (<c>documented</c>, <c>first_hand</c>, <c>second_hand</c>, <c>hearsay</c>), if recorded.</param>
/// <param name="Sensitive">The special category of personal data the input records (e.g. <c>health</c>, GDPR Art. 9), if any.</param>
public sealed record EvidenceValue(string Input, string Value, DateTimeOffset? ObservedAt = null, string? Source = null, string? Reliability = null, string? Sensitive = null);

/// <summary>An indicator that fired.</summary>
public sealed record FiredIndicator
{
    /// <summary>Indicator id.</summary>
    public required string Id { get; init; }

    /// <summary>Label.</summary>
    public required string Label { get; init; }

    /// <summary>Points before weighting.</summary>
    public required double Points { get; init; }

    /// <summary>Contribution to the score (points × weight under the weighted policy).</summary>
    public required double Contribution { get; init; }

    /// <summary>Domain, if any.</summary>
    public string? Domain { get; init; }

    /// <summary>Why the indicator matters.</summary>
    public required string Reason { get; init; }

    /// <summary>Reason code.</summary>
    public required string ReasonCode { get; init; }

    /// <summary>The condition as written in the model.</summary>
    public required string Condition { get; init; }

    /// <summary>The input values (and dated observations) that triggered it.</summary>
    public IReadOnlyList<EvidenceValue> Evidence { get; init; } = [];
}

/// <summary>A critical-item override that raised the level.</summary>
/// <param name="Indicator">The indicator that carries the override.</param>
/// <param name="MinimumLevel">The level the result was raised to at least.</param>
/// <param name="LevelBefore">The level before the override.</param>
/// <param name="Reason">Why.</param>
public sealed record AppliedOverride(string Indicator, string MinimumLevel, string LevelBefore, string Reason);

/// <summary>A reason code with its contribution.</summary>
/// <param name="Code">Reason code.</param>
/// <param name="Contribution">Contribution to the score.</param>
/// <param name="Reason">Reason text.</param>
public sealed record RankedReason(string Code, double Contribution, string Reason);

/// <summary>A recommended defusion step.</summary>
/// <param name="Id">Action id.</param>
/// <param name="Step">What to do.</param>
/// <param name="Experts">Who to involve.</param>
/// <param name="Urgency">How soon: routine, soon, immediate.</param>
/// <param name="Because">Indicator ids (or <c>level:&lt;id&gt;</c>) that call for it.</param>
public sealed record RecommendedAction(string Id, string Step, IReadOnlyList<string> Experts, string Urgency, IReadOnlyList<string> Because);

/// <summary>Whether the result can be relied on given the missing inputs.</summary>
public enum Validity
{
    /// <summary>Nothing required is missing beyond what the policy allows.</summary>
    Valid,

    /// <summary>Some inputs were omitted within the policy's allowance; the score was prorated.</summary>
    Prorated,

    /// <summary>Too much is missing: the level is a lower bound, not an assessment.</summary>
    Insufficient,
}

/// <summary>Missing inputs and what the missing-data policy made of them.</summary>
/// <param name="Omitted">Ids of required inputs that are unknown (including stale ones).</param>
/// <param name="Allowed">How many omitted inputs the policy accepts.</param>
/// <param name="Policy">The policy (<c>max-omitted</c>, <c>prorate</c>, <c>insufficient</c>).</param>
/// <param name="Validity">The policy's verdict on the number of omitted inputs.</param>
/// <param name="Message">A plain-language explanation, in the assessment's language.</param>
public sealed record MissingInformation(IReadOnlyList<string> Omitted, int Allowed, string Policy, Validity Validity, string Message)
{
    /// <summary>True unless too much is missing.</summary>
    public bool IsValid => Validity != Validity.Insufficient;

    /// <summary>Key items (<c>must_know</c>) that are unknown, stale or contested: while any is, the conclusion is at most a lower bound.</summary>
    public IReadOnlyList<string> KeyItems { get; init; } = [];

    /// <summary>Inputs whose last observation is older than their validity window.</summary>
    public IReadOnlyList<StaleFact> Stale { get; init; } = [];
}
