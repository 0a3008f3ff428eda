using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Scoring.Aggregation;
using Tma.Scoring.Assessments;

namespace Tma.Scoring.FastPath;

/// <summary>
/// An indicator-rules model on the compiled path: one delegate decides which indicators fire, then the same
/// <see cref="Aggregator"/> as the NRules path builds the assessment. Only for models without temporal helpers
/// (see <see cref="FiringEvaluator"/>). Immutable and thread-safe; the per-case <c>fired</c> array is reused per thread.
/// </summary>
internal sealed class CompiledRiskModel : IRiskModel
{
    /// <summary>Name of this evaluation path in assessments and reports.</summary>
    public const string EngineName = "compiled";

    // Per-thread scratch: the fired flags (and empty evidence) for the indicator count the thread used last. Keyed by
    // size, not by model, so a thread never keeps a replaced model alive.
    [ThreadStatic]
    private static Firings? t_firings;

    private readonly FiringEvaluator _evaluator;
    private readonly Aggregator _aggregator;
    private readonly TimeProvider _time;

    public CompiledRiskModel(ModelDefinition definition, ModelReference reference, TimeProvider time)
    {
        Definition = definition;
        Reference = reference;
        _time = time;
        _evaluator = new FiringEvaluator(definition);
        if (_evaluator.TemporalIndicators.Count > 0)
        {
            throw new NotSupportedException(
                $"Model {definition.Id} has indicators with temporal helpers ({string.Join(", ", _evaluator.TemporalIndicators)}); they need the NRules path for single cases.");
        }

        _aggregator = new Aggregator(definition);
    }

    public ModelReference Reference { get; }

    public ModelDefinition Definition { get; }

    public Assessment Assess(CaseData data) => Assess(CaseIntake.Resolve(Definition, data, _time));

    public Assessment Assess(ResolvedCase data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var values = data.Values as double?[] ?? [.. data.Values];
        var relevance = data.Relevance as double?[] ?? [.. data.Relevance];
        var now = _time.GetUtcNow();
        var firings = t_firings;
        if (firings is null || firings.Fired.Length != _evaluator.IndicatorCount)
        {
            var noEvidence = new IReadOnlyList<ResolvedObservation>[_evaluator.IndicatorCount];
            Array.Fill(noEvidence, []);
            t_firings = firings = new Firings(new bool[_evaluator.IndicatorCount], noEvidence);
        }

        _evaluator.Evaluate(values, relevance, firings.Fired);
        return _aggregator.Aggregate(data, firings, Reference, EngineName, now);
    }
}
