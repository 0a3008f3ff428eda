using Tma.Models.Definitions;


namespace Tma.Research.Training;

/// <summary>Streaming statistics of one feature's known, encoded (pre-standardisation) values: count, mean, sd, mode.</summary>
internal sealed class FeatureStatistics
{
    private readonly SortedDictionary<double, long> _counts = [];
    private double _mean;
    private double _m2;

    public long Known { get; private set; }

    public long Unknown { get; private set; }

    public double Mean => _mean;

    /// <summary>Sample standard deviation (n − 1); 0 with fewer than two values.</summary>
    public double StandardDeviation => Known > 1 ? Math.Sqrt(_m2 / (Known - 1)) : 0;

    /// <summary>The most frequent value, the lowest on ties.</summary>
    public double Mode
    {
        get
        {
            var best = 0.0;
            var count = -1L;
            foreach (var (value, n) in _counts)
            {
                if (n > count)
                {
                    (best, count) = (value, n);
                }
            }

            return best;
        }
    }

    public void AddUnknown() => Unknown++;

    /// <summary>Adds a known value (Welford's update, so the mean and sd are accurate for any row count).</summary>
    public void Add(double value)
    {
        Known++;
        var delta = value - _mean;
        _mean += delta / Known;
        _m2 += delta * (value - _mean);
        _counts[value] = _counts.GetValueOrDefault(value) + 1;
    }

    /// <summary>The feature with its training statistics filled in (fill values, standardisation).</summary>
    public FeatureDefinition Complete(FeatureDefinition feature)
    {
        var completed = feature;
        switch (feature.Missing)
        {
            case MissingValueStrategy.Mean:
                completed = completed with { Fill = Mean };
                break;
            case MissingValueStrategy.Mode when feature.Encoding == FeatureEncoding.OneHot:
                completed = completed with { Fill = Mode, FillLevel = feature.Categories[(int)Mode] };
                break;
            case MissingValueStrategy.Mode:
                completed = completed with { Fill = Mode };
                break;
        }

        if (feature.Standardize)
        {
            completed = completed with { Mean = Mean, StandardDeviation = StandardDeviation };
        }

        return completed;
    }
}
