namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Percentile bootstrap interval of Krippendorff's α over units (cases): the pairable units are resampled with
/// replacement and α is recomputed — coincidences, value frequencies and, for the ordinal metric, the rank differences —
/// on each resample. Units, not single values, are resampled because the values of one unit come from the same case
/// and are not independent; this is the nonparametric bootstrap Zapf et al. (2016, BMC Med Res Methodol 16:93) found
/// to keep its coverage for α, where Hayes &amp; Krippendorff's (2007) algorithm resamples pairs of values.
/// </summary>
public static class KrippendorffAlphaBootstrap
{
    /// <summary>Computes α and its seeded percentile interval. O(B·(Σ_kinds m² + V²)) for B resamples over the kinds of unit.</summary>
    /// <param name="reliabilityData">data[coder, unit] as for <see cref="KrippendorffAlpha.Compute"/>.</param>
    /// <param name="metric">The difference function.</param>
    /// <param name="options">Seed, resamples and confidence level.</param>
    /// <returns>α on the data and its interval; a resample where α is undefined (no variation) does not count.</returns>
    /// <exception cref="ArgumentException">As <see cref="KrippendorffAlpha.Compute"/>, or the options are invalid.</exception>
    public static BootstrapInterval Compute(double?[,] reliabilityData, KrippendorffMetric metric, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        KrippendorffAlpha.Compute(reliabilityData, metric);
        var coders = reliabilityData.GetLength(0);
        var units = new List<double[]>();
        for (var u = 0; u < reliabilityData.GetLength(1); u++)
        {
            var values = new List<double>(coders);
            for (var c = 0; c < coders; c++)
            {
                if (reliabilityData[c, u] is { } v)
                {
                    values.Add(v);
                }
            }

            if (values.Count >= 2)
            {
                units.Add([.. values]);
            }
        }

        var distinct = units.SelectMany(static v => v).Distinct().Order().ToArray();

        // Drawing N units with replacement only matters through how often each kind of unit (its sorted multiset of
        // values) is drawn, so the units are grouped into kinds and CountBootstrap draws the kinds' multinomial counts:
        // the same distribution as resampling unit indices, but O(kinds) per resample instead of O(units) — a ratings
        // file of 20,000 cases with a handful of categories has a few dozen kinds.
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<int>();
        var coincidences = new List<(int C, int K, double Weight)[]>();
        var frequencies = new List<(int Value, int Count)[]>();
        foreach (var unit in units)
        {
            var coded = unit.Select(x => Array.BinarySearch(distinct, x)).Order().ToArray();
            var key = string.Join(',', coded);
            if (kinds.TryGetValue(key, out var kind))
            {
                counts[kind]++;
                continue;
            }

            kinds.Add(key, counts.Count);
            counts.Add(1);
            var pairWeight = 1.0 / (coded.Length - 1);
            var pairs = new List<(int, int, double)>();
            for (var a = 0; a < coded.Length; a++)
            {
                for (var b = 0; b < coded.Length; b++)
                {
                    if (a != b && coded[a] != coded[b])
                    {
                        pairs.Add((coded[a], coded[b], pairWeight));
                    }
                }
            }

            coincidences.Add([.. pairs]);
            frequencies.Add([.. coded.GroupBy(v => v).Select(g => (g.Key, g.Count()))]);
        }

        var frequency = new double[distinct.Length];
        return CountBootstrap.Percentile(
            [.. counts],
            1,
            (drawn, values) => values[0] = Alpha(drawn, coincidences, frequencies, distinct, frequency, metric),
            options)[0];
    }

    /// <summary>α of a resample given as counts per kind of unit; NaN when expected disagreement is 0.</summary>
    private static double Alpha(
        ReadOnlySpan<int> drawn, List<(int C, int K, double Weight)[]> coincidences, List<(int Value, int Count)[]> frequencies,
        double[] distinct, double[] frequency, KrippendorffMetric metric)
    {
        Array.Clear(frequency);
        for (var kind = 0; kind < drawn.Length; kind++)
        {
            foreach (var (value, count) in frequencies[kind])
            {
                frequency[value] += (double)drawn[kind] * count;
            }
        }

        // δ(c, c) = 0 for every metric, so only pairs of different values were kept.
        var delta = KrippendorffAlpha.DifferenceFunction(metric, distinct, frequency);
        var n = frequency.Sum();
        var observedSum = 0.0;
        for (var kind = 0; kind < drawn.Length; kind++)
        {
            if (drawn[kind] == 0)
            {
                continue;
            }

            var sum = 0.0;
            foreach (var (c, k, weight) in coincidences[kind])
            {
                sum += weight * delta(c, k);
            }

            observedSum += drawn[kind] * sum;
        }

        var expectedSum = 0.0;
        for (var c = 0; c < distinct.Length; c++)
        {
            if (frequency[c] == 0)
            {
                continue;
            }

            for (var k = 0; k < distinct.Length; k++)
            {
                if (c != k && frequency[k] > 0)
                {
                    expectedSum += frequency[c] * frequency[k] * delta(c, k);
                }
            }
        }

        var expected = expectedSum / (n * (n - 1));
        return expected > 0 ? 1.0 - (observedSum / n / expected) : double.NaN;
    }
}
