using System.Collections.ObjectModel;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Scoring.Assessments;
using Tma.Scoring.Compilation;
using Tma.Scoring.Outcome;

namespace Tma.Scoring.Aggregation;

/// <summary>Which indicators fired for a case, with the observations that matched temporal joins.</summary>
/// <param name="Fired">Per indicator (model order): did it fire.</param>
/// <param name="Evidence">Per indicator: matched observations (input index, level position, time).</param>
internal sealed record Firings(bool[] Fired, IReadOnlyList<ResolvedObservation>[] Evidence);

/// <summary>Score, level and validity of one row, without the explanation (batch evaluation).</summary>
/// <param name="Score">The score after proration, not rounded.</param>
/// <param name="LevelRank">The final level's rank, after overrides.</param>
/// <param name="Validity">What the missing-data policy made of the row.</param>
internal readonly record struct RowOutcome(double Score, int LevelRank, Validity Validity);

/// <summary>
/// Applies a model's aggregation policy to the fired indicators: score, bands, domain sub-scores, critical-item
/// overrides, missing-data policy, ranked reason codes and recommended actions. Deterministic: every list is
/// ordered by declaration order or an explicit rank with declaration order as tie-break.
/// </summary>
/// <remarks>
/// Every lookup (level ranks, norms, actions, reason-code groups, domain membership, evidence values of levelled
/// inputs, missing-data messages) is computed once here, so <see cref="Aggregate"/> allocates only what the assessment
/// it returns holds. Sums run in declaration order starting from +0.0, exactly as the policy defines them, so every
/// evaluation path that hands the same <see cref="Firings"/> in gets the same result bit for bit. Immutable after
/// construction and safe to share between threads; per-call scratch space lives on the stack or in a thread-local buffer.
/// Parts of an assessment that are the same for every case that produces them are built once and shared: the explanation
/// of an indicator with constant points whose evidence inputs are all levelled (one per combination of their levels, at
/// most 256), a reason code that only one fired indicator with constant points contributes to, an action recommended for
/// exactly one reason, a zero sub-score. They are immutable records with read-only lists, so sharing them is invisible.
/// </remarks>
internal sealed partial class Aggregator
{
    private const int StackLimit = 256;

    [ThreadStatic]
    private static EvidenceValue[]? t_evidence;

    private readonly ModelDefinition _model;
    private readonly ScoringDefinition _scoring;
    private readonly AggregationPolicy _policy;
    private readonly IndicatorDefinition[] _indicators;
    private readonly Func<double?[], double?[], double?>?[] _points;
    private readonly double[] _constantPoints;
    private readonly double[] _weights;
    private readonly int[] _indicatorLevel;
    private readonly bool[] _namesLevel;
    private readonly int[] _minimumLevel;
    private readonly Func<double?[], double?[], double?>? _score;
    private readonly EvidenceSlot[][] _evidenceSlots;
    private readonly int _maxEvidence;
    private readonly DomainSlot[] _domains;
    private readonly int[] _indicatorDomain;
    private readonly Dictionary<string, NormIndex> _norms;
    private readonly NormIndex? _defaultNorm;
    private readonly int[] _reasonGroup;
    private readonly int _reasonGroupCount;
    private readonly ActionSlot[] _actions;
    private readonly int[][] _levelActions;
    private readonly string[] _levelBecause;
    private readonly int[][] _indicatorActions;
    private readonly bool[] _indicatorHasAction;
    private readonly MissingDataVerdict _missing;
    private readonly Urgency[] _actionUrgency;
    private readonly LevelBounds _bounds;
    private readonly ConclusionBuilder _conclusions;

    // Immutable parts of assessments that recur from case to case, built once (or on first use) and shared; see
    // the remarks on the class. Every cached list is a read-only wrapper, so no assessment can change another's.
    private const int MaxCachedExplanations = 256;
    private readonly FiredIndicator?[]?[] _explanations;
    private readonly RankedReason?[] _soloReasons;
    private readonly double[] _constantContribution;
    private readonly RecommendedAction[][] _levelOnlyActions;
    private readonly Dictionary<int, RecommendedAction>[] _indicatorOnlyActions;
    private readonly SubScore[] _zeroSubScores;

    public Aggregator(ModelDefinition model)
    {
        _model = model;
        _bounds = new LevelBounds(model);
        _conclusions = new ConclusionBuilder(model);
        _scoring = model.Scoring ?? throw new InvalidOperationException($"Model {model.Id} has no scoring section.");
        _policy = _scoring.Policy;
        _indicators = [.. model.Indicators];
        var n = _indicators.Length;
        _points = new Func<double?[], double?[], double?>?[n];
        _constantPoints = new double[n];
        _weights = new double[n];
        _indicatorLevel = new int[n];
        _namesLevel = new bool[n];
        _minimumLevel = new int[n];
        _evidenceSlots = new EvidenceSlot[n][];
        for (var i = 0; i < n; i++)
        {
            var indicator = _indicators[i];
            _points[i] = indicator.PointsExpression is null ? null : ConditionCompiler.NumberDelegate(indicator.PointsExpression);
            _constantPoints[i] = indicator.Points;
            _weights[i] = indicator.Weight;
            _namesLevel[i] = indicator.Level is not null;
            _indicatorLevel[i] = indicator.Level is { } named ? model.LevelIndex(named) : 0;
            _minimumLevel[i] = indicator.MinimumLevel is { } minimum ? model.LevelIndex(minimum) : -1;
            _evidenceSlots[i] = EvidenceSlots(indicator.Condition);
            _maxEvidence = Math.Max(_maxEvidence, _evidenceSlots[i].Length);
        }

        _score = _scoring.Score is { } score ? ConditionCompiler.NumberDelegate(score) : null;
        (_domains, _indicatorDomain) = Domains(model, _scoring);
        _norms = new Dictionary<string, NormIndex>(StringComparer.Ordinal);
        foreach (var norm in _scoring.Norms)
        {
            _norms.TryAdd(norm.Id, new NormIndex(norm, new BandScale(norm.Bands, model, $"norm {norm.Id}")));
        }

        _defaultNorm = _scoring.DefaultNorm is { } defaultNorm ? _norms.GetValueOrDefault(defaultNorm) : null;

        // Reason codes group indicators; each group gets a dense index.
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        _reasonGroup = new int[n];
        for (var i = 0; i < n; i++)
        {
            if (!groups.TryGetValue(_indicators[i].ReasonCode, out var group))
            {
                groups[_indicators[i].ReasonCode] = group = groups.Count;
            }

            _reasonGroup[i] = group;
        }

        _reasonGroupCount = groups.Count;

        // Actions: catalogue slots with their final strings, and per level / indicator the distinct actions they name.
        var actionIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        _actions = new ActionSlot[model.Actions.Count];
        for (var a = 0; a < _actions.Length; a++)
        {
            var action = model.Actions[a];
            actionIndex.TryAdd(action.Id, a);
            _actions[a] = new ActionSlot(
                action,
                new ReadOnlyCollection<string>([.. action.Experts.Select(ExpertNames.Of)]),
                ActionOrder.Name(action.Urgency));
        }

        _actionUrgency = [.. model.Actions.Select(a => a.Urgency)];

        _levelActions = [.. model.Levels.Select(l => DistinctActions(l.Actions, actionIndex))];
        _levelBecause = [.. model.Levels.Select(l => "level:" + l.Id)];
        _indicatorActions = new int[n][];
        _indicatorHasAction = new bool[n * Math.Max(1, _actions.Length)];
        for (var i = 0; i < n; i++)
        {
            _indicatorActions[i] = DistinctActions(_indicators[i].Actions, actionIndex);
            foreach (var a in _indicatorActions[i])
            {
                _indicatorHasAction[(i * _actions.Length) + a] = true;
            }
        }

        // Missing data: the policy's name, allowance and one message per number of omitted inputs.
        _missing = new MissingDataVerdict(model, UnknownReading.CountsAsAbsent);

        _constantContribution = new double[n];
        _explanations = new FiredIndicator?[]?[n];
        _soloReasons = new RankedReason?[n];
        _indicatorOnlyActions = new Dictionary<int, RecommendedAction>[n];
        for (var i = 0; i < n; i++)
        {
            var indicator = _indicators[i];
            _indicatorOnlyActions[i] = _indicatorActions[i].ToDictionary(a => a, a => Action(a, indicator.Id));
            if (_points[i] is not null)
            {
                continue;
            }

            _constantContribution[i] = Contribution(i, _constantPoints[i]);
            _soloReasons[i] = new RankedReason(indicator.ReasonCode, Math.Round(_constantContribution[i], 6), indicator.Reason);
            var combinations = 1;
            foreach (var slot in _evidenceSlots[i])
            {
                combinations = slot.Levels == 0 || combinations > MaxCachedExplanations ? int.MaxValue : combinations * (slot.Levels + 1);
            }

            if (combinations <= MaxCachedExplanations)
            {
                _explanations[i] = new FiredIndicator?[combinations];
            }
        }

        _levelOnlyActions = new RecommendedAction[model.Levels.Count][];
        for (var l = 0; l < model.Levels.Count; l++)
        {
            var reason = _levelBecause[l];
            _levelOnlyActions[l] = [.. Enumerable.Range(0, _actions.Length).Select(a => Action(a, reason))];
        }

        _zeroSubScores = [.. _domains.Select(d => new SubScore(d.Id, d.Label, 0))];
    }

    /// <summary>Number of indicators (the length of <see cref="Firings.Fired"/>).</summary>
    public int IndicatorCount => _indicators.Length;

    /// <summary>The band set used for <paramref name="norm"/> (null = the model's default); null under highest-level.</summary>
    /// <exception cref="ArgumentException">The model has no norm with that id.</exception>
    public NormIndex? NormFor(string? norm)
    {
        if (_policy == AggregationPolicy.HighestLevel)
        {
            return null;
        }

        if (norm is null)
        {
            return _defaultNorm;
        }

        return _norms.TryGetValue(norm, out var found)
            ? found
            : throw new ArgumentException($"The model has no norm `{norm}`; its norms are {string.Join(", ", _norms.Keys)}.", nameof(norm));
    }

    /// <summary>
    /// Score, level and validity of one row: the same steps as <see cref="Aggregate"/> (points, policy, proration,
    /// bands, overrides) without building the explanation.
    /// </summary>
    public RowOutcome Outcome(double?[] values, double?[] relevance, bool[] fired, NormIndex? norm)
    {
        var n = _indicators.Length;
        Span<int> index = n <= StackLimit ? stackalloc int[n] : new int[n];
        Span<double> points = n <= StackLimit ? stackalloc double[n] : new double[n];
        Span<double> contributions = n <= StackLimit ? stackalloc double[n] : new double[n];
        var count = CollectFired(fired, values, relevance, index, points, contributions);
        var omitted = _missing.CountOmitted(values);
        var validity = _missing.ValidityFor(omitted);
        var score = Score(index[..count], contributions[..count], values, relevance, omitted, validity);
        var rank = norm is null ? (int)score : norm.Scale.Rank(score);
        rank = FinalRank(index[..count], rank);
        return new RowOutcome(score, rank, validity);
    }

    public Assessment Aggregate(ResolvedCase data, Firings firings, ModelReference reference, string engine, DateTimeOffset assessedAt)
    {
        var values = data.Values as double?[] ?? [.. data.Values];
        var relevance = data.Relevance as double?[] ?? [.. data.Relevance];
        var n = _indicators.Length;
        Span<int> index = n <= StackLimit ? stackalloc int[n] : new int[n];
        Span<double> points = n <= StackLimit ? stackalloc double[n] : new double[n];
        Span<double> contributions = n <= StackLimit ? stackalloc double[n] : new double[n];
        var count = CollectFired(firings.Fired, values, relevance, index, points, contributions);
        index = index[..count];
        points = points[..count];
        contributions = contributions[..count];

        var omitted = _missing.CountOmitted(values);
        var missing = _missing.For(values, omitted);
        var score = Score(index, contributions, values, relevance, omitted, missing.Validity);

        var norm = _policy == AggregationPolicy.HighestLevel ? null : data.Norm ?? _scoring.DefaultNorm;
        var bands = norm is null ? null : _norms.TryGetValue(norm, out var found) ? found : throw new InvalidOperationException($"Norm {norm} is not a norm of model {_model.Id}.");
        var rank = bands is null ? (int)score : bands.Scale.Rank(score);
        List<AppliedOverride>? overrides = null;
        rank = ApplyOverrides(index, rank, ref overrides);

        // What the result can say given what is open: the level, "at least", or unassessable.
        // With nothing open the reachable levels are the computed one; the abstract evaluation is only needed (and
        // only paid for, about 2.6 KB per case) when something is unknown, stale or contested.
        var reachable = AnyOpen(data) ? _bounds.Compute(data, bands?.Set) : new RankRange(rank, rank, score, score);
        var concluded = _conclusions.Build(data, rank, reachable, missing);
        missing = _conclusions.Verdict(missing, concluded);
        var shown = concluded.Rank;
        var explained = new FiredIndicator[count];
        for (var k = 0; k < count; k++)
        {
            explained[k] = Explain(index[k], points[k], contributions[k], values, relevance, firings.Evidence[index[k]]);
        }

        var kind = new KindOutcome(score, ConclusionBuilder.Merge(Actions(index, shown), concluded), missing, engine)
        {
            SubScores = SubScores(index, contributions, values, relevance),
            Indicators = explained,
            Overrides = overrides is null ? [] : overrides.ToArray(),
            ReasonCodes = Reasons(index, contributions, _scoring.MaxReasonCodes),
            Norm = norm,
        };
        return _conclusions.Compose(reference, concluded, kind, data.AsOf, assessedAt);
    }

    /// <summary>Whether any input is open, or a relevance axis of a known input is unknown (the bounds then differ from the computed level).</summary>
    private bool AnyOpen(ResolvedCase data)
    {
        if (AbstractEvaluator.AnyOpen(data))
        {
            return true;
        }

        for (var i = 0; i < _model.Inputs.Count; i++)
        {
            if (_model.Inputs[i].HasRelevance && data.Values[i] is not null && data.Relevance[i] is null)
            {
                return true;
            }
        }

        return false;
    }
}
