using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Text;
using Tma.Models.Yaml;
using YamlDotNet.RepresentationModel;

namespace Tma.Models.Loading;

/// <summary>Reads the <c>judgement:</c> section: the assessor's structured professional judgement fields.</summary>
internal static class JudgementReader
{
    private static readonly string[] TypeNames = ["rating", "text"];

    public static JudgementDefinition? Read(YamlMap model, IReadOnlyList<OutputLevel> levels)
    {
        var map = model.Map("judgement", "`judgement`");
        if (map is null)
        {
            return null;
        }

        var source = model.Source;
        var summary = map.String("summary", required: true);
        var fields = new List<JudgementField>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in map.Sequence("fields", required: true))
        {
            if (ReadField(node, source, levels, summary) is { } field)
            {
                if (!ids.Add(field.Id))
                {
                    source.Error(DiagnosticCodes.DuplicateId, node, $"duplicate judgement field `{field.Id}`");
                    continue;
                }

                fields.Add(field);
            }
        }

        map.Finish();
        if (summary is null)
        {
            return null;
        }

        var summaryField = fields.FirstOrDefault(f => f.Id == summary);
        if (summaryField is null)
        {
            source.Error(DiagnosticCodes.UnknownReference, map.Raw("summary")!, $"summary field `{summary}` is not one of the judgement fields{Suggestions.DidYouMean(summary, fields.Select(f => f.Id))}");
            return null;
        }

        if (summaryField.Type != JudgementFieldType.Rating)
        {
            source.Error(DiagnosticCodes.InvalidValue, map.Raw("summary")!, $"summary field `{summary}` must be a rating, not free text");
            return null;
        }

        return new JudgementDefinition(summary, fields);
    }

    private static JudgementField? ReadField(YamlNode node, YamlSource source, IReadOnlyList<OutputLevel> modelLevels, string? summary)
    {
        var probe = YamlMap.From(node, source, "a judgement field");
        if (probe is null)
        {
            return null;
        }

        var id = probe.String("id", required: true);
        var map = YamlMap.From(node, source, id is null ? "a judgement field" : $"judgement field `{id}`")!;
        map.String("id");
        if (id is not null && !IdRules.IsName(id))
        {
            source.Error(DiagnosticCodes.InvalidId, map.Raw("id")!, $"judgement field id `{id}` must start with a lower-case letter and use only a-z, 0-9 and _");
        }

        var key = id ?? "";
        var label = id is null ? "" : source.Texts.ReadLabel(map, TextKeys.JudgementLabel(id), id);
        var description = source.Texts.Read(map, "description", TextKeys.JudgementDescription(key));
        var typeNode = map.Scalar("type", required: true);
        JudgementFieldType? type = typeNode?.Value switch
        {
            "rating" => JudgementFieldType.Rating,
            "text" => JudgementFieldType.Text,
            _ => null,
        };
        if (typeNode is not null && type is null)
        {
            source.Error(DiagnosticCodes.InvalidValue, typeNode, $"unknown judgement field type `{typeNode.Value}`{Suggestions.DidYouMean(typeNode.Value ?? "", TypeNames)} (types: rating, text)");
        }

        var levels = type == JudgementFieldType.Rating ? ReadLevels(map, key) : [];
        if (type == JudgementFieldType.Text && map.Has("levels"))
        {
            source.Error(DiagnosticCodes.InvalidValue, map.KeyNode("levels")!, $"{map.Context} is free text and has no levels");
            map.Raw("levels");
        }

        var fromModel = ReadFromModel(map, levels, modelLevels);
        if (id is not null && id == summary && type == JudgementFieldType.Rating && fromModel is null)
        {
            source.Error(DiagnosticCodes.MissingField, map.Node, $"{map.Context} is the summary rating and needs `from_model`: the rating each model level supports ({string.Join(", ", modelLevels.Select(l => l.Id))})");
        }

        var required = map.Bool("required") ?? type == JudgementFieldType.Rating;
        map.Finish();
        return id is null || type is null
            ? null
            : new JudgementField { Id = id, Label = label, Description = description, Type = type.Value, Levels = levels, FromModel = fromModel, Required = required };
    }

    private static List<ScaleLevel> ReadLevels(YamlMap map, string field)
    {
        var result = new List<ScaleLevel>();
        var items = map.Sequence("levels", required: true);
        foreach (var item in items)
        {
            var levelMap = YamlMap.From(item, map.Source, $"a level of {map.Context}");
            if (levelMap is null)
            {
                continue;
            }

            var id = levelMap.String("id", required: true);
            var label = id is null ? null : map.Source.Texts.ReadLabel(levelMap, TextKeys.JudgementLevel(field, id), id.Replace('_', ' '));
            levelMap.Finish();
            if (id is null)
            {
                continue;
            }

            if (!IdRules.IsName(id))
            {
                map.Source.Error(DiagnosticCodes.InvalidId, item, $"level `{id}` of {map.Context} must use only a-z, 0-9 and _");
            }
            else if (result.Any(l => l.Id == id))
            {
                map.Source.Error(DiagnosticCodes.DuplicateId, item, $"duplicate level `{id}` in {map.Context}");
            }

            result.Add(new ScaleLevel(id, label ?? id, result.Count));
        }

        if (items.Count is > 0 and < 2)
        {
            map.Source.Error(DiagnosticCodes.InvalidValue, map.Raw("levels")!, $"{map.Context} needs at least two levels");
        }

        return result;
    }

    /// <summary>Reads <c>from_model: { model level: rating level }</c>; every model level maps, and the map never steps down.</summary>
    private static Dictionary<string, string>? ReadFromModel(YamlMap map, IReadOnlyList<ScaleLevel> ratings, IReadOnlyList<OutputLevel> modelLevels)
    {
        var fromMap = map.Map("from_model", $"`from_model` of {map.Context}");
        if (fromMap is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var previous = -1;
        foreach (var level in modelLevels)
        {
            var rating = fromMap.String(level.Id);
            if (rating is null)
            {
                map.Source.Error(DiagnosticCodes.MissingField, fromMap.Node, $"`from_model` of {map.Context} does not map the model level `{level.Id}`; every model level needs a rating");
                continue;
            }

            var rank = ratings.ToList().FindIndex(r => r.Id == rating);
            if (rank < 0)
            {
                map.Source.Error(DiagnosticCodes.UnknownReference, fromMap.Raw(level.Id)!, $"`{rating}` is not a level of {map.Context}{Suggestions.DidYouMean(rating, ratings.Select(r => r.Id))} (levels: {string.Join(", ", ratings.Select(r => r.Id))})");
                continue;
            }

            if (rank < previous)
            {
                map.Source.Error(DiagnosticCodes.InvalidValue, fromMap.Raw(level.Id)!, $"`from_model` of {map.Context} steps down at `{level.Id}`: a higher model level must not support a lower rating");
            }

            previous = Math.Max(previous, rank);
            result[level.Id] = rating;
        }

        fromMap.Finish();
        return result;
    }
}
