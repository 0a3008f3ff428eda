namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Krippendorff's α for any number of coders, missing values and nominal, ordinal, interval or ratio data, computed
/// through the coincidence matrix as in Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
/// Annenberg School for Communication, University of Pennsylvania.
/// </summary>
public static class KrippendorffAlpha
{
    /// <summary>Computes α. O(Σ_u m_u² + V²) for units with m_u values and V distinct values.</summary>
    /// <param name="reliabilityData">data[coder, unit]; <see langword="null"/> marks a missing value. Units with fewer than 2 values are not pairable and are ignored.</param>
    /// <param name="metric">The difference function; ordinal uses the rank order of the distinct values.</param>
    /// <returns>α with observed and expected disagreement.</returns>
    /// <exception cref="ArgumentException">
    /// Fewer than 2 coders, a NaN or infinite value (its cell is named), a negative value under the ratio metric, no
    /// pairable unit, or no variation among the pairable values (D_e = 0), where α is undefined.
    /// </exception>
    public static KrippendorffAlphaResult Compute(double?[,] reliabilityData, KrippendorffMetric metric)
    {
        ArgumentNullException.ThrowIfNull(reliabilityData);
        var coders = reliabilityData.GetLength(0);
        var units = reliabilityData.GetLength(1);
        if (coders < 2)
        {
            throw new ArgumentException($"Krippendorff's α needs at least 2 coders (rows); got {coders}.", nameof(reliabilityData));
        }

        // Values of the pairable units, as indices into the sorted distinct values.
        var unitValues = new List<double[]>();
        var buffer = new List<double>(coders);
        for (var u = 0; u < units; u++)
        {
            buffer.Clear();
            for (var c = 0; c < coders; c++)
            {
                if (reliabilityData[c, u] is not { } v)
                {
                    continue;
                }

                if (!double.IsFinite(v))
                {
                    throw new ArgumentException($"reliabilityData[{c}, {u}] is {v}; use null for a missing value.", nameof(reliabilityData));
                }

                if (metric == KrippendorffMetric.Ratio && v < 0)
                {
                    throw new ArgumentException($"reliabilityData[{c}, {u}] is negative; the ratio metric needs values ≥ 0.", nameof(reliabilityData));
                }

                buffer.Add(v);
            }

            if (buffer.Count >= 2)
            {
                unitValues.Add([.. buffer]);
            }
        }

        if (unitValues.Count == 0)
        {
            throw new ArgumentException("No unit has values from at least 2 coders, so α is undefined.", nameof(reliabilityData));
        }

        var distinct = unitValues.SelectMany(static v => v).Distinct().Order().ToArray();
        var frequency = new double[distinct.Length];
        var coded = unitValues.Select(v => v.Select(x => Array.BinarySearch(distinct, x)).ToArray()).ToList();
        foreach (var unit in coded)
        {
            foreach (var index in unit)
            {
                frequency[index]++;
            }
        }

        var n = frequency.Sum();
        var delta = DifferenceFunction(metric, distinct, frequency);

        // D_o: each ordered pair of values from different coders in unit u adds 1/(m_u − 1) to o_ck.
        var observedSum = 0.0;
        foreach (var unit in coded)
        {
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
            for (var k = 0; k < distinct.Length; k++)
            {
                if (c != k)
                {
                    expectedSum += frequency[c] * frequency[k] * delta(c, k);
                }
            }
        }

        var observed = observedSum / n;
        var expected = expectedSum / (n * (n - 1));
        if (expected <= 0)
        {
            throw new ArgumentException("All pairable values are equal, so expected disagreement is 0 and α is undefined.", nameof(reliabilityData));
        }

        return new KrippendorffAlphaResult(1.0 - (observed / expected), observed, expected, (int)n, coded.Count, metric);
    }

    internal static Func<int, int, double> DifferenceFunction(KrippendorffMetric metric, double[] values, double[] frequency)
    {
        switch (metric)
        {
            case KrippendorffMetric.Nominal:
                return static (c, k) => c == k ? 0.0 : 1.0;
            case KrippendorffMetric.Interval:
                return (c, k) => (values[c] - values[k]) * (values[c] - values[k]);
            case KrippendorffMetric.Ratio:
                return (c, k) =>
                {
                    var sum = values[c] + values[k];
                    return sum == 0 ? 0.0 : ((values[c] - values[k]) / sum) * ((values[c] - values[k]) / sum);
                };
            case KrippendorffMetric.Ordinal:
                // cumulative[i] = n_0 + … + n_{i−1}; Σ_{g=c..k} n_g = cumulative[k+1] − cumulative[c] for c ≤ k.
                var cumulative = new double[frequency.Length + 1];
                for (var i = 0; i < frequency.Length; i++)
                {
                    cumulative[i + 1] = cumulative[i] + frequency[i];
                }

                return (c, k) =>
                {
                    if (c == k)
                    {
                        return 0.0;
                    }

                    var (lo, hi) = c < k ? (c, k) : (k, c);
                    var d = cumulative[hi + 1] - cumulative[lo] - ((frequency[lo] + frequency[hi]) / 2.0);
                    return d * d;
                };
            default:
                throw new ArgumentException($"Unknown metric {metric}.", nameof(metric));
        }
    }
}
