using System.Collections.ObjectModel;
using System.Globalization;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Models.Expressions;
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
internal sealed class Aggregator
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
    private readonly int[] _required;
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
    private readonly string _missingPolicyName;
    private readonly int _allowedOmitted;
    private readonly string[] _missingMessages;
    private readonly Validity[] _validityByOmitted;
    private readonly MissingInformation _nothingMissing;
    private readonly OutcomeTexts _texts;
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
        _texts = OutcomeTexts.For(model.Language);
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
        var required = new List<int>();
        for (var i = 0; i < model.Inputs.Count; i++)
        {
            if (model.Inputs[i].Required)
            {
                required.Add(i);
            }
        }

        _required = [.. required];
        (_domains, _indicatorDomain) = Domains(model, _scoring);
        _norms = new Dictionary<string, NormIndex>(StringComparer.Ordinal);
        foreach (var norm in _scoring.Norms)
        {
            _norms.TryAdd(norm.Id, new NormIndex(norm, [.. norm.Bands.Select(b => model.LevelIndex(b.Level))]));
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
                action.Urgency.ToString().ToLowerInvariant());
        }

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
        var policy = model.MissingData;
        _missingPolicyName = policy.Mode switch
        {
            MissingDataMode.MaxOmitted => "max-omitted",
            MissingDataMode.Prorate => "prorate",
            _ => "insufficient",
        };
        _allowedOmitted = policy.Mode == MissingDataMode.Insufficient ? 0 : policy.MaxOmitted;
        var r = _required.Length;
        _missingMessages = new string[r + 1];
        _validityByOmitted = new Validity[r + 1];
        for (var m = 0; m <= r; m++)
        {
            (_validityByOmitted[m], _missingMessages[m]) = m switch
            {
                0 => (Validity.Valid, _texts.AllKnown),
                _ when m > _allowedOmitted => (Validity.Insufficient, _texts.TooManyUnknown(m, r, _allowedOmitted)),
                // Nothing known: a prorated score would be 0 × R / 0. Not an assessment, whatever the allowance.
                _ when policy.Mode == MissingDataMode.Prorate && m == r => (Validity.Insufficient, _texts.NothingToProrate(r)),
                _ when policy.Mode == MissingDataMode.Prorate => (Validity.Prorated, _texts.Prorated(m, r, _allowedOmitted)),
                _ => (Validity.Valid, _texts.UnknownCountAsAbsent(m, r, _allowedOmitted)),
            };
        }

        _nothingMissing = new MissingInformation([], _allowedOmitted, _missingPolicyName, Validity.Valid, _missingMessages[0]);

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
        var omitted = CountOmitted(values);
        var validity = _validityByOmitted[omitted];
        var score = Score(index[..count], contributions[..count], values, relevance, omitted, validity);
        var rank = norm is null ? (int)score : Band(norm, score);
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

        var omitted = CountOmitted(values);
        var missing = Missing(values, omitted);
        var score = Score(index, contributions, values, relevance, omitted, missing.Validity);

        var norm = _policy == AggregationPolicy.HighestLevel ? null : data.Norm ?? _scoring.DefaultNorm;
        var bands = norm is null ? null : _norms.TryGetValue(norm, out var found) ? found : throw new InvalidOperationException($"Norm {norm} is not a norm of model {_model.Id}.");
        var rank = bands is null ? (int)score : Band(bands, score);
        List<AppliedOverride>? overrides = null;
        rank = ApplyOverrides(index, rank, ref overrides);

        // What the result can say given what is open: the level, "at least", or unassessable.
        var concluded = _conclusions.Build(data, rank, _bounds.Compute(data, bands?.Set), missing);
        missing = WithOpenItems(missing, concluded);
        var shown = concluded.Rank;
        var level = shown >= 0 ? _model.Levels[shown] : null;
        var explained = new FiredIndicator[count];
        for (var k = 0; k < count; k++)
        {
            explained[k] = Explain(index[k], points[k], contributions[k], values, relevance, firings.Evidence[index[k]]);
        }

        return new Assessment
        {
            Model = reference,
            Conclusion = concluded.Conclusion,
            ConclusionText = concluded.Text,
            Level = level?.Id,
            LevelLabel = level?.Label,
            LevelRank = shown,
            PossibleLevels = concluded.Possible,
            Language = _model.Language,
            Facts = concluded.Facts,
            Contradictions = concluded.Contradictions,
            Judgement = concluded.Judgement,
            Score = Math.Round(score, 6),
            SubScores = SubScores(index, contributions, values, relevance),
            Indicators = explained,
            Overrides = overrides is null ? [] : overrides.ToArray(),
            ReasonCodes = Reasons(index, contributions, _scoring.MaxReasonCodes),
            Actions = WithSteps(Actions(index, shown), concluded),
            Missing = missing,
            Norm = norm,
            AsOf = data.AsOf,
            Engine = engine,
            AdvisoryNotice = _texts.AdvisoryNotice,
            AssessedAt = assessedAt,
        };
    }

    /// <summary>The missing-data verdict with the open key items and stale facts named.</summary>
    private MissingInformation WithOpenItems(MissingInformation missing, ConclusionParts concluded)
    {
        if (concluded.KeyItems.Count == 0 && concluded.Stale.Count == 0)
        {
            return missing;
        }

        var message = missing.Message;
        if (concluded.KeyItems.Count > 0)
        {
            message += " " + _texts.KeyItemsNotKnown(OutcomeTexts.List(concluded.KeyItems.Select(id => _model.Inputs[_model.InputIndex(id)].Label)));
        }

        if (concluded.Stale.Count > 0)
        {
            message += " " + _texts.StaleItems(OutcomeTexts.List(concluded.Stale.Select(s => s.Label)));
        }

        return missing with { Message = message, KeyItems = concluded.KeyItems, Stale = concluded.Stale };
    }

    private static IReadOnlyList<RecommendedAction> WithSteps(RecommendedAction[] actions, ConclusionParts concluded) =>
        concluded.Steps.Count == 0 ? actions : ConclusionBuilder.Merge(actions, concluded);

    /// <summary>Formats a resolved value as the user wrote it: level id, category id or number.</summary>
    internal static string Describe(InputDefinition input, double? value, bool relevance)
    {
        if (value is not { } v)
        {
            return "unknown";
        }

        if (input.Type == InputType.Numeric)
        {
            return v.ToString("0.######", CultureInfo.InvariantCulture);
        }

        var scale = relevance ? input.RelevanceLevels : input.Levels;
        return scale[(int)v].Id;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Score and level (shared by Aggregate and Outcome)
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>Writes the fired indicators (declaration order) with their points and contributions; returns how many.</summary>
    private int CollectFired(bool[] fired, double?[] values, double?[] relevance, Span<int> index, Span<double> points, Span<double> contributions)
    {
        var count = 0;
        for (var i = 0; i < _indicators.Length; i++)
        {
            if (!fired[i])
            {
                continue;
            }

            var p = _points[i] is { } compute ? compute(values, relevance) ?? 0 : _constantPoints[i];
            index[count] = i;
            points[count] = p;
            contributions[count] = Contribution(i, p);
            count++;
        }

        return count;
    }

    private double Contribution(int i, double points) => _policy switch
    {
        AggregationPolicy.Sum => points,
        AggregationPolicy.Weighted => points * _weights[i],
        AggregationPolicy.Count => 1,
        _ => _indicatorLevel[i],
    };

    private int CountOmitted(double?[] values)
    {
        var omitted = 0;
        foreach (var i in _required)
        {
            if (values[i] is null)
            {
                omitted++;
            }
        }

        return omitted;
    }

    private double Score(ReadOnlySpan<int> fired, ReadOnlySpan<double> contributions, double?[] values, double?[] relevance, int omitted, Validity validity)
    {
        double score;
        if (_policy == AggregationPolicy.HighestLevel)
        {
            // Highest rank among fired indicators that name a level; 0 when none did.
            var any = false;
            score = 0;
            foreach (var i in fired)
            {
                if (_namesLevel[i] && (!any || _indicatorLevel[i] > score))
                {
                    score = _indicatorLevel[i];
                    any = true;
                }
            }
        }
        else if (_score is not null)
        {
            score = _score(values, relevance) ?? 0;
        }
        else
        {
            score = 0.0;
            foreach (var contribution in contributions)
            {
                score += contribution;
            }
        }

        if (validity == Validity.Prorated && _policy != AggregationPolicy.HighestLevel)
        {
            var known = _required.Length - omitted;
            score = score * _required.Length / known;
        }

        return score;
    }

    private static int Band(NormIndex norm, double score)
    {
        var bands = norm.Set.Bands;
        for (var b = 0; b < bands.Count; b++)
        {
            if (bands[b].Contains(score))
            {
                return norm.LevelRanks[b];
            }
        }

        // Bands are validated to cover every score; NaN cannot occur because unknown points count as 0.
        throw new InvalidOperationException($"Score {score} falls outside the bands of norm {norm.Set.Id}.");
    }

    /// <summary>The rank after critical-item overrides (the same rule as <see cref="ApplyOverrides"/>, nothing recorded).</summary>
    private int FinalRank(ReadOnlySpan<int> fired, int rank)
    {
        foreach (var i in fired)
        {
            if (_minimumLevel[i] > rank)
            {
                rank = _minimumLevel[i];
            }
        }

        return rank;
    }

    private int ApplyOverrides(ReadOnlySpan<int> fired, int rank, ref List<AppliedOverride>? overrides)
    {
        foreach (var i in fired)
        {
            if (_minimumLevel[i] > rank)
            {
                var indicator = _indicators[i];
                (overrides ??= []).Add(new AppliedOverride(indicator.Id, indicator.MinimumLevel!, _model.Levels[rank].Id, indicator.Reason));
                rank = _minimumLevel[i];
            }
        }

        return rank;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Explanation
    // ---------------------------------------------------------------------------------------------------------------

    private MissingInformation Missing(double?[] values, int omittedCount)
    {
        if (omittedCount == 0)
        {
            return _nothingMissing;
        }

        var omitted = new string[omittedCount];
        var k = 0;
        foreach (var i in _required)
        {
            if (values[i] is null)
            {
                omitted[k++] = _model.Inputs[i].Id;
            }
        }

        return new MissingInformation(omitted, _allowedOmitted, _missingPolicyName, _validityByOmitted[omittedCount], _missingMessages[omittedCount]);
    }

    private SubScore[] SubScores(ReadOnlySpan<int> fired, ReadOnlySpan<double> contributions, double?[] values, double?[] relevance)
    {
        if (_domains.Length == 0)
        {
            return [];
        }

        var result = new SubScore[_domains.Length];
        for (var d = 0; d < _domains.Length; d++)
        {
            var domain = _domains[d];
            double score;
            if (domain.Score is { } compute)
            {
                score = compute(values, relevance) ?? 0;
            }
            else
            {
                score = 0.0;
                for (var k = 0; k < fired.Length; k++)
                {
                    if (_indicatorDomain[fired[k]] == d)
                    {
                        score += contributions[k];
                    }
                }
            }

            var rounded = Math.Round(score, 6);
            result[d] = BitConverter.DoubleToInt64Bits(rounded) == 0 ? _zeroSubScores[d] : new SubScore(domain.Id, domain.Label, rounded);
        }

        return result;
    }

    private FiredIndicator Explain(int index, double points, double contribution, double?[] values, double?[] relevance, IReadOnlyList<ResolvedObservation> observations)
    {
        var indicator = _indicators[index];
        var cache = observations.Count == 0 ? _explanations[index] : null;
        var key = 0;
        if (cache is not null)
        {
            foreach (var slot in _evidenceSlots[index])
            {
                var raw = slot.Input.Relevance ? relevance[slot.Input.InputIndex] : values[slot.Input.InputIndex];
                key = (key * (slot.Levels + 1)) + (raw is { } v ? (int)v + 1 : 0);
            }

            if (cache[key] is { } known)
            {
                return known;
            }
        }

        var buffer = t_evidence is { } existing && existing.Length >= _maxEvidence ? existing : t_evidence = new EvidenceValue[Math.Max(_maxEvidence, 16)];
        var count = 0;
        foreach (var slot in _evidenceSlots[index])
        {
            var raw = slot.Input.Relevance ? relevance[slot.Input.InputIndex] : values[slot.Input.InputIndex];
            if (slot.Threshold >= 0 && !(raw >= slot.Threshold))
            {
                continue;
            }

            var item = slot.Evidence(raw);
            if (Array.IndexOf(buffer, item, 0, count) < 0)
            {
                buffer[count++] = item;
            }
        }

        var evidence = new EvidenceValue[count + observations.Count];
        Array.Copy(buffer, evidence, count);
        Array.Clear(buffer, 0, count);
        for (var o = 0; o < observations.Count; o++)
        {
            var observation = observations[o];
            var input = _model.Inputs[observation.InputIndex];
            evidence[count + o] = new EvidenceValue(input.Id, Describe(input, observation.Value, relevance: false), observation.ObservedAt, Sensitive: input.Sensitive is { } category ? SpecialCategoryNames.Of(category) : null);
        }

        var explained = new FiredIndicator
        {
            Id = indicator.Id,
            Label = indicator.Label,
            Points = Math.Round(points, 6),
            Contribution = Math.Round(contribution, 6),
            Domain = indicator.Domain,
            Reason = indicator.Reason,
            ReasonCode = indicator.ReasonCode,
            Condition = indicator.When,
            Evidence = cache is null ? evidence : new ReadOnlyCollection<EvidenceValue>(evidence),
        };
        if (cache is not null)
        {
            // A race only builds the same immutable value twice.
            Volatile.Write(ref cache[key], explained);
        }

        return explained;
    }

    /// <summary>
    /// Reason codes: fired indicators grouped by code (value = the members' contributions added up in declaration
    /// order, text and tie-break order from the first fired member), highest value first, at most <paramref name="max"/>.
    /// </summary>
    private RankedReason[] Reasons(ReadOnlySpan<int> fired, ReadOnlySpan<double> contributions, int max)
    {
        if (fired.Length == 0 || max <= 0)
        {
            return [];
        }

        var groups = _reasonGroupCount;
        Span<int> slotOfGroup = groups <= StackLimit ? stackalloc int[groups] : new int[groups];
        slotOfGroup.Fill(-1);
        Span<int> first = fired.Length <= StackLimit ? stackalloc int[fired.Length] : new int[fired.Length];
        Span<double> value = fired.Length <= StackLimit ? stackalloc double[fired.Length] : new double[fired.Length];
        var used = 0;
        for (var k = 0; k < fired.Length; k++)
        {
            var group = _reasonGroup[fired[k]];
            if (slotOfGroup[group] < 0)
            {
                slotOfGroup[group] = used;
                first[used] = fired[k];
                value[used] = contributions[k];
                used++;
            }
            else
            {
                value[slotOfGroup[group]] += contributions[k];
            }
        }

        // Insertion sort of the slots: value descending (double.CompareTo, as OrderByDescending does), then the
        // declaration order of the first member.
        Span<int> order = used <= StackLimit ? stackalloc int[used] : new int[used];
        for (var s = 0; s < used; s++)
        {
            var j = s;
            while (j > 0 && Before(s, order[j - 1], value, first))
            {
                order[j] = order[j - 1];
                j--;
            }

            order[j] = s;
        }

        var result = new RankedReason[Math.Min(max, used)];
        for (var r = 0; r < result.Length; r++)
        {
            var member = first[order[r]];
            var indicator = _indicators[member];
            result[r] = _soloReasons[member] is { } solo && BitConverter.DoubleToInt64Bits(value[order[r]]) == BitConverter.DoubleToInt64Bits(_constantContribution[member])
                ? solo
                : new RankedReason(indicator.ReasonCode, Math.Round(value[order[r]], 6), indicator.Reason);
        }

        return result;

        static bool Before(int a, int b, Span<double> value, Span<int> first)
        {
            var byValue = value[b].CompareTo(value[a]);
            return byValue != 0 ? byValue < 0 : first[a] < first[b];
        }
    }

    /// <summary>
    /// The level's actions first, then the fired indicators' in declaration order, each once with every reason that
    /// recommended it; ordered by urgency (most urgent first), keeping that order within one urgency.
    /// </summary>
    private RecommendedAction[] Actions(ReadOnlySpan<int> fired, int rank)
    {
        var catalogue = _actions.Length;
        if (catalogue == 0)
        {
            return [];
        }

        Span<int> position = catalogue <= StackLimit ? stackalloc int[catalogue] : new int[catalogue];
        position.Fill(-1);
        Span<int> order = catalogue <= StackLimit ? stackalloc int[catalogue] : new int[catalogue];
        Span<bool> fromLevel = catalogue <= StackLimit ? stackalloc bool[catalogue] : new bool[catalogue];
        fromLevel.Clear();
        var count = 0;
        foreach (var a in rank >= 0 ? _levelActions[rank] : [])
        {
            fromLevel[a] = true;
            position[a] = count;
            order[count++] = a;
        }

        foreach (var i in fired)
        {
            foreach (var a in _indicatorActions[i])
            {
                if (position[a] < 0)
                {
                    position[a] = count;
                    order[count++] = a;
                }
            }
        }

        if (count == 0)
        {
            return [];
        }

        // Stable insertion sort by urgency, most urgent first.
        var ordered = order[..count];
        for (var s = 1; s < count; s++)
        {
            var current = ordered[s];
            var j = s;
            while (j > 0 && _actions[ordered[j - 1]].Definition.Urgency < _actions[current].Definition.Urgency)
            {
                ordered[j] = ordered[j - 1];
                j--;
            }

            ordered[j] = current;
        }

        var result = new RecommendedAction[count];
        for (var r = 0; r < count; r++)
        {
            var a = ordered[r];
            var reasons = fromLevel[a] ? 1 : 0;
            foreach (var i in fired)
            {
                if (_indicatorHasAction[(i * catalogue) + a])
                {
                    reasons++;
                }
            }

            if (reasons == 1)
            {
                result[r] = fromLevel[a] ? _levelOnlyActions[rank][a] : _indicatorOnlyActions[SoleIndicator(fired, a)][a];
                continue;
            }

            var because = new string[reasons];
            var k = 0;
            if (fromLevel[a])
            {
                because[k++] = _levelBecause[rank];
            }

            foreach (var i in fired)
            {
                if (_indicatorHasAction[(i * catalogue) + a])
                {
                    because[k++] = _indicators[i].Id;
                }
            }

            var slot = _actions[a];
            result[r] = new RecommendedAction(slot.Definition.Id, slot.Definition.Step, slot.Experts, slot.Urgency, because);
        }

        return result;
    }

    private int SoleIndicator(ReadOnlySpan<int> fired, int action)
    {
        foreach (var i in fired)
        {
            if (_indicatorHasAction[(i * _actions.Length) + action])
            {
                return i;
            }
        }

        throw new InvalidOperationException("No fired indicator recommends the action.");
    }

    private RecommendedAction Action(int action, string reason)
    {
        var slot = _actions[action];
        return new RecommendedAction(slot.Definition.Id, slot.Definition.Step, slot.Experts, slot.Urgency, new ReadOnlyCollection<string>([reason]));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Precomputation
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The inputs whose current values explain a condition: inputs read directly, plus items of counting helpers
    /// (which count as evidence only when they met the helper's level). Items of temporal helpers are explained by
    /// the matched observations instead.
    /// </summary>
    private static EvidenceSlot[] EvidenceSlots(BoundExpression condition)
    {
        var result = new List<(BoundInput Input, int Threshold)>();
        void Walk(BoundExpression node)
        {
            switch (node)
            {
                case BoundTemporal:
                    return;
                case BoundItemCount count:
                    for (var k = 0; k < count.Items.Count; k++)
                    {
                        result.Add((count.Items[k], count.Thresholds.Count > 0 ? count.Thresholds[k] : -1));
                    }

                    return;
                case BoundInput input:
                    result.Add((input, -1));
                    return;
                default:
                    foreach (var child in node.Children)
                    {
                        Walk(child);
                    }

                    return;
            }
        }

        Walk(condition);
        return [.. result.DistinctBy(r => (r.Input.InputIndex, r.Input.Relevance, r.Threshold)).Select(r => new EvidenceSlot(r.Input, r.Threshold))];
    }

    private static (DomainSlot[] Domains, int[] IndicatorDomain) Domains(ModelDefinition model, ScoringDefinition scoring)
    {
        var declared = scoring.Domains;
        var domains = declared.Count > 0
            ? [.. declared.Select(d => new DomainSlot(d.Id, d.Label, d.Score is null ? null : ConditionCompiler.NumberDelegate(d.Score)))]
            : model.Indicators.Select(i => i.Domain).Where(d => d is not null).Distinct(StringComparer.Ordinal).Select(d => new DomainSlot(d!, d!, null)).ToArray();
        var indicatorDomain = new int[model.Indicators.Count];
        for (var i = 0; i < indicatorDomain.Length; i++)
        {
            indicatorDomain[i] = Array.FindIndex(domains, d => d.Id == model.Indicators[i].Domain);
        }

        return (domains, indicatorDomain);
    }

    private static int[] DistinctActions(IReadOnlyList<string> actions, Dictionary<string, int> index)
    {
        var result = new List<int>(actions.Count);
        foreach (var id in actions)
        {
            var a = index.TryGetValue(id, out var found) ? found : throw new InvalidOperationException($"Action {id} is not in the catalogue.");
            if (!result.Contains(a))
            {
                result.Add(a);
            }
        }

        return [.. result];
    }

    /// <summary>A norm with the rank of each band's level.</summary>
    internal sealed record NormIndex(NormSet Set, int[] LevelRanks);

    private sealed record DomainSlot(string Id, string Label, Func<double?[], double?[], double?>? Score);

    private sealed record ActionSlot(ActionDefinition Definition, IReadOnlyList<string> Experts, string Urgency);

    /// <summary>An input that explains a condition, with the evidence values of its levels computed once.</summary>
    private sealed class EvidenceSlot
    {
        private readonly string? _sensitive;
        private readonly EvidenceValue _unknown;
        private readonly EvidenceValue[] _levels;

        public EvidenceSlot(BoundInput input, int threshold)
        {
            Input = input;
            Threshold = threshold;
            _sensitive = input.Input.Sensitive is { } category ? SpecialCategoryNames.Of(category) : null;
            _unknown = new EvidenceValue(input.Name, "unknown", Sensitive: _sensitive);
            _levels = input.Input.Type == InputType.Numeric ? [] : [.. input.Scale.Select(l => new EvidenceValue(input.Name, l.Id, Sensitive: _sensitive))];
        }

        public BoundInput Input { get; }

        public int Threshold { get; }

        /// <summary>Number of levels of a levelled input; 0 for a numeric input.</summary>
        public int Levels => _levels.Length;

        public EvidenceValue Evidence(double? raw) => raw switch
        {
            null => _unknown,
            { } v when _levels.Length > 0 => _levels[(int)v],
            _ => new EvidenceValue(Input.Name, Describe(Input.Input, raw, Input.Relevance), Sensitive: _sensitive),
        };
    }
}
