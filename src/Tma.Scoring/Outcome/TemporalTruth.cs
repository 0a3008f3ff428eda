using Tma.Models.Cases;
using Tma.Models.Definitions;

namespace Tma.Scoring.Outcome;

/// <summary>
/// The truth of a helper over dated observations, computed directly from a case's observations. It states the same
/// rule as the NRules joins of <see cref="Rules.IndicatorRuleBuilder"/> (a differential test holds the two equal);
/// the bounds analysis needs it per helper, where the rule engine only reports whole indicators.
/// </summary>
internal static class TemporalTruth
{
    public static bool Evaluate(BoundTemporal helper, IReadOnlyList<ResolvedObservation> observations, DateTimeOffset? asOf)
    {
        var input = helper.Item.InputIndex;
        if (helper.Helper == TemporalKind.RoseWithin)
        {
            // Two observations at most `days` apart, the later higher by at least `levels`.
            for (var i = 0; i < observations.Count; i++)
            {
                var a = observations[i];
                if (a.InputIndex != input)
                {
                    continue;
                }

                var until = a.ObservedAt.AddDays(helper.Days);
                for (var j = 0; j < observations.Count; j++)
                {
                    var b = observations[j];
                    if (b.InputIndex == input && b.ObservedAt > a.ObservedAt && b.ObservedAt <= until && b.Value - a.Value >= helper.Amount)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // An observation at or above the level within `days` before the reference date.
        if (asOf is not { } date)
        {
            return false;
        }

        var since = date.AddDays(-helper.Days);
        foreach (var o in observations)
        {
            if (o.InputIndex == input && o.Value >= helper.Amount && o.ObservedAt <= date && o.ObservedAt >= since)
            {
                return true;
            }
        }

        return false;
    }
}
