using System.Collections.ObjectModel;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Scoring.Assessments;

namespace Tma.Scoring.Outcome;

/// <summary>What an assessment concludes and what it asks for before it can conclude more.</summary>
/// <param name="Conclusion">Level, lower bound or unassessable.</param>
/// <param name="Rank">The displayed level's rank; -1 when unassessable.</param>
/// <param name="Text">The conclusion in one sentence or two, in the assessment's language.</param>
/// <param name="Possible">The reachable levels when open items could change the level; null otherwise.</param>
/// <param name="KeyItems">Key items that are unknown, stale or contested.</param>
/// <param name="Stale">Inputs whose last report is older than its validity window.</param>
/// <param name="Contradictions">Contested inputs with every disagreeing report.</param>
/// <param name="Facts">The known current facts, in model order.</param>
/// <param name="Steps">Information-gathering steps, in the order they should be taken.</param>
/// <param name="Judgement">The summary rating the result supports, when the model has a judgement layer.</param>
internal sealed record ConclusionParts(
    Conclusion Conclusion,
    int Rank,
    string Text,
    LevelRange? Possible,
    IReadOnlyList<string> KeyItems,
    IReadOnlyList<StaleFact> Stale,
    IReadOnlyList<Contradiction> Contradictions,
    IReadOnlyList<EvidenceValue> Facts,
    IReadOnlyList<RecommendedAction> Steps,
    JudgementSupport? Judgement);

/// <summary>
/// Turns the computed level and its bounds into the conclusion a professional can act on: a level only when the
/// model's policy supports it (every key item known, missing data within the allowance) or when no answer could change
/// it; otherwise "at least" the guaranteed level, or unassessable when nothing above the lowest level is guaranteed.
/// The lowest level is never shown without support. Whatever is open becomes a step that names it.
/// </summary>
internal sealed class ConclusionBuilder
{
    private static readonly ReadOnlyCollection<string> NoExperts = new([]);
    private readonly ModelDefinition _model;
    private readonly OutcomeTexts _texts;

    public ConclusionBuilder(ModelDefinition model)
    {
        _model = model;
        _texts = OutcomeTexts.For(model.Language);
    }

    public OutcomeTexts Texts => _texts;

    /// <param name="data">The resolved case.</param>
    /// <param name="computedRank">The level the policy computes with unknown items read as the policy reads them.</param>
    /// <param name="bounds">The levels a completion can reach.</param>
    /// <param name="missing">The missing-data verdict (omitted required inputs).</param>
    public ConclusionParts Build(ResolvedCase data, int computedRank, RankRange bounds, MissingInformation missing)
    {
        var keyItems = new List<string>();
        var stale = new List<StaleFact>();
        var contradictions = new List<Contradiction>();
        var facts = new List<EvidenceValue>(_model.Inputs.Count);
        for (var i = 0; i < _model.Inputs.Count; i++)
        {
            var input = _model.Inputs[i];
            var state = data.StateOf(i);
            var open = AbstractEvaluator.IsOpen(data, i);
            if (open && input.MustKnow)
            {
                keyItems.Add(input.Id);
            }

            switch (state.Status)
            {
                case InputStatus.Stale when state.Report is { } old && input.ValidFor is { } period:
                    stale.Add(new StaleFact(input.Id, input.Label, old, period.ToString()));
                    break;
                case InputStatus.Contested:
                    contradictions.Add(new Contradiction(input.Id, input.Label, state.Conflicting, state.Report?.Value));
                    break;
            }

            if (data.Values[i] is { } value)
            {
                facts.Add(Fact(input, value, state.Status == InputStatus.Observed ? state.Report : null));
            }
        }

        var supported = keyItems.Count == 0 && missing.Validity != Validity.Insufficient;
        var top = _model.Levels.Count - 1;
        Conclusion conclusion;
        int rank;
        if (supported || (bounds.IsFixed && bounds.LowestRank < top))
        {
            conclusion = Conclusion.Level;
            rank = supported ? Math.Clamp(computedRank, bounds.LowestRank, bounds.HighestRank) : bounds.LowestRank;
        }
        else if (bounds.LowestRank > 0)
        {
            conclusion = Conclusion.LowerBound;
            rank = bounds.LowestRank;
        }
        else
        {
            conclusion = Conclusion.Unassessable;
            rank = -1;
        }

        var possible = bounds.IsFixed
            ? null
            : new LevelRange(_model.Levels[bounds.LowestRank].Id, _model.Levels[bounds.HighestRank].Id, Round(bounds.LowestScore), Round(bounds.HighestScore));
        var steps = Steps(keyItems, missing, stale, contradictions, conclusion);
        var text = Text(conclusion, rank, bounds, keyItems, missing, steps);
        return new ConclusionParts(conclusion, rank, text, possible, keyItems, stale, contradictions, facts, steps, Judgement(conclusion, rank));
    }

    /// <summary>The assessment of one case: the shared conclusion fields from <paramref name="concluded"/>, the rest from the kind.</summary>
    public Assessment Compose(ModelReference reference, ConclusionParts concluded, in KindOutcome kind, DateTimeOffset? asOf, DateTimeOffset assessedAt)
    {
        var level = concluded.Rank >= 0 ? _model.Levels[concluded.Rank] : null;
        return new Assessment
        {
            Model = reference,
            Conclusion = concluded.Conclusion,
            ConclusionText = concluded.Text,
            Level = level?.Id,
            LevelLabel = level?.Label,
            LevelRank = concluded.Rank,
            PossibleLevels = concluded.Possible,
            Language = _model.Language,
            Facts = concluded.Facts,
            Contradictions = concluded.Contradictions,
            Judgement = concluded.Judgement,
            Score = Math.Round(kind.Score, 6),
            Probability = kind.Probability is { } p ? Math.Round(p, 6) : null,
            SubScores = kind.SubScores ?? [],
            Indicators = kind.Indicators ?? [],
            Overrides = kind.Overrides ?? [],
            ReasonCodes = kind.ReasonCodes ?? [],
            Contributions = kind.Contributions,
            Components = kind.Components,
            Combination = kind.Combination,
            Actions = kind.Actions,
            Missing = kind.Missing,
            Norm = kind.Norm,
            AsOf = asOf,
            Engine = kind.Engine,
            AdvisoryNotice = _texts.AdvisoryNotice,
            AssessedAt = assessedAt,
        };
    }

    /// <summary>
    /// The model's actions with the information-gathering steps, most urgent first (an immediate protective step is
    /// never pushed down by a question); within one urgency the steps come first when the result is incomplete (they
    /// are what makes an assessment possible), after the model's own when the level stands.
    /// </summary>
    public static IReadOnlyList<RecommendedAction> Merge(IReadOnlyList<RecommendedAction> actions, ConclusionParts concluded)
    {
        if (concluded.Steps.Count == 0)
        {
            return actions; // already in plan order; the common case allocates nothing
        }

        RecommendedAction[] ordered = concluded.Conclusion == Conclusion.Level ? [.. actions, .. concluded.Steps] : [.. concluded.Steps, .. actions];
        return ActionOrder.Sort(ordered);
    }

    /// <summary>The recommended actions of an output level, most urgent first.</summary>
    public static RecommendedAction[] LevelActions(ModelDefinition model, int rank)
    {
        if (rank < 0)
        {
            return [];
        }

        var level = model.Levels[rank];
        return ActionOrder.Sort([.. level.Actions
            .Select(id => model.Actions.FirstOrDefault(a => a.Id == id))
            .OfType<ActionDefinition>()
            .Select(a => new RecommendedAction(a.Id, a.Step, [.. a.Experts.Select(ExpertNames.Of)], ActionOrder.Name(a.Urgency), ["level:" + level.Id]))]);
    }

    /// <summary>The missing-data verdict of every kind: the policy's verdict with the open key items and stale facts named.</summary>
    public MissingInformation Verdict(MissingInformation missing, ConclusionParts concluded)
    {
        if (concluded.KeyItems.Count == 0 && concluded.Stale.Count == 0)
        {
            return missing;
        }

        var message = missing.Message;
        if (concluded.KeyItems.Count > 0)
        {
            message += " " + Texts.KeyItemsNotKnown(OutcomeTexts.List(concluded.KeyItems.Select(id => _model.Inputs[_model.InputIndex(id)].Label)));
        }

        if (concluded.Stale.Count > 0)
        {
            message += " " + Texts.StaleItems(OutcomeTexts.List(concluded.Stale.Select(s => s.Label)));
        }

        return missing with { Message = message, KeyItems = concluded.KeyItems, Stale = concluded.Stale };
    }

    /// <summary>An evidence value of a known input, with its report's provenance and the input's special category.</summary>
    public EvidenceValue Fact(InputDefinition input, double value, ReportedValue? report) =>
        new(input.Id, input.Describe(value), report?.ObservedAt, report?.Source,
            report?.Reliability is { } r ? SourceReliabilityNames.Of(r) : null,
            input.Sensitive is { } s ? SpecialCategoryNames.Of(s) : null);

    private static double? Round(double? value) =>
        value is { } v && double.IsFinite(v) ? Math.Round(v, 6) : null;

    private string Label(string inputId) => _model.Inputs.First(i => i.Id == inputId).Label;

    private string Labels(IEnumerable<string> inputIds) => OutcomeTexts.List(inputIds.Select(Label));

    private List<RecommendedAction> Steps(List<string> keyItems, MissingInformation missing, List<StaleFact> stale, List<Contradiction> contradictions, Conclusion conclusion)
    {
        var steps = new List<RecommendedAction>();
        var urgency = ActionOrder.Name(conclusion == Conclusion.Level ? Urgency.Routine : Urgency.Soon);
        // A key item that is stale or contradicted gets its own, more specific step below (with the date or the
        // sources); asking for it twice would read as two tasks.
        var toGather = stale.Count == 0 && contradictions.Count == 0
            ? keyItems // the common case allocates nothing
            : keyItems.Where(k => !stale.Exists(s => s.Input == k) && !contradictions.Exists(c => c.Input == k)).ToList();
        if (toGather.Count > 0)
        {
            steps.Add(Step("gather-key-items", _texts.GatherKeyItems(Labels(toGather)), ActionOrder.Name(Urgency.Soon), toGather));
        }

        foreach (var contradiction in contradictions)
        {
            var reports = OutcomeTexts.List(contradiction.Reports.Select(r => _texts.Report(r.Value, r)));
            steps.Add(Step("resolve-contradiction", _texts.ResolveContradiction(contradiction.Label, reports), ActionOrder.Name(Urgency.Soon), [contradiction.Input]));
        }

        foreach (var fact in stale)
        {
            var period = _model.Inputs.First(i => i.Id == fact.Input).ValidFor!.Value;
            steps.Add(Step("refresh-stale", _texts.RefreshStale(fact.Label, OutcomeTexts.Date(fact.Report.ObservedAt), _texts.Period(period)), ActionOrder.Name(Urgency.Soon), [fact.Input]));
        }

        var others = missing.Omitted.Where(o => !keyItems.Contains(o) && !stale.Exists(s => s.Input == o) && !contradictions.Exists(c => c.Input == o)).ToArray();
        if (others.Length > 0)
        {
            steps.Add(Step("gather-missing", _texts.GatherMissing(Labels(others)), urgency, others));
        }

        return steps;
    }

    private static RecommendedAction Step(string id, string text, string urgency, IReadOnlyList<string> inputs) =>
        new(id, text, NoExperts, urgency, new ReadOnlyCollection<string>([.. inputs.Select(i => "input:" + i)]));

    private string Text(Conclusion conclusion, int rank, RankRange bounds, List<string> keyItems, MissingInformation missing, List<RecommendedAction> steps)
    {
        var lowest = _model.Levels[bounds.LowestRank].Label;
        var highest = _model.Levels[bounds.HighestRank].Label;
        if (conclusion == Conclusion.Level)
        {
            var label = _model.Levels[rank].Label;
            return bounds.IsFixed ? _texts.LevelConclusion(label) : _texts.LevelWithinRange(label, lowest, highest);
        }

        var why = keyItems.Count > 0
            ? _texts.WhyKeyItems(Labels(keyItems))
            : _texts.WhyTooMuchMissing(missing.Omitted.Count, _model.Inputs.Count(i => i.Required), missing.Allowed);
        if (conclusion == Conclusion.LowerBound)
        {
            var label = _model.Levels[rank].Label;
            return bounds.IsFixed ? _texts.LowerBoundAtTop(label, why) : _texts.LowerBound(label, highest, why);
        }

        var gather = keyItems.Count > 0 ? Labels(keyItems) : Labels(missing.Omitted);
        var text = _texts.Unassessable(why, gather);
        return bounds.IsFixed ? text : text + " " + _texts.UnassessableRange(lowest, highest);
    }

    /// <summary>The summary rating a conclusion supports, when the model has a judgement layer.</summary>
    public JudgementSupport? Judgement(Conclusion conclusion, int rank)
    {
        if (_model.Judgement is not { } judgement)
        {
            return null;
        }

        var field = judgement.SummaryField;
        if (conclusion == Conclusion.Unassessable || field.FromModel is not { } map || !map.TryGetValue(_model.Levels[rank].Id, out var rating))
        {
            return new JudgementSupport(field.Id, field.Label, null, null, false, _texts.JudgementNoSupport(field.Label));
        }

        var ratingLabel = field.Levels[field.LevelIndex(rating)].Label;
        var atLeast = conclusion == Conclusion.LowerBound;
        var statement = atLeast ? _texts.JudgementSupportsAtLeast(ratingLabel, field.Label) : _texts.JudgementSupports(ratingLabel, field.Label);
        return new JudgementSupport(field.Id, field.Label, rating, ratingLabel, atLeast, statement);
    }
}
