using System.Globalization;
using Tma.Models.Diagnostics;
using Tma.Models.Yaml;
using YamlDotNet.RepresentationModel;

namespace Tma.Models.Cases;

/// <summary>
/// Reads a case file (YAML, or JSON — which the YAML reader accepts too) into <see cref="CaseData"/>, recording
/// where each field was written so that later checks against a model can point at the line and column.
/// </summary>
public static class CaseReader
{
    /// <summary>Largest accepted case file.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Reads a case file.</summary>
    public static LoadResult<CaseData> ReadFile(string path)
    {
        var bag = new DiagnosticBag();
        var source = new YamlSource(path, bag);
        var root = SafeYaml.LoadFile(path, source, MaxFileBytes);
        return root is null ? LoadResult<CaseData>.From(null, bag) : Read(root, source);
    }

    /// <summary>Reads a case from YAML or JSON text.</summary>
    public static LoadResult<CaseData> ReadText(string text, string displayPath)
    {
        var bag = new DiagnosticBag();
        var source = new YamlSource(displayPath, bag);
        var root = SafeYaml.Load(text, source);
        return root is null ? LoadResult<CaseData>.From(null, bag) : Read(root, source);
    }

    private static LoadResult<CaseData> Read(YamlNode root, YamlSource source)
    {
        var map = YamlMap.From(root, source, "the case file");
        if (map is null)
        {
            return LoadResult<CaseData>.From(null, source.Diagnostics);
        }

        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var caseId = map.String("case");
        var norm = map.String("norm");
        if (map.Raw("norm") is { } normNode)
        {
            locations["norm"] = source.At(normNode);
        }

        var asOf = map.Scalar("as_of") is { } asOfNode ? ReadTime(asOfNode, source, "as_of") : null;
        var inputs = new Dictionary<string, CaseValue>(StringComparer.Ordinal);
        if (map.Map("inputs", "`inputs`") is { } inputMap)
        {
            foreach (var (keyNode, valueNode) in inputMap.Node.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } id })
                {
                    continue;
                }

                inputMap.Raw(id);
                locations["inputs." + id] = source.At(valueNode);
                if (ReadValue(valueNode, source, $"inputs.{id}") is { } value)
                {
                    inputs[id] = value;
                }
            }

            inputMap.Finish();
        }

        var observations = new List<Observation>();
        var items = map.Sequence("observations");
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"observations[{i}]";
            locations[field] = source.At(items[i]);
            var item = YamlMap.From(items[i], source, $"`{field}`");
            if (item is null)
            {
                continue;
            }

            var input = item.String("input", required: true);
            var valueNode = item.Raw("value");
            if (valueNode is null)
            {
                item.Missing("value");
            }
            else
            {
                locations[field + ".value"] = source.At(valueNode);
            }

            var at = item.Scalar("at", required: true) is { } atNode ? ReadTime(atNode, source, field + ".at") : null;
            var rater = item.String("rater");
            var origin = item.String("source");
            SourceReliability? reliability = null;
            if (item.Scalar("reliability") is { } reliabilityNode)
            {
                if (SourceReliabilityNames.TryParse(reliabilityNode.Value, out var parsed))
                {
                    reliability = parsed;
                }
                else
                {
                    source.Error(DiagnosticCodes.CaseValue, reliabilityNode, $"{field}.reliability: `{reliabilityNode.Value}` is not a reliability grade{Suggestions.DidYouMean(reliabilityNode.Value ?? "", SourceReliabilityNames.All)} ({string.Join(", ", SourceReliabilityNames.All)})");
                }
            }

            item.Finish();
            var value = valueNode is null ? null : ReadValue(valueNode, source, field + ".value");
            if (input is not null && value is not null && at is not null)
            {
                observations.Add(new Observation(input, value.Value, at.Value, rater, origin, reliability));
            }
        }

        map.Finish();
        var data = new CaseData
        {
            CaseId = caseId,
            AsOf = asOf,
            Inputs = inputs,
            Observations = observations,
            Norm = norm,
            Locations = locations,
        };
        return LoadResult<CaseData>.From(data, source.Diagnostics);
    }

    private static CaseValue? ReadValue(YamlNode node, YamlSource source, string field)
    {
        switch (node)
        {
            case YamlScalarNode scalar when YamlMap.IsNull(scalar):
                return CaseValue.Unknown;
            case YamlScalarNode scalar when YamlMap.TryNumber(scalar, out var number):
                return CaseValue.Of(number);
            case YamlScalarNode { Value: { } text }:
                return CaseValue.Level(text);
            case YamlMappingNode:
                var map = YamlMap.From(node, source, $"`{field}`")!;
                var presence = map.String("presence", required: true);
                var relevance = map.String("relevance");
                map.Finish();
                return presence is null ? null : CaseValue.Level(presence, relevance);
            default:
                source.Error(DiagnosticCodes.WrongType, node, $"{field}: give a level name, a number, `unknown`, or `{{ presence: …, relevance: … }}`");
                return null;
        }
    }

    private static DateTimeOffset? ReadTime(YamlScalarNode node, YamlSource source, string field)
    {
        var text = node.Value ?? "";
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            && text.Contains('T', StringComparison.Ordinal))
        {
            return time;
        }

        source.Error(DiagnosticCodes.WrongType, node, $"{field}: `{text}` is not a date (`2026-10-01`) or an ISO 8601 time (`2026-10-01T14:30:00Z`)");
        return null;
    }
}
