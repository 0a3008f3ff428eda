namespace Tma.Scoring.Rules;

/// <summary>The case as one rule-engine fact: current values, relevance axis, reference date, and the collector rules report to.</summary>
internal sealed class CaseFact(double?[] values, double?[] relevance, DateTimeOffset? asOf, FiringCollector collector)
{
    public double?[] Values { get; } = values;

    public double?[] Relevance { get; } = relevance;

    public DateTimeOffset? AsOf { get; } = asOf;

    public FiringCollector Collector { get; } = collector;
}

/// <summary>One dated observation as a rule-engine fact; temporal helpers are joins over these.</summary>
internal sealed class ObservationFact(int inputIndex, double value, DateTimeOffset observedAt)
{
    public int InputIndex { get; } = inputIndex;

    public double Value { get; } = value;

    public DateTimeOffset ObservedAt { get; } = observedAt;
}
