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
    /// <summary>Computes α and its seeded percentile interval. O(B·(Σ_u m_u² + V²)) for B resamples.</summary>
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
        var coded = units.Select(v => v.Select(x => Array.BinarySearch(distinct, x)).ToArray()).ToArray();
        var frequency = new double[distinct.Length];
        return Bootstrap.Percentile(coded.Length, ix => Alpha(coded, ix, distinct, frequency, metric), options);
    }

    /// <summary>α of the units <paramref name="sample"/> (with repeats); NaN when expected disagreement is 0.</summary>
    private static double Alpha(int[][] coded, int[] sample, double[] distinct, double[] frequency, KrippendorffMetric metric)
    {
        Array.Clear(frequency);
        foreach (var u in sample)
        {
            foreach (var value in coded[u])
            {
                frequency[value]++;
            }
        }

        var delta = KrippendorffAlpha.DifferenceFunction(metric, distinct, frequency);
        var n = 0.0;
        var observedSum = 0.0;
        foreach (var u in sample)
        {
            var unit = coded[u];
            n += unit.Length;
            var pairWeight = 1.0 / (unit.Length - 1);
            for (var a = 0; a < unit.Length; a++)
            {
                for (var b = 0; b < unit.Length; b++)
                {
                    if (a != b)
                    {
                        observedSum += pairWeight * delta(unit[a], unit[b]);
                    }
                }
            }
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
