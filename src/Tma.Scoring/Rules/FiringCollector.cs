namespace Tma.Scoring.Rules;

/// <summary>
/// Receives rule firings during one session. An indicator whose temporal join matches several observation
/// pairs fires once per match; the collector keeps one firing per indicator with the most recent evidence, so the
/// result never depends on the order in which the engine found the matches.
/// </summary>
internal sealed class FiringCollector(int indicatorCount)
{
    private readonly ObservationFact[]?[] _evidence = new ObservationFact[]?[indicatorCount];
    private readonly bool[] _fired = new bool[indicatorCount];

    public void Fire(int indicator, ObservationFact[] evidence)
    {
        if (!_fired[indicator] || IsLater(evidence, _evidence[indicator]!))
        {
            _evidence[indicator] = evidence;
        }

        _fired[indicator] = true;
    }

    public bool Fired(int indicator) => _fired[indicator];

    public IReadOnlyList<ObservationFact> Evidence(int indicator) => _evidence[indicator] ?? [];

    private static bool IsLater(ObservationFact[] candidate, ObservationFact[] current)
    {
        for (var i = 0; i < Math.Min(candidate.Length, current.Length); i++)
        {
            var byTime = candidate[i].ObservedAt.CompareTo(current[i].ObservedAt);
            if (byTime != 0)
            {
                return byTime > 0;
            }

            var byValue = candidate[i].Value.CompareTo(current[i].Value);
            if (byValue != 0)
            {
                return byValue > 0;
            }
        }

        return false;
    }
}
