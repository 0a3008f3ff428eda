using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Text;
using Tma.Models.Yaml;
using YamlDotNet.RepresentationModel;


namespace Tma.Models.Loading;

/// <summary>Reads the <c>inputs:</c> section.</summary>
internal static class InputReader
{
    private static readonly string[] TypeNames = ["binary", "ordinal", "numeric", "categorical", "frequency", "presence"];

    /// <summary>Default frequency scale: NAQ-R coding, scored 1–5.</summary>
    public static IReadOnlyList<ScaleLevel> FrequencyDefault { get; } =
    [
        new("never", "never", 1), new("now_and_then", "now and then", 2), new("monthly", "monthly", 3),
        new("weekly", "weekly", 4), new("daily", "daily", 5),
    ];

    public static IReadOnlyList<ScaleLevel> PresenceDefault { get; } =
        [new("absent", "absent", 0), new("possible", "possible / partly present", 1), new("present", "present", 2)];

    public static IReadOnlyList<ScaleLevel> RelevanceDefault { get; } =
        [new("low", "low", 0), new("moderate", "moderate", 1), new("high", "high", 2)];

    public static IReadOnlyList<ScaleLevel> BinaryLevels { get; } = [new("no", "no", 0), new("yes", "yes", 1)];

    public static List<InputDefinition> Read(YamlMap model)
    {
        var source = model.Source;
        var inputs = new List<InputDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in model.Sequence("inputs", required: true))
        {
            var map = YamlMap.From(node, source, "an input");
            if (map is null)
            {
                continue;
            }

            var id = map.String("id", required: true);
            var context = id is null ? "an input" : $"input `{id}`";
            map = YamlMap.From(node, source, context)!;
            map.String("id");
            if (id is not null && !IdRules.IsName(id))
            {
                source.Error(DiagnosticCodes.InvalidId, map.Raw("id")!, $"input id `{id}` must start with a lower-case letter and use only a-z, 0-9 and _ (it is used in conditions)");
            }
            else if (id is not null && !seen.Add(id))
            {
                source.Error(DiagnosticCodes.DuplicateId, map.Raw("id")!, $"duplicate input id `{id}`");
            }

            var typeNode = map.Scalar("type", required: true);
            InputType? type = typeNode?.Value switch
            {
                "binary" => InputType.Binary,
                "ordinal" => InputType.Ordinal,
                "numeric" => InputType.Numeric,
                "categorical" => InputType.Categorical,
                "frequency" => InputType.Frequency,
                "presence" => InputType.Presence,
                _ => null,
            };
            if (typeNode is not null && type is null)
            {
                source.Error(DiagnosticCodes.InvalidValue, typeNode, $"unknown input type `{typeNode.Value}`{Suggestions.DidYouMean(typeNode.Value ?? "", TypeNames)} (types: {string.Join(", ", TypeNames)})");
            }

            var texts = source.Texts;
            var key = id ?? "";
            var label = id is null ? "" : texts.ReadLabel(map, TextKeys.InputLabel(id), id);
            var group = map.String("group");
            if (group is not null && !IdRules.IsName(group))
            {
                source.Error(DiagnosticCodes.InvalidId, map.Raw("group")!, $"group `{group}` must use only a-z, 0-9 and _ (it is used as `@{group}` in conditions)");
            }

            var description = texts.Read(map, "description", TextKeys.InputDescription(key));
            var required = map.Bool("required") ?? true;
            var levels = ReadLevels(map, type, key);
            var relevance = ReadRelevance(map, type, key);
            var (min, max, unit) = ReadRange(map, type);
            var mustKnow = map.Bool("must_know") ?? false;
            var validFor = ReadPeriod(map, "valid_for");
            var sensitive = ReadSensitive(map);
            var protective = map.Bool("protective") ?? false;
            var guidance = ReadGuidance(map, type, levels, key);
            map.Finish();
            if (id is null || type is null)
            {
                continue;
            }

            inputs.Add(new InputDefinition
            {
                Id = id,
                Label = label,
                Type = type.Value,
                Group = group,
                Description = description,
                Levels = levels,
                RelevanceLevels = relevance,
                Minimum = min,
                Maximum = max,
                Unit = unit,
                Required = required,
                MustKnow = mustKnow,
                ValidFor = validFor,
                Sensitive = sensitive,
                Protective = protective,
                Guidance = guidance,
                Location = source.At(node),
            });
        }

        return inputs;
    }

    private static IReadOnlyList<ScaleLevel> ReadLevels(YamlMap map, InputType? type, string input)
    {
        var source = map.Source;
        var key = type == InputType.Categorical ? "categories" : "levels";
        var other = type == InputType.Categorical ? "levels" : "categories";
        if (map.Has(other))
        {
            source.Error(DiagnosticCodes.UnknownKey, map.KeyNode(other)!, type == InputType.Categorical
                ? $"{map.Context} is categorical: list its values under `categories`"
                : $"only categorical inputs have `categories`; {map.Context} lists `levels`");
            map.Raw(other);
        }

        if (!map.Has(key))
        {
            var defaults = type switch
            {
                InputType.Binary => BinaryLevels,
                InputType.Frequency => FrequencyDefault,
                InputType.Presence => PresenceDefault,
                InputType.Ordinal or InputType.Categorical => MissingLevels(map, key),
                _ => [],
            };
            AddDefaultLabels(map, defaults, level => TextKeys.InputLevel(input, level), "levels");
            return defaults;
        }

        var node = map.Raw(key)!;
        if (type is InputType.Binary or InputType.Numeric)
        {
            source.Error(DiagnosticCodes.InvalidValue, node, type == InputType.Binary
                ? $"{map.Context} is binary: its levels are always `no` and `yes`"
                : $"{map.Context} is numeric: give a `range` instead of levels");
            return type == InputType.Binary ? BinaryLevels : [];
        }

        var result = new List<ScaleLevel>();
        var items = map.Sequence(key);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            string? id;
            string? label = null;
            double score = i;
            if (item is YamlScalarNode scalar)
            {
                id = scalar.Value;
            }
            else
            {
                var levelMap = YamlMap.From(item, source, $"a level of {map.Context}");
                if (levelMap is null)
                {
                    continue;
                }

                id = levelMap.String("id", required: true);
                label = id is null ? null : source.Texts.ReadLabel(levelMap, TextKeys.InputLevel(input, id), id.Replace('_', ' '));
                score = levelMap.Number("score") ?? i;
                levelMap.Finish();
            }

            if (id is null)
            {
                continue;
            }

            if (!IdRules.IsName(id))
            {
                source.Error(DiagnosticCodes.InvalidId, item, $"level `{id}` of {map.Context} must use only a-z, 0-9 and _ (it is used in conditions)");
            }
            else if (!ids.Add(id))
            {
                source.Error(DiagnosticCodes.DuplicateId, item, $"duplicate level `{id}` in {map.Context}");
            }
            else if (result.Count > 0 && type != InputType.Categorical && score <= result[^1].Score)
            {
                source.Error(DiagnosticCodes.InvalidValue, item, $"level scores of {map.Context} must increase from level to level; `{id}` scores {score} after `{result[^1].Id}` with {result[^1].Score}");
            }

            if (label is null)
            {
                // A level written as a bare id.
                if (source.Texts.Languages.Count > 1)
                {
                    source.Error(DiagnosticCodes.MissingTranslation, item, $"level `{id}` of {map.Context} needs a `label` in every language of the model ({string.Join(", ", source.Texts.Languages)})");
                }

                source.Texts.AddPrimary(TextKeys.InputLevel(input, id), id.Replace('_', ' '));
            }

            result.Add(new ScaleLevel(id, label ?? id.Replace('_', ' '), score));
        }

        if (result.Count < 2)
        {
            source.Error(DiagnosticCodes.InvalidValue, node, $"{map.Context} needs at least two {key}");
        }

        return result;
    }

    private static IReadOnlyList<ScaleLevel> MissingLevels(YamlMap map, string key)
    {
        map.Missing(key);
        return [];
    }

    private static IReadOnlyList<ScaleLevel> ReadRelevance(YamlMap map, InputType? type, string input)
    {
        var relevance = map.Bool("relevance");
        if (relevance is not true)
        {
            return [];
        }

        if (type != InputType.Presence)
        {
            map.Source.Error(DiagnosticCodes.InvalidValue, map.Raw("relevance")!, $"only presence inputs are coded for relevance; {map.Context} is not a presence input");
            return [];
        }

        AddDefaultLabels(map, RelevanceDefault, level => TextKeys.InputRelevance(input, level), "relevance levels");
        return RelevanceDefault;
    }

    /// <summary>Files the engine's labels of a default scale in every language of the model.</summary>
    private static void AddDefaultLabels(YamlMap map, IReadOnlyList<ScaleLevel> levels, Func<string, string> key, string what)
    {
        foreach (var level in levels)
        {
            if (!map.Source.Texts.AddDefault(key(level.Id), level.Id))
            {
                map.Source.Error(DiagnosticCodes.MissingTranslation, map.Node, $"the default {what} of {map.Context} have labels in {string.Join(", ", LanguageCodes.Supported)} only; list the levels with labels in every language of the model");
                return;
            }
        }
    }

    /// <summary>Reads an ISO 8601 period such as <c>P90D</c>.</summary>
    internal static IsoPeriod? ReadPeriod(YamlMap map, string key)
    {
        var node = map.Scalar(key);
        if (node is null)
        {
            return null;
        }

        if (IsoPeriod.TryParse(node.Value, out var period, out var error))
        {
            return period;
        }

        map.Source.Error(DiagnosticCodes.InvalidValue, node, $"`{key}` of {map.Context}: {error}");
        return null;
    }

    private static SpecialCategory? ReadSensitive(YamlMap map)
    {
        var node = map.Scalar("sensitive");
        if (node is null)
        {
            return null;
        }

        if (SpecialCategoryNames.TryParse(node.Value, out var category))
        {
            return category;
        }

        map.Source.Error(DiagnosticCodes.InvalidValue, node, $"`sensitive` of {map.Context}: `{node.Value}` is not a special category of personal data{Suggestions.DidYouMean(node.Value ?? "", SpecialCategoryNames.All)} (categories: {string.Join(", ", SpecialCategoryNames.All)})");
        return null;
    }

    /// <summary>
    /// Reads <c>guidance:</c>: one text per level id (what counts as that level), plus <c>general</c> and
    /// <c>example</c>. Numeric inputs take <c>general</c> and <c>example</c> only.
    /// </summary>
    private static InputGuidance? ReadGuidance(YamlMap map, InputType? type, IReadOnlyList<ScaleLevel> levels, string input)
    {
        var guidanceMap = map.Map("guidance", $"the guidance of {map.Context}");
        if (guidanceMap is null)
        {
            return null;
        }

        var texts = map.Source.Texts;
        var perLevel = new List<LevelGuidance>();
        foreach (var level in levels)
        {
            if (texts.Read(guidanceMap, level.Id, TextKeys.InputGuidance(input, level.Id)) is { } text)
            {
                perLevel.Add(new LevelGuidance(level.Id, text));
            }
        }

        var general = texts.Read(guidanceMap, "general", TextKeys.InputGuidance(input, "general"));
        var example = texts.Read(guidanceMap, "example", TextKeys.InputGuidance(input, "example"));
        if (type is not null)
        {
            guidanceMap.Finish();
        }

        return new InputGuidance(perLevel, general, example);
    }

    private static (double? Min, double? Max, string? Unit) ReadRange(YamlMap map, InputType? type)
    {
        var unit = map.String("unit");
        var rangeNode = map.Raw("range");
        if (type != InputType.Numeric)
        {
            if (rangeNode is not null)
            {
                map.Source.Error(DiagnosticCodes.InvalidValue, rangeNode, $"only numeric inputs have a `range`; {map.Context} has levels");
            }

            return (null, null, unit);
        }

        if (rangeNode is not YamlSequenceNode { Children.Count: 2 } range
            || range.Children[0] is not YamlScalarNode lo || !YamlMap.TryNumber(lo, out var min)
            || range.Children[1] is not YamlScalarNode hi || !YamlMap.TryNumber(hi, out var max))
        {
            if (rangeNode is null)
            {
                map.Missing("range");
            }
            else
            {
                map.Source.Error(DiagnosticCodes.WrongType, rangeNode, $"`range` of {map.Context} must be `[minimum, maximum]`");
            }

            return (null, null, unit);
        }

        if (min >= max)
        {
            map.Source.Error(DiagnosticCodes.InvalidValue, rangeNode, $"`range` of {map.Context} must have its minimum below its maximum");
        }

        return (min, max, unit);
    }
}
