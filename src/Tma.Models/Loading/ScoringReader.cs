using System.Globalization;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Expressions;
using Tma.Models.Text;
using Tma.Models.Yaml;
using YamlDotNet.RepresentationModel;

namespace Tma.Models.Loading;

/// <summary>Reads the <c>scoring:</c> section: policy, score expression, domains, bands and norms.</summary>
internal static class ScoringReader
{
    public const string DefaultNormId = "default";

    public static ScoringDefinition? Read(YamlMap model, ExpressionBinder binder, IReadOnlyList<OutputLevel> levels)
    {
        var source = model.Source;
        var map = model.Map("scoring", "`scoring`", required: true);
        if (map is null)
        {
            return null;
        }

        var policyNode = map.Scalar("policy", required: true);
        AggregationPolicy? policy = policyNode?.Value switch
        {
            "sum" => AggregationPolicy.Sum,
            "weighted" => AggregationPolicy.Weighted,
            "count" => AggregationPolicy.Count,
            "highest-level" => AggregationPolicy.HighestLevel,
            _ => null,
        };
        if (policyNode is not null && policy is null)
        {
            source.Error(DiagnosticCodes.InvalidValue, policyNode, $"unknown policy `{policyNode.Value}`{Suggestions.DidYouMean(policyNode.Value ?? "", ["sum", "weighted", "count", "highest-level"])} (sum, weighted, count, highest-level)");
        }

        var scoreNode = map.Scalar("score");
        var score = scoreNode is null ? null : ExpressionReader.Bind(binder, source, scoreNode, ValueKind.Number, "the score expression");
        if (scoreNode is not null && policy is AggregationPolicy.HighestLevel or AggregationPolicy.Count)
        {
            source.Error(DiagnosticCodes.InvalidValue, scoreNode, $"a `score` expression only applies to policies sum and weighted");
        }

        var domains = ReadDomains(map, binder);
        var maxReasons = map.Integer("max_reason_codes") ?? 5;
        if (maxReasons < 0)
        {
            source.Error(DiagnosticCodes.InvalidValue, map.Raw("max_reason_codes")!, "`max_reason_codes` cannot be negative");
        }

        var (norms, defaultNorm) = ReadNorms(map, levels, policy);
        map.Finish();
        if (policy is null)
        {
            return null;
        }

        return new ScoringDefinition
        {
            Policy = policy.Value,
            Score = score,
            ScoreText = scoreNode?.Value,
            Domains = domains,
            Norms = norms,
            DefaultNorm = defaultNorm,
            MaxReasonCodes = Math.Max(0, maxReasons),
        };
    }

    private static List<DomainDefinition> ReadDomains(YamlMap scoring, ExpressionBinder binder)
    {
        var result = new List<DomainDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in scoring.Sequence("domains"))
        {
            var map = YamlMap.From(node, scoring.Source, "a domain");
            if (map is null)
            {
                continue;
            }

            var id = map.String("id", required: true);
            var label = id is null ? null : scoring.Source.Texts.ReadLabel(map, TextKeys.DomainLabel(id), id);
            var scoreNode = map.Scalar("score");
            var score = scoreNode is null ? null : ExpressionReader.Bind(binder, scoring.Source, scoreNode, ValueKind.Number, $"the score of domain `{id}`");
            map.Finish();
            if (id is null)
            {
                continue;
            }

            if (!IdRules.IsName(id))
            {
                scoring.Source.Error(DiagnosticCodes.InvalidId, node, $"domain id `{id}` must use only a-z, 0-9 and _");
            }
            else if (!ids.Add(id))
            {
                scoring.Source.Error(DiagnosticCodes.DuplicateId, node, $"duplicate domain `{id}`");
            }

            result.Add(new DomainDefinition(id, label ?? id, score, scoreNode?.Value));
        }

        return result;
    }

    private static (List<NormSet> Norms, string? Default) ReadNorms(YamlMap scoring, IReadOnlyList<OutputLevel> levels, AggregationPolicy? policy)
    {
        var source = scoring.Source;
        var hasBands = scoring.Has("bands");
        var hasNorms = scoring.Has("norms");
        if (policy == AggregationPolicy.HighestLevel)
        {
            foreach (var key in new[] { "bands", "norms" }.Where(scoring.Has))
            {
                source.Error(DiagnosticCodes.InvalidValue, scoring.KeyNode(key)!, "policy `highest-level` takes its level from the indicators; it has no bands");
                scoring.Raw(key);
            }

            return ([], null);
        }

        if (hasBands && hasNorms)
        {
            source.Error(DiagnosticCodes.InvalidValue, scoring.KeyNode("norms")!, "give either `bands` or `norms` (several named band sets), not both");
        }

        if (!hasBands && !hasNorms)
        {
            if (policy is not null)
            {
                source.Error(DiagnosticCodes.MissingField, scoring.Node, "`scoring` has no `bands` (or `norms`) to map the score to a level");
            }

            return ([], null);
        }

        if (hasBands)
        {
            var bands = ReadBands(scoring.Raw("bands")!, source, levels, "`bands`");
            return ([new NormSet(DefaultNormId, null, null, bands)], DefaultNormId);
        }

        var normsMap = scoring.Map("norms", "`norms`")!;
        var defaultId = normsMap.String("default", required: true);
        var sets = new List<NormSet>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in normsMap.Sequence("sets", required: true))
        {
            var map = YamlMap.From(node, source, "a norm set");
            if (map is null)
            {
                continue;
            }

            var id = map.String("id", required: true);
            var description = source.Texts.Read(map, "description", TextKeys.NormDescription(id ?? ""));
            var reference = map.String("reference");
            var bandsNode = map.Raw("bands");
            if (bandsNode is null)
            {
                map.Missing("bands");
            }

            map.Finish();
            if (id is null)
            {
                continue;
            }

            if (!IdRules.IsId(id))
            {
                source.Error(DiagnosticCodes.InvalidId, node, $"norm id `{id}` must use only a-z, 0-9, - and _");
            }
            else if (!ids.Add(id))
            {
                source.Error(DiagnosticCodes.DuplicateId, node, $"duplicate norm `{id}`");
            }

            var bands = bandsNode is null ? [] : ReadBands(bandsNode, source, levels, $"the bands of norm `{id}`");
            sets.Add(new NormSet(id, description, reference, bands));
        }

        normsMap.Finish();
        if (defaultId is not null && !ids.Contains(defaultId))
        {
            source.Error(DiagnosticCodes.UnknownReference, normsMap.Raw("default")!, $"default norm `{defaultId}` is not one of the sets{Suggestions.DidYouMean(defaultId, ids)}");
        }

        return (sets, defaultId);
    }

    internal static List<Band> ReadBands(YamlNode node, YamlSource source, IReadOnlyList<OutputLevel> levels, string what)
    {
        var bands = new List<(Band Band, YamlNode Node)>();
        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            source.Error(DiagnosticCodes.WrongType, node, $"{what} must be a non-empty list of `{{ level, from, to }}`");
            return [];
        }

        foreach (var item in sequence.Children)
        {
            var map = YamlMap.From(item, source, "a band");
            if (map is null)
            {
                continue;
            }

            var level = map.String("level", required: true);
            var from = map.Number("from");
            var to = map.Number("to");
            map.Finish();
            if (level is null)
            {
                continue;
            }

            if (!levels.Any(l => l.Id == level))
            {
                source.Error(DiagnosticCodes.UnknownReference, map.Raw("level")!, $"band level `{level}` is not an output level{Suggestions.DidYouMean(level, levels.Select(l => l.Id))} (levels: {string.Join(", ", levels.Select(l => l.Id))})");
            }

            if (from is not null && to is not null && from >= to)
            {
                source.Error(DiagnosticCodes.Bands, item, $"band `{level}` in {what} is empty: `from` ({Format(from)}) must be below `to` ({Format(to)})");
            }

            bands.Add((new Band(level, from, to), item));
        }

        CheckCoverage(bands, source, levels, what);
        return [.. bands.Select(b => b.Band)];
    }

    /// <summary>Bands must cover every score exactly once, in ascending order, with levels that never decrease.</summary>
    private static void CheckCoverage(List<(Band Band, YamlNode Node)> bands, YamlSource source, IReadOnlyList<OutputLevel> levels, string what)
    {
        if (bands.Count == 0)
        {
            return;
        }

        if (bands[0].Band.From is not null)
        {
            source.Error(DiagnosticCodes.Bands, bands[0].Node, $"the first band in {what} must have no `from`, so that every score below {Format(bands[0].Band.From)} still maps to a level");
        }

        if (bands[^1].Band.To is not null)
        {
            source.Error(DiagnosticCodes.Bands, bands[^1].Node, $"the last band in {what} must have no `to`, so that every score from {Format(bands[^1].Band.To)} up still maps to a level");
        }

        for (var i = 1; i < bands.Count; i++)
        {
            var previous = bands[i - 1].Band;
            var current = bands[i].Band;
            if (previous.To is null || current.From is null)
            {
                source.Error(DiagnosticCodes.Bands, bands[i].Node, $"band `{current.Level}` in {what} needs a `from` equal to the `to` of band `{previous.Level}` before it");
                continue;
            }

            if (current.From < previous.To)
            {
                source.Error(DiagnosticCodes.Bands, bands[i].Node, $"band thresholds overlap in {what}: `{current.Level}` starts at {Format(current.From)} but `{previous.Level}` runs to {Format(previous.To)}");
            }
            else if (current.From > previous.To)
            {
                source.Error(DiagnosticCodes.Bands, bands[i].Node, $"gap between bands in {what}: scores from {Format(previous.To)} to {Format(current.From)} map to no level");
            }

            var previousRank = IndexOf(levels, previous.Level);
            var currentRank = IndexOf(levels, current.Level);
            if (previousRank >= 0 && currentRank >= 0 && currentRank < previousRank)
            {
                source.Error(DiagnosticCodes.Bands, bands[i].Node, $"bands in {what} must not step down: band `{current.Level}` follows the higher level `{previous.Level}`, so a higher score would give a lower level");
            }
        }
    }

    private static int IndexOf(IReadOnlyList<OutputLevel> levels, string id)
    {
        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Format(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";
}
