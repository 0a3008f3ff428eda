using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Yaml;
using YamlDotNet.RepresentationModel;

namespace Tma.Models.Loading;

/// <summary>Checks the references between sections: levels, actions, domains, norms' citations.</summary>
internal static class CrossReferences
{
    public static void Check(ModelDefinition model, YamlMap root)
    {
        var source = root.Source;
        var levelIds = model.Levels.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        var actionIds = model.Actions.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var usedActions = new HashSet<string>(StringComparer.Ordinal);
        var indicatorNodes = root.Sequence("indicators");
        var indicatorNodeById = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var node in indicatorNodes)
        {
            if (node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("id"), out var idNode) && idNode is YamlScalarNode { Value: { } id })
            {
                indicatorNodeById.TryAdd(id, node);
            }
        }

        foreach (var indicator in model.Indicators)
        {
            var at = indicatorNodeById.TryGetValue(indicator.Id, out var n) ? source.At(n) : indicator.Location;
            foreach (var (field, value) in new[] { ("level", indicator.Level), ("minimum_level", indicator.MinimumLevel) })
            {
                if (value is not null && !levelIds.Contains(value))
                {
                    source.Diagnostics.Error(DiagnosticCodes.UnknownReference, at, $"`{field}: {value}` of indicator `{indicator.Id}` is not an output level{Suggestions.DidYouMean(value, levelIds)} (levels: {string.Join(", ", model.Levels.Select(l => l.Id))})");
                }
            }

            foreach (var action in indicator.Actions)
            {
                usedActions.Add(action);
                if (!actionIds.Contains(action))
                {
                    source.Diagnostics.Error(DiagnosticCodes.UnknownReference, at, $"action `{action}` of indicator `{indicator.Id}` is not declared under `actions`{Suggestions.DidYouMean(action, actionIds)}");
                }
            }

            if (indicator.Domain is { } domain && model.Scoring is { Domains.Count: > 0 } scoring && !scoring.Domains.Any(d => d.Id == domain))
            {
                source.Diagnostics.Error(DiagnosticCodes.UnknownReference, at, $"domain `{domain}` of indicator `{indicator.Id}` is not declared under `scoring.domains`{Suggestions.DidYouMean(domain, scoring.Domains.Select(d => d.Id))}");
            }
        }

        foreach (var level in model.Levels)
        {
            foreach (var action in level.Actions)
            {
                usedActions.Add(action);
                if (!actionIds.Contains(action))
                {
                    source.Diagnostics.Error(DiagnosticCodes.UnknownReference, model.Location, $"action `{action}` of output level `{level.Id}` is not declared under `actions`{Suggestions.DidYouMean(action, actionIds)}");
                }
            }
        }

        var referenceIds = model.References.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var norm in model.Scoring?.Norms ?? [])
        {
            if (norm.Reference is { } reference && !referenceIds.Contains(reference))
            {
                source.Diagnostics.Error(DiagnosticCodes.UnknownReference, model.Location, $"norm `{norm.Id}` cites `{reference}`, which is not under `references`{Suggestions.DidYouMean(reference, referenceIds)}");
            }
        }

        foreach (var action in model.Actions.Where(a => !usedActions.Contains(a.Id)))
        {
            source.Diagnostics.Warning(DiagnosticCodes.Unused, model.Location, $"action `{action.Id}` is declared but no indicator or level recommends it");
        }

        if (model.Kind == ModelKind.Rules && model.Indicators.Count == 0 && !source.Diagnostics.HasErrors)
        {
            source.Diagnostics.Error(DiagnosticCodes.MissingField, model.Location, "a rules model needs at least one indicator");
        }
    }
}
