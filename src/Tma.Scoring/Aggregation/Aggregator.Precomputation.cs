using Tma.Models.Definitions;
using Tma.Scoring.Assessments;
using Tma.Scoring.Compilation;
using Tma.Scoring.Outcome;

namespace Tma.Scoring.Aggregation;

/// <summary>What the constructor precomputes from the definition: evidence slots, domains, action indexes, and the types they are held in.</summary>
internal sealed partial class Aggregator
{
    /// <summary>
    /// The inputs whose current values explain a condition: inputs read directly, plus items of counting helpers
    /// (which count as evidence only when they met the helper's level). Items of temporal helpers are explained by
    /// the matched observations instead.
    /// </summary>
    private static EvidenceSlot[] EvidenceSlots(BoundExpression condition)
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
        return [.. result.DistinctBy(r => (r.Input.InputIndex, r.Input.Relevance, r.Threshold)).Select(r => new EvidenceSlot(r.Input, r.Threshold))];
    }

    private static (DomainSlot[] Domains, int[] IndicatorDomain) Domains(ModelDefinition model, ScoringDefinition scoring)
    {
        var declared = scoring.Domains;
        var domains = declared.Count > 0
            ? [.. declared.Select(d => new DomainSlot(d.Id, d.Label, d.Score is null ? null : ConditionCompiler.NumberDelegate(d.Score)))]
            : model.Indicators.Select(i => i.Domain).Where(d => d is not null).Distinct(StringComparer.Ordinal).Select(d => new DomainSlot(d!, d!, null)).ToArray();
        var indicatorDomain = new int[model.Indicators.Count];
        for (var i = 0; i < indicatorDomain.Length; i++)
        {
            indicatorDomain[i] = Array.FindIndex(domains, d => d.Id == model.Indicators[i].Domain);
        }

        return (domains, indicatorDomain);
    }

    private static int[] DistinctActions(IReadOnlyList<string> actions, Dictionary<string, int> index)
    {
        var result = new List<int>(actions.Count);
        foreach (var id in actions)
        {
            var a = index.TryGetValue(id, out var found) ? found : throw new InvalidOperationException($"Action {id} is not in the catalogue.");
            if (!result.Contains(a))
            {
                result.Add(a);
            }
        }

        return [.. result];
    }

    /// <summary>A norm with its band → level table.</summary>
    internal sealed record NormIndex(NormSet Set, BandScale Scale);

    private sealed record DomainSlot(string Id, string Label, Func<double?[], double?[], double?>? Score);

    private sealed record ActionSlot(ActionDefinition Definition, IReadOnlyList<string> Experts, string Urgency);

    /// <summary>An input that explains a condition, with the evidence values of its levels computed once.</summary>
    private sealed class EvidenceSlot
    {
        private readonly string? _sensitive;
        private readonly EvidenceValue _unknown;
        private readonly EvidenceValue[] _levels;

        public EvidenceSlot(BoundInput input, int threshold)
        {
            Input = input;
            Threshold = threshold;
            _sensitive = input.Input.Sensitive is { } category ? SpecialCategoryNames.Of(category) : null;
            _unknown = new EvidenceValue(input.Name, "unknown", Sensitive: _sensitive);
            _levels = input.Input.Type == InputType.Numeric ? [] : [.. input.Scale.Select(l => new EvidenceValue(input.Name, l.Id, Sensitive: _sensitive))];
        }

        public BoundInput Input { get; }

        public int Threshold { get; }

        /// <summary>Number of levels of a levelled input; 0 for a numeric input.</summary>
        public int Levels => _levels.Length;

        public EvidenceValue Evidence(double? raw) => raw switch
        {
            null => _unknown,
            { } v when _levels.Length > 0 => _levels[(int)v],
            _ => new EvidenceValue(Input.Name, Input.Input.Describe(raw, Input.Relevance), Sensitive: _sensitive),
        };
    }
}
