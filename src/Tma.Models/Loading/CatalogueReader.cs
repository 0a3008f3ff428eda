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
                label = id is null ? null : model.Source.Texts.ReadLabel(map, TextKeys.LevelLabel(id), id);
                description = model.Source.Texts.Read(map, "description", TextKeys.LevelDescription(id ?? ""));
                actions = map.Strings("actions");
                map.Finish();
            }

            if (id is null)
            {
                continue;
            }

            if (label is null)
            {
                // A level written as a bare id: its label is the id, which a model with several languages cannot use.
                label = id;
                if (model.Source.Texts.Languages.Count > 1)
                {
                    model.Source.Error(DiagnosticCodes.MissingTranslation, node, $"output level `{id}` needs a `label` in every language of the model ({string.Join(", ", model.Source.Texts.Languages)})");
                }

                model.Source.Texts.AddPrimary(TextKeys.LevelLabel(id), id);
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
            var step = model.Source.Texts.Read(map, "step", TextKeys.ActionStep(id ?? ""), required: true);
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

    public static EvidencePolicy Evidence(YamlMap model)
    {
        var map = model.Map("evidence", "`evidence`");
        if (map is null)
        {
            return EvidencePolicy.Default;
        }

        var window = InputReader.ReadPeriod(map, "conflict_window");
        map.Finish();
        return window is { } period ? new EvidencePolicy(period) : EvidencePolicy.Default;
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
