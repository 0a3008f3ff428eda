using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Text;
using Tma.Models.Yaml;

namespace Tma.Models.Loading;

/// <summary>Reads the small catalogue sections: references, output levels and actions.</summary>
internal static class CatalogueReader
{
    public static List<Reference> References(YamlMap model)
    {
        var result = new List<Reference>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in model.Sequence("references"))
        {
            var map = YamlMap.From(node, model.Source, "a reference");
            if (map is null)
            {
                continue;
            }

            var id = map.String("id", required: true);
            var citation = map.String("citation", required: true);
            var doi = map.String("doi");
            var url = map.String("url");
            map.Finish();
            if (id is not null && !ids.Add(id))
            {
                model.Source.Error(DiagnosticCodes.DuplicateId, node, $"duplicate reference id `{id}`");
            }

            if (id is not null && citation is not null)
            {
                result.Add(new Reference(id, citation, doi, url));
            }
        }

        return result;
    }

    public static List<OutputLevel> Levels(YamlMap model)
    {
        var result = new List<OutputLevel>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in model.Sequence("levels", required: true))
        {
            string? id;
            string? label = null;
            string? description = null;
            IReadOnlyList<string> actions = [];
            if (node is YamlDotNet.RepresentationModel.YamlScalarNode scalar)
            {
                id = scalar.Value;
            }
            else
            {
                var map = YamlMap.From(node, model.Source, "an output level");
                if (map is null)
                {
                    continue;
                }

                id = map.String("id", required: true);
                label = map.String("label");
                description = map.String("description");
                actions = map.Strings("actions");
                map.Finish();
            }

            if (id is null)
            {
                continue;
            }

            if (!IdRules.IsName(id))
            {
                model.Source.Error(DiagnosticCodes.InvalidId, node, $"output level `{id}` must use only a-z, 0-9 and _");
            }
            else if (!ids.Add(id))
            {
                model.Source.Error(DiagnosticCodes.DuplicateId, node, $"duplicate output level `{id}`");
            }

            result.Add(new OutputLevel(id, label ?? id, description, actions));
        }

        return result;
    }

    public static List<ActionDefinition> Actions(YamlMap model)
    {
        var result = new List<ActionDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in model.Sequence("actions"))
        {
            var map = YamlMap.From(node, model.Source, "an action");
            if (map is null)
            {
                continue;
            }

            var id = map.String("id", required: true);
            var step = map.String("step", required: true);
            var experts = new List<Expert>();
            foreach (var name in map.Strings("experts"))
            {
                if (ExpertNames.TryParse(name, out var expert))
                {
                    experts.Add(expert);
                }
                else
                {
                    model.Source.Error(DiagnosticCodes.InvalidValue, map.Raw("experts")!, $"unknown expert `{name}`{Suggestions.DidYouMean(name, ExpertNames.All)} (experts: {string.Join(", ", ExpertNames.All)})");
                }
            }

            var urgencyNode = map.Scalar("urgency");
            var urgency = urgencyNode?.Value switch
            {
                null or "routine" => Urgency.Routine,
                "soon" => Urgency.Soon,
                "immediate" => Urgency.Immediate,
                _ => (Urgency?)null,
            };
            if (urgency is null)
            {
                model.Source.Error(DiagnosticCodes.InvalidValue, urgencyNode!, $"unknown urgency `{urgencyNode!.Value}` (routine, soon, immediate)");
            }

            map.Finish();
            if (id is not null && !IdRules.IsId(id))
            {
                model.Source.Error(DiagnosticCodes.InvalidId, node, $"action id `{id}` must use only a-z, 0-9, - and _");
            }
            else if (id is not null && !ids.Add(id))
            {
                model.Source.Error(DiagnosticCodes.DuplicateId, map.Raw("id")!, $"duplicate action id `{id}`");
            }

            if (id is not null && step is not null)
            {
                result.Add(new ActionDefinition(id, step, experts, urgency ?? Urgency.Routine));
            }
        }

        return result;
    }

    public static MissingDataPolicy MissingData(YamlMap model)
    {
        var map = model.Map("missing_data", "`missing_data`");
        if (map is null)
        {
            return MissingDataPolicy.Default;
        }

        var policyNode = map.Scalar("policy", required: true);
        var mode = policyNode?.Value switch
        {
            "max-omitted" => MissingDataMode.MaxOmitted,
            "prorate" => MissingDataMode.Prorate,
            "insufficient" => MissingDataMode.Insufficient,
            _ => (MissingDataMode?)null,
        };
        if (policyNode is not null && mode is null)
        {
            model.Source.Error(DiagnosticCodes.InvalidValue, policyNode, $"unknown missing-data policy `{policyNode.Value}` (max-omitted, prorate, insufficient)");
        }

        var max = map.Integer("max_omitted") ?? 0;
        if (max < 0)
        {
            model.Source.Error(DiagnosticCodes.InvalidValue, map.Raw("max_omitted")!, "`max_omitted` cannot be negative");
        }

        if (mode == MissingDataMode.Insufficient && map.Has("max_omitted") && max != 0)
        {
            model.Source.Error(DiagnosticCodes.InvalidValue, map.Raw("max_omitted")!, "policy `insufficient` accepts no omitted inputs; use `max-omitted` or `prorate` to allow some");
        }

        map.Finish();
        return new MissingDataPolicy(mode ?? MissingDataMode.Insufficient, Math.Max(0, max));
    }
}
