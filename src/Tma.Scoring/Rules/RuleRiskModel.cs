using NRules;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Scoring.Aggregation;
using Tma.Scoring.Assessments;

namespace Tma.Scoring.Rules;

/// <summary>
/// An indicator-rules model running on NRules: one session factory per compiled model (the compiled rete network
/// is shared and thread-safe), one short-lived session per assessment.
/// </summary>
internal sealed class RuleRiskModel : IRiskModel
{
    /// <summary>Name of this evaluation path in assessments and reports.</summary>
    public const string EngineName = "nrules";

    private readonly ISessionFactory _sessions;
    private readonly Aggregator _aggregator;
    private readonly TimeProvider _time;

    public RuleRiskModel(ModelDefinition definition, ModelReference reference, TimeProvider time)
    {
        Definition = definition;
        Reference = reference;
        _time = time;
        var compiler = new RuleCompiler();
        _sessions = compiler.Compile(IndicatorRuleBuilder.Build(definition));
        _aggregator = new Aggregator(definition);
    }

    public ModelReference Reference { get; }

    public ModelDefinition Definition { get; }

    public Assessment Assess(CaseData data) => Assess(CaseIntake.Resolve(Definition, data, _time));

    public Assessment Assess(ResolvedCase data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return _aggregator.Aggregate(data, Fire(data), Reference, EngineName, _time.GetUtcNow());
    }

    /// <summary>The aggregation policy this model applies to its firings.</summary>
    internal Aggregator Aggregator => _aggregator;

    /// <summary>Runs one NRules session over the case: which indicators fire, with the observations they matched.</summary>
    internal Firings Fire(ResolvedCase data)
    {
        var count = Definition.Indicators.Count;
        var collector = new FiringCollector(count);
        var session = _sessions.CreateSession();

        // Rules only read the fact's arrays, so the resolved case's own arrays are handed over without copying.
        var values = data.Values as double?[] ?? [.. data.Values];
        var relevance = data.Relevance as double?[] ?? [.. data.Relevance];
        session.Insert(new CaseFact(values, relevance, data.AsOf, collector));
        if (data.Observations.Count > 0)
        {
            var observations = new ObservationFact[data.Observations.Count];
            for (var i = 0; i < observations.Length; i++)
            {
                var observation = data.Observations[i];
                observations[i] = new ObservationFact(observation.InputIndex, observation.Value, observation.ObservedAt);
            }

            session.InsertAll(observations);
        }

        session.Fire();
        var fired = new bool[count];
        var evidence = new IReadOnlyList<ResolvedObservation>[count];
        for (var i = 0; i < count; i++)
        {
            fired[i] = collector.Fired(i);
            var matched = collector.Evidence(i);
            if (matched.Count == 0)
            {
                evidence[i] = [];
                continue;
            }

            var resolved = new ResolvedObservation[matched.Count];
            for (var k = 0; k < resolved.Length; k++)
            {
                resolved[k] = new ResolvedObservation(matched[k].InputIndex, matched[k].Value, matched[k].ObservedAt);
            }

            evidence[i] = resolved;
        }

        return new Firings(fired, evidence);
    }
}
