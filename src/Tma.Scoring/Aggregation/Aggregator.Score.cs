using Tma.Models.Definitions;
using Tma.Scoring.Assessments;

namespace Tma.Scoring.Aggregation;

/// <summary>The score and the level: fired indicators, contributions, omitted items, bands and overrides (shared by Aggregate and the batch Outcome).</summary>
internal sealed partial class Aggregator
{
    /// <summary>Writes the fired indicators (declaration order) with their points and contributions; returns how many.</summary>
    private int CollectFired(bool[] fired, double?[] values, double?[] relevance, Span<int> index, Span<double> points, Span<double> contributions)
    {
        var count = 0;
        for (var i = 0; i < _indicators.Length; i++)
        {
            if (!fired[i])
            {
                continue;
            }

            var p = _points[i] is { } compute ? compute(values, relevance) ?? 0 : _constantPoints[i];
            index[count] = i;
            points[count] = p;
            contributions[count] = Contribution(i, p);
            count++;
        }

        return count;
    }

    private double Contribution(int i, double points) => _policy switch
    {
        AggregationPolicy.Sum => points,
        AggregationPolicy.Weighted => points * _weights[i],
        AggregationPolicy.Count => 1,
        _ => _indicatorLevel[i],
    };

    private double Score(ReadOnlySpan<int> fired, ReadOnlySpan<double> contributions, double?[] values, double?[] relevance, int omitted, Validity validity)
    {
        double score;
        if (_policy == AggregationPolicy.HighestLevel)
        {
            // Highest rank among fired indicators that name a level; 0 when none did.
            var any = false;
            score = 0;
            foreach (var i in fired)
            {
                if (_namesLevel[i] && (!any || _indicatorLevel[i] > score))
                {
                    score = _indicatorLevel[i];
                    any = true;
                }
            }
        }
        else if (_score is not null)
        {
            score = _score(values, relevance) ?? 0;
        }
        else
        {
            score = 0.0;
            foreach (var contribution in contributions)
            {
                score += contribution;
            }
        }

        if (validity == Validity.Prorated && _policy != AggregationPolicy.HighestLevel)
        {
            var required = _missing.RequiredCount;
            score = score * required / (required - omitted);
        }

        return score;
    }

    /// <summary>The rank after critical-item overrides (the same rule as <see cref="ApplyOverrides"/>, nothing recorded).</summary>
    private int FinalRank(ReadOnlySpan<int> fired, int rank)
    {
        foreach (var i in fired)
        {
            if (_minimumLevel[i] > rank)
            {
                rank = _minimumLevel[i];
            }
        }

        return rank;
    }

    private int ApplyOverrides(ReadOnlySpan<int> fired, int rank, ref List<AppliedOverride>? overrides)
    {
        foreach (var i in fired)
        {
            if (_minimumLevel[i] > rank)
            {
                var indicator = _indicators[i];
                (overrides ??= []).Add(new AppliedOverride(indicator.Id, indicator.MinimumLevel!, _model.Levels[rank].Id, indicator.Reason));
                rank = _minimumLevel[i];
            }
        }

        return rank;
    }
}
