using System.Collections.ObjectModel;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Scoring.Assessments;
using Tma.Scoring.Outcome;

namespace Tma.Scoring.Aggregation;

/// <summary>The explanation of an assessment: missing information, sub-scores, fired indicators with their evidence, ranked reasons and the action plan (with the caches described on the class).</summary>
internal sealed partial class Aggregator
{
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
            evidence[count + o] = new EvidenceValue(input.Id, input.Describe(observation.Value), observation.ObservedAt, Sensitive: input.Sensitive is { } category ? SpecialCategoryNames.Of(category) : null);
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

        // Slots were opened in declaration order (fired is ascending), so the shared ranking's tie-break is the
        // declaration order of each group's first member.
        Span<int> order = used <= StackLimit ? stackalloc int[used] : new int[used];
        ReasonRanking.Order(value[..used], order);

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

        var ordered = order[..count];
        ActionOrder.Sort(ordered, _actionUrgency);

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
}
