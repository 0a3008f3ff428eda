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

    public Assessment Assess(CaseData data)
    {
        var resolved = CaseResolver.Resolve(Definition, data);
        return resolved.Value is { } value ? Assess(value) : throw new InvalidCaseException(resolved.Diagnostics);
    }

    public Assessment Assess(ResolvedCase data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var collector = new FiringCollector(Definition.Indicators.Count);
        var session = _sessions.CreateSession();
        session.Insert(new CaseFact([.. data.Values], [.. data.Relevance], data.AsOf, collector));
        foreach (var observation in data.Observations)
        {
            session.Insert(new ObservationFact(observation.InputIndex, observation.Value, observation.ObservedAt));
        }

        session.Fire();
        var fired = new bool[Definition.Indicators.Count];
        var evidence = new IReadOnlyList<ResolvedObservation>[Definition.Indicators.Count];
        for (var i = 0; i < fired.Length; i++)
        {
            fired[i] = collector.Fired(i);
            evidence[i] = [.. collector.Evidence(i).Select(o => new ResolvedObservation(o.InputIndex, o.Value, o.ObservedAt))];
        }

        return _aggregator.Aggregate(data, new Firings(fired, evidence), Reference, EngineName, _time.GetUtcNow());
    }
}
