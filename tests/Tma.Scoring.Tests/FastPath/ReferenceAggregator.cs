using System.Globalization;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Models.Expressions;
using Tma.Scoring.Aggregation;
using Tma.Scoring.Assessments;
using Tma.Scoring.Compilation;

namespace Tma.Scoring.Tests.FastPath;

/// <summary>
/// The aggregator as it was before the performance work (commit 5b66746), kept verbatim apart from its name and the proration fix marked below: the
/// straightforward LINQ formulation of the policy. The differential tests check that the optimised
/// <see cref="Aggregator"/> produces byte-identical assessments from the same firings.
/// </summary>
internal sealed class ReferenceAggregator
{
    private readonly ModelDefinition _model;
    private readonly Func<double?[], double?[], double?>?[] _points;
    private readonly Func<double?[], double?[], double?>? _score;
    private readonly Func<double?[], double?[], double?>?[] _domainScores;
    private readonly int[] _required;
    private readonly List<(BoundInput Input, int Threshold)>[] _evidenceInputs;

    public ReferenceAggregator(ModelDefinition model)
    {
        _model = model;
        _points = [.. model.Indicators.Select(i => i.PointsExpression is null ? null : ConditionCompiler.NumberDelegate(i.PointsExpression))];
        _score = model.Scoring?.Score is { } score ? ConditionCompiler.NumberDelegate(score) : null;
        _domainScores = [.. (model.Scoring?.Domains ?? []).Select(d => d.Score is null ? null : ConditionCompiler.NumberDelegate(d.Score))];
        _required = [.. Enumerable.Range(0, model.Inputs.Count).Where(i => model.Inputs[i].Required)];
        _evidenceInputs = [.. model.Indicators.Select(i => EvidenceInputs(i.Condition))];
    }

    /// <summary>
    /// The inputs whose current values explain a condition: inputs read directly, plus items of counting helpers
    /// (which count as evidence only when they met the helper's level). Items of temporal helpers are explained by
    /// the matched observations instead.
    /// </summary>
    private static List<(BoundInput Input, int Threshold)> EvidenceInputs(BoundExpression condition)
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
        return [.. result.DistinctBy(r => (r.Input.InputIndex, r.Input.Relevance, r.Threshold))];
    }

    public Assessment Aggregate(ResolvedCase data, Firings firings, ModelReference reference, string engine, DateTimeOffset assessedAt)
    {
        var scoring = _model.Scoring!;
        var values = data.Values as double?[] ?? [.. data.Values];
        var relevance = data.Relevance as double?[] ?? [.. data.Relevance];
        var fired = new List<(int Index, double Points, double Contribution)>();
        for (var i = 0; i < _model.Indicators.Count; i++)
        {
            if (!firings.Fired[i])
            {
                continue;
            }

            var indicator = _model.Indicators[i];
            var points = _points[i] is { } compute ? compute(values, relevance) ?? 0 : indicator.Points;
            var contribution = scoring.Policy switch
            {
                AggregationPolicy.Sum => points,
                AggregationPolicy.Weighted => points * indicator.Weight,
                AggregationPolicy.Count => 1,
                _ => indicator.Level is { } named ? _model.LevelIndex(named) : 0,
            };
            fired.Add((i, points, contribution));
        }

        var missing = Missing(values);
        var score = scoring.Policy switch
        {
            AggregationPolicy.HighestLevel => fired.Select(f => _model.Indicators[f.Index].Level).Where(l => l is not null).Select(l => (double)_model.LevelIndex(l!)).DefaultIfEmpty(0).Max(),
            _ when _score is not null => _score(values, relevance) ?? 0,
            _ => fired.Sum(f => f.Contribution),
        };
        if (missing.Validity == Validity.Prorated && scoring.Policy != AggregationPolicy.HighestLevel)
        {
            var known = _required.Length - missing.Omitted.Count;
            score = score * _required.Length / known;
        }

        var norm = scoring.Policy == AggregationPolicy.HighestLevel ? null : data.Norm ?? scoring.DefaultNorm;
        var rank = norm is null ? (int)score : Band(scoring.Norms.First(n => n.Id == norm), score);
        var overrides = new List<AppliedOverride>();
        foreach (var (index, _, _) in fired)
        {
            var indicator = _model.Indicators[index];
            if (indicator.MinimumLevel is { } minimum && _model.LevelIndex(minimum) > rank)
            {
                overrides.Add(new AppliedOverride(indicator.Id, minimum, _model.Levels[rank].Id, indicator.Reason));
                rank = _model.LevelIndex(minimum);
            }
        }

        var level = _model.Levels[rank];
        return new Assessment
        {
            Model = reference,
            Level = level.Id,
            LevelLabel = level.Label,
            LevelRank = rank,
            Score = Math.Round(score, 6),
            SubScores = SubScores(fired, values, relevance),
            Indicators = [.. fired.Select(f => Explain(f.Index, f.Points, f.Contribution, values, relevance, firings.Evidence[f.Index]))],
            Overrides = overrides,
            ReasonCodes = Reasons(fired, scoring.MaxReasonCodes),
            Actions = Actions(fired, level),
            Missing = missing,
            Norm = norm,
            AsOf = data.AsOf,
            Engine = engine,
            AdvisoryNotice = AdvisoryNotice.Text,
            AssessedAt = assessedAt,
        };
    }

    private int Band(NormSet norm, double score)
    {
        foreach (var band in norm.Bands)
        {
            if (band.Contains(score))
            {
                return _model.LevelIndex(band.Level);
            }
        }

        // Bands are validated to cover every score; NaN cannot occur because unknown points count as 0.
        throw new InvalidOperationException($"Score {score} falls outside the bands of norm {norm.Id}.");
    }

    private MissingInformation Missing(double?[] values)
    {
        var omitted = _required.Where(i => values[i] is null).Select(i => _model.Inputs[i].Id).ToList();
        var policy = _model.MissingData;
        var name = policy.Mode switch
        {
            MissingDataMode.MaxOmitted => "max-omitted",
            MissingDataMode.Prorate => "prorate",
            _ => "insufficient",
        };
        var allowed = policy.Mode == MissingDataMode.Insufficient ? 0 : policy.MaxOmitted;
        if (omitted.Count == 0)
        {
            return new MissingInformation(omitted, allowed, name, Validity.Valid, "All required inputs are known.");
        }

        if (omitted.Count > allowed)
        {
            return new MissingInformation(omitted, allowed, name, Validity.Insufficient,
                $"Insufficient information: {omitted.Count} of {_required.Length} required inputs are unknown and the model accepts {allowed}. The level shown is a lower bound, not an assessment; gather the missing information.");
        }

        // The one deliberate change to the original: with every required input unknown there is nothing to prorate
        // (the original divided by zero and failed on a NaN score); such a result is insufficient.
        if (policy.Mode == MissingDataMode.Prorate && omitted.Count == _required.Length)
        {
            return new MissingInformation(omitted, allowed, name, Validity.Insufficient,
                $"Insufficient information: all {_required.Length} required inputs are unknown, so there is nothing to prorate. The level shown is a lower bound, not an assessment; gather the missing information.");
        }

        return policy.Mode == MissingDataMode.Prorate
            ? new MissingInformation(omitted, allowed, name, Validity.Prorated, $"{omitted.Count} of {_required.Length} required inputs are unknown (the model accepts {allowed}); the score was prorated to the full item count.")
            : new MissingInformation(omitted, allowed, name, Validity.Valid, $"{omitted.Count} of {_required.Length} required inputs are unknown (the model accepts {allowed}); unknown items count as not present.");
    }

    private List<SubScore> SubScores(List<(int Index, double Points, double Contribution)> fired, double?[] values, double?[] relevance)
    {
        var declared = _model.Scoring!.Domains;
        var result = new List<SubScore>();
        for (var d = 0; d < declared.Count; d++)
        {
            var domain = declared[d];
            var score = _domainScores[d] is { } compute
                ? compute(values, relevance) ?? 0
                : fired.Where(f => _model.Indicators[f.Index].Domain == domain.Id).Sum(f => f.Contribution);
            result.Add(new SubScore(domain.Id, domain.Label, Math.Round(score, 6)));
        }

        if (declared.Count == 0)
        {
            foreach (var domain in _model.Indicators.Select(i => i.Domain).Where(d => d is not null).Distinct())
            {
                result.Add(new SubScore(domain!, domain!, Math.Round(fired.Where(f => _model.Indicators[f.Index].Domain == domain).Sum(f => f.Contribution), 6)));
            }
        }

        return result;
    }

    private FiredIndicator Explain(int index, double points, double contribution, double?[] values, double?[] relevance, IReadOnlyList<ResolvedObservation> observations)
    {
        var indicator = _model.Indicators[index];
        var evidence = new List<EvidenceValue>();
        foreach (var (input, threshold) in _evidenceInputs[index])
        {
            var raw = input.Relevance ? relevance[input.InputIndex] : values[input.InputIndex];
            if (threshold >= 0 && !(raw >= threshold))
            {
                continue;
            }

            var item = new EvidenceValue(input.Name, Describe(input.Input, raw, input.Relevance));
            if (!evidence.Contains(item))
            {
                evidence.Add(item);
            }
        }

        foreach (var observation in observations)
        {
            var input = _model.Inputs[observation.InputIndex];
            evidence.Add(new EvidenceValue(input.Id, Describe(input, observation.Value, relevance: false), observation.ObservedAt));
        }

        return new FiredIndicator
        {
            Id = indicator.Id,
            Label = indicator.Label,
            Points = Math.Round(points, 6),
            Contribution = Math.Round(contribution, 6),
            Domain = indicator.Domain,
            Reason = indicator.Reason,
            ReasonCode = indicator.ReasonCode,
            Condition = indicator.When,
            Evidence = evidence,
        };
    }

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

    private List<RankedReason> Reasons(List<(int Index, double Points, double Contribution)> fired, int max)
    {
        var byCode = new List<(string Code, double Contribution, string Reason, int Order)>();
        foreach (var (index, _, contribution) in fired)
        {
            var indicator = _model.Indicators[index];
            var existing = byCode.FindIndex(r => r.Code == indicator.ReasonCode);
            if (existing >= 0)
            {
                byCode[existing] = byCode[existing] with { Contribution = byCode[existing].Contribution + contribution };
            }
            else
            {
                byCode.Add((indicator.ReasonCode, contribution, indicator.Reason, index));
            }
        }

        return [.. byCode
            .OrderByDescending(r => r.Contribution)
            .ThenBy(r => r.Order)
            .Take(max)
            .Select(r => new RankedReason(r.Code, Math.Round(r.Contribution, 6), r.Reason))];
    }

    private List<RecommendedAction> Actions(List<(int Index, double Points, double Contribution)> fired, OutputLevel level)
    {
        var because = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        void Add(string action, string reason)
        {
            if (!because.TryGetValue(action, out var list))
            {
                because[action] = list = [];
                order.Add(action);
            }

            if (!list.Contains(reason))
            {
                list.Add(reason);
            }
        }

        foreach (var action in level.Actions)
        {
            Add(action, "level:" + level.Id);
        }

        foreach (var (index, _, _) in fired)
        {
            foreach (var action in _model.Indicators[index].Actions)
            {
                Add(action, _model.Indicators[index].Id);
            }
        }

        return [.. order
            .Select((id, position) => (Definition: _model.Actions.First(a => a.Id == id), Position: position))
            .OrderByDescending(a => a.Definition.Urgency)
            .ThenBy(a => a.Position)
            .Select(a => new RecommendedAction(
                a.Definition.Id,
                a.Definition.Step,
                [.. a.Definition.Experts.Select(Tma.Models.Definitions.ExpertNames.Of)],
                a.Definition.Urgency.ToString().ToLowerInvariant(),
                because[a.Definition.Id]))];
    }
}
