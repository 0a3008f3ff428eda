using Semver;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Yaml;
using YamlDotNet.RepresentationModel;

namespace Tma.Models.Loading;

/// <summary>Reads the sections of a <c>kind: composite</c> model: <c>components</c> and <c>combination</c>.</summary>
internal static class CompositeReader
{
    private static readonly string[] Methods = ["max-level", "rules-override", "weighted-blend"];

    public static CompositeDefinition? Read(YamlMap model, string? ownId, IReadOnlyList<OutputLevel> levels)
    {
        var source = model.Source;
        if (model.Has("inputs"))
        {
            source.Error(DiagnosticCodes.InvalidValue, model.KeyNode("inputs")!, "a composite takes its inputs from its components; remove `inputs`");
            model.Raw("inputs");
        }

        if (model.Has("missing_data"))
        {
            source.Error(DiagnosticCodes.InvalidValue, model.KeyNode("missing_data")!, "a composite applies its components' missing-data policies; remove `missing_data`");
        }

        var components = ReadComponents(model, ownId, levels);
        var map = model.Map("combination", "`combination`", required: true);
        if (map is null)
        {
            return null;
        }

        var methodNode = map.Scalar("method", required: true);
        CombinationMethod? method = methodNode?.Value switch
        {
            "max-level" => CombinationMethod.MaxLevel,
            "rules-override" => CombinationMethod.RulesOverride,
            "weighted-blend" => CombinationMethod.WeightedBlend,
            _ => null,
        };
        if (methodNode is not null && method is null)
        {
            source.Error(DiagnosticCodes.InvalidValue, methodNode, $"unknown combination `{methodNode.Value}`{Suggestions.DidYouMean(methodNode.Value ?? "", Methods)} (max-level, rules-override, weighted-blend)");
        }

        var primaryNode = map.Scalar("primary");
        var bandsNode = map.Raw("bands");
        var ruleOverridesNode = map.KeyNode("rule_overrides");
        var ruleOverrides = map.Bool("rule_overrides");
        map.Finish();

        var aliases = components.Select(c => c.Alias).ToArray();
        string? primary = null;
        if (method == CombinationMethod.RulesOverride)
        {
            if (primaryNode is null)
            {
                source.Error(DiagnosticCodes.MissingField, map.Node, "combination `rules-override` needs a `primary` component (the alias whose level the rule overrides can raise)");
            }
            else if (!aliases.Contains(primaryNode.Value, StringComparer.Ordinal))
            {
                source.Error(DiagnosticCodes.UnknownReference, primaryNode, $"`primary` component `{primaryNode.Value}` is not a component alias{Suggestions.DidYouMean(primaryNode.Value ?? "", aliases)} (aliases: {string.Join(", ", aliases)})");
            }
            else
            {
                primary = primaryNode.Value;
            }
        }
        else if (primaryNode is not null)
        {
            source.Error(DiagnosticCodes.InvalidValue, primaryNode, "`primary` applies only to combination `rules-override`");
        }

        List<Band> bands = [];
        if (method == CombinationMethod.WeightedBlend)
        {
            if (bandsNode is null)
            {
                source.Error(DiagnosticCodes.MissingField, map.Node, "combination `weighted-blend` needs `bands` to map the blended value to a level");
            }
            else
            {
                bands = ScoringReader.ReadBands(bandsNode, source, levels, "the combination's `bands`");
            }

            foreach (var component in components.Where(c => c.Weight is null))
            {
                source.Diagnostics.Error(DiagnosticCodes.MissingField, component.Location, $"component `{component.Alias}` has no `weight`; combination `weighted-blend` needs one per component");
            }
        }
        else
        {
            if (bandsNode is not null)
            {
                source.Error(DiagnosticCodes.InvalidValue, bandsNode, $"`bands` apply only to combination `weighted-blend`; `{methodNode?.Value}` takes its level from the components");
            }

            if (ruleOverridesNode is not null)
            {
                source.Error(DiagnosticCodes.InvalidValue, ruleOverridesNode, "`rule_overrides` applies only to combination `weighted-blend` (the other combinations always keep rule overrides)");
            }

            foreach (var component in components.Where(c => c.Weight is not null || c.Value != ComponentValue.Auto))
            {
                source.Diagnostics.Error(DiagnosticCodes.InvalidValue, component.Location, $"`weight` and `value` of component `{component.Alias}` apply only to combination `weighted-blend`");
            }
        }

        return method is null
            ? null
            : new CompositeDefinition
            {
                Components = components,
                Method = method.Value,
                Primary = primary,
                Bands = bands,
                RuleOverrides = ruleOverrides ?? true,
                Location = source.At(map.Node),
            };
    }

    private static List<ComponentDefinition> ReadComponents(YamlMap model, string? ownId, IReadOnlyList<OutputLevel> levels)
    {
        var source = model.Source;
        var result = new List<ComponentDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        var items = model.Sequence("components", required: true);
        if (model.Has("components") && items.Count == 0)
        {
            source.Error(DiagnosticCodes.MissingField, model.KeyNode("components")!, "a composite needs at least one component");
        }

        foreach (var node in items)
        {
            var map = YamlMap.From(node, source, "a component");
            if (map is null)
            {
                continue;
            }

            var id = map.String("id", required: true);
            map = YamlMap.From(node, source, id is null ? "a component" : $"component `{id}`")!;
            map.String("id");
            var rangeNode = map.Scalar("version", required: true);
            var alias = map.String("alias") ?? id;
            var levelMap = ReadLevelMap(map, levels);
            var weight = map.Number("weight");
            var valueNode = map.Scalar("value");
            map.Finish();
            if (id is null)
            {
                continue;
            }

            if (!IdRules.IsId(id))
            {
                source.Error(DiagnosticCodes.InvalidId, map.Raw("id")!, $"component id `{id}` is not a package id (lower case, digits, - and _)");
                continue;
            }

            if (string.Equals(id, ownId, StringComparison.Ordinal))
            {
                source.Error(DiagnosticCodes.Cycle, map.Raw("id")!, $"composite `{id}` lists itself as a component: components may not form a cycle ({id} → {id})");
                continue;
            }

            if (!ids.Add(id))
            {
                source.Error(DiagnosticCodes.DuplicateId, map.Raw("id")!, $"component `{id}` is listed twice");
                continue;
            }

            if (alias is not null && !IdRules.IsId(alias))
            {
                source.Error(DiagnosticCodes.InvalidId, map.Raw("alias")!, $"component alias `{alias}` must use only a-z, 0-9, - and _");
            }
            else if (alias is not null && !aliases.Add(alias))
            {
                source.Error(DiagnosticCodes.DuplicateId, map.Raw("alias") ?? node, $"component alias `{alias}` is used twice");
            }

            SemVersionRange? range = null;
            if (rangeNode is not null)
            {
                if (!string.IsNullOrWhiteSpace(rangeNode.Value) && SemVersionRange.TryParseNpm(rangeNode.Value, out var parsed, maxLength: 200))
                {
                    range = parsed;
                }
                else
                {
                    source.Error(DiagnosticCodes.InvalidValue, rangeNode, $"component version `{rangeNode.Value}` is not an npm-style version range such as `^1.2.0`, `~1.2` or `>=1.0.0 <2.0.0`");
                }
            }

            if (weight is { } w && !double.IsFinite(w))
            {
                source.Error(DiagnosticCodes.InvalidValue, map.Raw("weight")!, "`weight` must be a finite number");
            }

            var value = ComponentValue.Auto;
            if (valueNode is not null)
            {
                switch (valueNode.Value)
                {
                    case "probability": value = ComponentValue.Probability; break;
                    case "score": value = ComponentValue.Score; break;
                    default:
                        source.Error(DiagnosticCodes.InvalidValue, valueNode, $"unknown component value `{valueNode.Value}` (probability, score)");
                        break;
                }
            }

            if (range is null)
            {
                continue;
            }

            result.Add(new ComponentDefinition
            {
                Id = id,
                Range = range,
                RangeText = rangeNode!.Value!,
                Alias = alias ?? id,
                LevelMap = levelMap,
                Weight = weight,
                Value = value,
                Location = source.At(node),
            });
        }

        return result;
    }

    private static Dictionary<string, string>? ReadLevelMap(YamlMap component, IReadOnlyList<OutputLevel> levels)
    {
        var node = component.Raw("level_map");
        if (node is null || YamlMap.IsNull(node))
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            component.Source.Error(DiagnosticCodes.WrongType, node, "`level_map` must map the component's level ids to this composite's level ids, e.g. `{ low: low, moderate: moderate }`");
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } from } || value is not YamlScalarNode { Value: { } to })
            {
                component.Source.Error(DiagnosticCodes.WrongType, key, "each `level_map` entry must be `component_level: composite_level`");
                continue;
            }

            if (!levels.Any(l => l.Id == to))
            {
                component.Source.Error(DiagnosticCodes.UnknownReference, value, $"`{to}` is not an output level of this composite{Suggestions.DidYouMean(to, levels.Select(l => l.Id))} (levels: {string.Join(", ", levels.Select(l => l.Id))})");
            }

            result[from] = to;
        }

        return result;
    }
}
