// One concern, kept in one file on purpose: combining component assessments into one (mapping, combination
// rule, the composite's conclusion and explanation); every step works on the same per-component results.
using System.Globalization;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Scoring.Assessments;
using Tma.Scoring.Outcome;

namespace Tma.Scoring.Composite;

/// <summary>
/// A composite package compiled with its resolved components: each case is assessed by every component, and the
/// declared combination turns their levels (or blended values) into the composite's level. The assessment lists each
/// component's result and the steps that led to the final level. Immutable and safe to share between threads when the
/// components are (every compiled model is).
/// </summary>
internal sealed class CompositeRiskModel : IRiskModel
{
    /// <summary>Name of this evaluation path in assessments.</summary>
    public const string EngineName = "composite";

    private readonly CompositeDefinition _composite;
    private readonly Part[] _parts;
    private readonly TimeProvider _time;
    private readonly OutcomeTexts _texts;
    private readonly ConclusionBuilder _conclusions;
    private readonly BandScale _blendBands;

    private CompositeRiskModel(ModelDefinition definition, ModelReference reference, Part[] parts, TimeProvider time)
    {
        Definition = definition;
        Reference = reference;
        _composite = definition.Composite!;
        _parts = parts;
        _time = time;
        _texts = OutcomeTexts.For(definition.Language);
        _conclusions = new ConclusionBuilder(definition);
        _blendBands = new BandScale(_composite.Bands, definition, "the combination");
    }

    public ModelReference Reference { get; }

    /// <summary>The composite's definition, with <see cref="ModelDefinition.Inputs"/> the union of its components' inputs.</summary>
    public ModelDefinition Definition { get; }

    /// <summary>Checks that the components fit together and builds the model.</summary>
    /// <exception cref="ModelLoadException">Levels cannot be mapped, inputs of the same id differ, or a blend asks for a probability a component does not give.</exception>
    public static CompositeRiskModel Create(ModelDefinition definition, ModelReference reference, IReadOnlyList<(ComponentDefinition Component, IRiskModel Model)> components, TimeProvider time)
    {
        var bag = new DiagnosticBag();
        var composite = definition.Composite!;
        var inputs = new List<InputDefinition>();
        var parts = new List<Part>();
        foreach (var (component, model) in components)
        {
            var levelMap = MapLevels(definition, component, model.Definition, bag);
            var inputMap = new int[model.Definition.Inputs.Count];
            for (var i = 0; i < inputMap.Length; i++)
            {
                var input = model.Definition.Inputs[i];
                var existing = inputs.FindIndex(x => x.Id == input.Id);
                if (existing < 0)
                {
                    inputs.Add(input);
                    existing = inputs.Count - 1;
                }
                else if (!SameScale(inputs[existing], input))
                {
                    bag.Error(DiagnosticCodes.Component, component.Location, $"input `{input.Id}` of component `{component.Alias}` is not on the same scale as the input of that id in an earlier component; a case cannot give one value for both");
                }

                inputMap[i] = existing;
            }

            var value = component.Value;
            if (composite.Method == CombinationMethod.WeightedBlend)
            {
                var isClassifier = model.Definition.Kind == ModelKind.Classifier;
                if (value == ComponentValue.Probability && !isClassifier)
                {
                    bag.Error(DiagnosticCodes.Component, component.Location, $"component `{component.Alias}` is a {RiskModelCompiler.KindName(model.Definition.Kind)} model and gives no probability; use `value: score`");
                }

                value = value == ComponentValue.Auto ? (isClassifier ? ComponentValue.Probability : ComponentValue.Score) : value;
            }

            parts.Add(new Part(component, model, levelMap, inputMap, value));
        }

        if (bag.HasErrors)
        {
            throw new ModelLoadException(bag.Sorted());
        }

        return new CompositeRiskModel(definition with { Inputs = inputs }, reference, [.. parts], time);
    }

    public Assessment Assess(CaseData data) => Assess(CaseIntake.Resolve(Definition, data, _time));

    public Assessment Assess(ResolvedCase data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var results = new Assessment[_parts.Length];
        var mapped = new int[_parts.Length];
        var complete = true;
        for (var p = 0; p < _parts.Length; p++)
        {
            results[p] = _parts[p].Model.Assess(ComponentCase(_parts[p], data));

            // An unassessable component guarantees nothing: it enters the combination at the lowest level.
            mapped[p] = results[p].LevelRank >= 0 ? _parts[p].LevelMap[results[p].LevelRank] : 0;
            complete &= results[p].Conclusion == Conclusion.Level;
        }

        var steps = new List<string>();
        for (var p = 0; p < _parts.Length; p++)
        {
            var r = results[p];
            var number = r.Probability is { } probability ? _texts.Probability(probability) : _texts.Score(r.Score);
            steps.Add(r.Conclusion switch
            {
                Conclusion.Unassessable => _texts.ComponentUnassessable(_parts[p].Component.Alias),
                Conclusion.LowerBound => _texts.ComponentLowerBound(_parts[p].Component.Alias, Definition.Levels[mapped[p]].Id),
                _ => _texts.ComponentStep(_parts[p].Component.Alias, $"{r.Model.Id} {r.Model.Version}", r.Level!, number, Definition.Levels[mapped[p]].Id),
            });
        }

        var overrides = new List<AppliedOverride>();
        int rank;
        double score;
        double? blend = null;
        switch (_composite.Method)
        {
            case CombinationMethod.MaxLevel:
                rank = mapped.Max();
                var from = Enumerable.Range(0, _parts.Length).Where(p => mapped[p] == rank).Select(p => _parts[p].Component.Alias);
                steps.Add(_texts.MaxLevelStep(Definition.Levels[rank].Id, string.Join(", ", from)));
                score = rank;
                break;
            case CombinationMethod.RulesOverride:
                var primary = Array.FindIndex(_parts, p => p.Component.Alias == _composite.Primary);
                rank = mapped[primary];
                steps.Add(_texts.RulesOverrideStep(_composite.Primary!, Definition.Levels[rank].Id));
                rank = ApplyRuleOverrides(results, rank, overrides, steps);
                score = rank;
                break;
            default:
                var sum = 0.0;
                var terms = new List<string>();
                for (var p = 0; p < _parts.Length; p++)
                {
                    var v = _parts[p].Value == ComponentValue.Probability ? results[p].Probability ?? 0 : results[p].Score;
                    var w = _parts[p].Component.Weight ?? 0;
                    sum += w * v;
                    terms.Add(string.Create(CultureInfo.InvariantCulture, $"{w:G6} × {v:0.######} ({_parts[p].Component.Alias})"));
                }

                blend = Math.Round(sum, 6);
                rank = _blendBands.Rank(sum);
                steps.Add(_texts.BlendStep(string.Join(" + ", terms), blend.Value, Definition.Levels[rank].Id));
                if (!complete)
                {
                    // A blend of incomplete results guarantees nothing; only critical-item overrides still do.
                    rank = 0;
                }

                if (_composite.RuleOverrides)
                {
                    rank = ApplyRuleOverrides(results, rank, overrides, steps);
                }

                score = blend.Value;
                break;
        }

        // Every component complete: a level. Otherwise what the complete and lower-bound parts guarantee, if anything.
        var conclusion = complete ? Conclusion.Level : rank > 0 ? Conclusion.LowerBound : Conclusion.Unassessable;
        var shown = conclusion == Conclusion.Unassessable ? -1 : rank;
        var level = shown >= 0 ? Definition.Levels[shown] : null;
        steps.Add(level is null ? _texts.FinalConclusionStep(_texts.ComponentUnassessable(Definition.Id)) : _texts.FinalLevelStep(level.Id));
        var missing = Missing(results);
        var facts = results.SelectMany(r => r.Facts).DistinctBy(f => f.Input).ToArray();
        var contradictions = results.SelectMany(r => r.Contradictions).DistinctBy(c => c.Input).ToArray();
        var concluded = new ConclusionParts(conclusion, shown, ConclusionText(conclusion, level, results, missing), null, [], [], contradictions, facts, [], _conclusions.Judgement(conclusion, shown));
        var kind = new KindOutcome(score, Actions(results, shown), missing, EngineName)
        {
            Indicators = [.. results.SelectMany(r => r.Indicators)],
            Overrides = overrides,
            ReasonCodes = [.. results.SelectMany(r => r.ReasonCodes)],
            Contributions = Contributions(results),
            Components = [.. Enumerable.Range(0, _parts.Length).Select(p => Result(_parts[p], results[p], results[p].LevelRank >= 0 ? Definition.Levels[mapped[p]].Id : null))],
            Combination = new CombinationTrace(MethodName(_composite.Method), _composite.Primary, blend, steps),
        };
        return _conclusions.Compose(Reference, concluded, kind, data.AsOf, _time.GetUtcNow());
    }

    private string ConclusionText(Conclusion conclusion, OutputLevel? level, Assessment[] results, MissingInformation missing)
    {
        if (conclusion == Conclusion.Level)
        {
            return _texts.LevelConclusion(level!.Label);
        }

        var incomplete = Enumerable.Range(0, results.Length).Where(p => results[p].Conclusion != Conclusion.Level).Select(p => _parts[p].Component.Alias);
        var why = _texts.WhyComponents(string.Join(", ", incomplete));
        var top = Definition.Levels[^1];
        if (conclusion == Conclusion.LowerBound)
        {
            return level == top ? _texts.LowerBoundAtTop(level.Label, why) : _texts.LowerBound(level!.Label, top.Label, why);
        }

        var open = missing.KeyItems.Count > 0 ? missing.KeyItems : missing.Omitted;
        return _texts.Unassessable(why, OutcomeTexts.List(open.Select(id => Definition.Inputs.First(i => i.Id == id).Label)));
    }

    private static string MethodName(CombinationMethod method) => method switch
    {
        CombinationMethod.MaxLevel => "max-level",
        CombinationMethod.RulesOverride => "rules-override",
        _ => "weighted-blend",
    };

    /// <summary>Raises <paramref name="rank"/> to the mapped minimum level of every critical-item override a rules component applied.</summary>
    private int ApplyRuleOverrides(Assessment[] results, int rank, List<AppliedOverride> applied, List<string> steps)
    {
        for (var p = 0; p < _parts.Length; p++)
        {
            var part = _parts[p];
            if (part.Model.Definition.Kind != ModelKind.Rules)
            {
                continue;
            }

            foreach (var o in results[p].Overrides)
            {
                var minimum = part.LevelMap[part.Model.Definition.LevelIndex(o.MinimumLevel)];
                if (minimum > rank)
                {
                    applied.Add(new AppliedOverride($"{part.Component.Alias}/{o.Indicator}", Definition.Levels[minimum].Id, Definition.Levels[rank].Id, o.Reason));
                    steps.Add(_texts.RuleOverrideStep($"{part.Component.Alias}/{o.Indicator}", o.MinimumLevel, Definition.Levels[minimum].Id, Definition.Levels[rank].Id, Definition.Levels[minimum].Id));
                    rank = minimum;
                }
            }
        }

        return rank;
    }

    private static ResolvedCase ComponentCase(Part part, ResolvedCase data)
    {
        var map = part.InputMap;
        var values = new double?[map.Length];
        var relevance = new double?[map.Length];
        for (var i = 0; i < map.Length; i++)
        {
            values[i] = data.Values[map[i]];
            relevance[i] = map[i] < data.Relevance.Count ? data.Relevance[map[i]] : null;
        }

        var observations = new List<ResolvedObservation>();
        foreach (var observation in data.Observations)
        {
            var local = Array.IndexOf(map, observation.InputIndex);
            if (local >= 0)
            {
                observations.Add(observation with { InputIndex = local });
            }
        }

        var states = data.States is null ? null : map.Select(data.StateOf).ToArray();
        return new ResolvedCase(values, relevance, observations, data.AsOf, norm: null, states);
    }

    private static int[] MapLevels(ModelDefinition composite, ComponentDefinition component, ModelDefinition model, DiagnosticBag bag)
    {
        var map = new int[model.Levels.Count];
        if (component.LevelMap is null)
        {
            if (model.Levels.Count != composite.Levels.Count)
            {
                bag.Error(DiagnosticCodes.Component, component.Location, $"component `{component.Alias}` has {model.Levels.Count} levels ({string.Join(", ", model.Levels.Select(l => l.Id))}) and the composite {composite.Levels.Count} ({string.Join(", ", composite.Levels.Select(l => l.Id))}); levels map by rank only when the counts are equal: declare `level_map`");
            }

            for (var i = 0; i < map.Length; i++)
            {
                map[i] = Math.Min(i, composite.Levels.Count - 1);
            }

            return map;
        }

        foreach (var key in component.LevelMap.Keys.Where(k => model.LevelIndex(k) < 0))
        {
            bag.Error(DiagnosticCodes.Component, component.Location, $"`level_map` of component `{component.Alias}` names `{key}`, which is not a level of {model.Id} ({string.Join(", ", model.Levels.Select(l => l.Id))})");
        }

        for (var i = 0; i < map.Length; i++)
        {
            if (component.LevelMap.TryGetValue(model.Levels[i].Id, out var target) && composite.LevelIndex(target) is >= 0 and var rank)
            {
                map[i] = rank;
            }
            else
            {
                bag.Error(DiagnosticCodes.Component, component.Location, $"`level_map` of component `{component.Alias}` does not map its level `{model.Levels[i].Id}`; every level of {model.Id} needs a composite level");
            }
        }

        for (var i = 1; i < map.Length; i++)
        {
            if (map[i] < map[i - 1])
            {
                bag.Error(DiagnosticCodes.Component, component.Location, $"`level_map` of component `{component.Alias}` steps down: `{model.Levels[i].Id}` maps below `{model.Levels[i - 1].Id}`, so a higher component level would give a lower composite level");
                break;
            }
        }

        return map;
    }

    private static bool SameScale(InputDefinition a, InputDefinition b) =>
        a.Type == b.Type
        && a.Levels.Select(l => l.Id).SequenceEqual(b.Levels.Select(l => l.Id), StringComparer.Ordinal)
        && a.RelevanceLevels.Select(l => l.Id).SequenceEqual(b.RelevanceLevels.Select(l => l.Id), StringComparer.Ordinal)
        && a.Minimum == b.Minimum && a.Maximum == b.Maximum;

    private static ComponentResult Result(Part part, Assessment a, string? mappedLevel) => new()
    {
        Alias = part.Component.Alias,
        Model = a.Model,
        Range = part.Component.RangeText,
        Level = a.Level,
        Conclusion = a.Conclusion,
        LevelRank = a.LevelRank,
        MappedLevel = mappedLevel,
        Score = a.Score,
        Probability = a.Probability,
        Validity = a.Missing.Validity,
        Overrides = a.Overrides,
        Engine = a.Engine,
    };

    private FeatureContribution[]? Contributions(Assessment[] results)
    {
        var list = new List<FeatureContribution>();
        for (var p = 0; p < results.Length; p++)
        {
            foreach (var c in results[p].Contributions ?? [])
            {
                list.Add(c with { Component = c.Component is null ? _parts[p].Component.Alias : $"{_parts[p].Component.Alias}/{c.Component}" });
            }
        }

        return list.Count == 0 ? null : [.. list];
    }

    private RecommendedAction[] Actions(Assessment[] results, int rank)
    {
        var merged = new List<RecommendedAction>(ConclusionBuilder.LevelActions(Definition, rank));

        // Information-gathering steps name inputs, not levels, and keep their own ids.
        for (var p = 0; p < results.Length; p++)
        {
            foreach (var action in results[p].Actions)
            {
                var because = action.Because.Where(b => !b.StartsWith("level:", StringComparison.Ordinal)).Select(b => $"{_parts[p].Component.Alias}/{b}").ToArray();
                if (because.Length == 0)
                {
                    continue;
                }

                var index = merged.FindIndex(a => a.Id == action.Id);
                if (index < 0)
                {
                    merged.Add(action with { Because = because });
                }
                else
                {
                    merged[index] = merged[index] with { Because = [.. merged[index].Because, .. because] };
                }
            }
        }

        return ActionOrder.Sort(merged);
    }

    private MissingInformation Missing(Assessment[] results)
    {
        var omitted = Definition.Inputs.Select(i => i.Id).Where(id => results.Any(r => r.Missing.Omitted.Contains(id, StringComparer.Ordinal))).ToArray();
        var validity = results.Select(r => r.Missing.Validity).Max();
        var message = string.Join(" ", Enumerable.Range(0, results.Length).Select(p => $"{_parts[p].Component.Alias}: {results[p].Missing.Message}"));
        return new MissingInformation(omitted, results.Min(r => r.Missing.Allowed), "components", validity, message)
        {
            KeyItems = [.. results.SelectMany(r => r.Missing.KeyItems).Distinct(StringComparer.Ordinal)],
            Stale = [.. results.SelectMany(r => r.Missing.Stale).DistinctBy(f => f.Input)],
        };
    }

    private sealed record Part(ComponentDefinition Component, IRiskModel Model, int[] LevelMap, int[] InputMap, ComponentValue Value);
}
