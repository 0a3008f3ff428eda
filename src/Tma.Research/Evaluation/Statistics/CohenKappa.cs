namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Cohen's κ (Cohen 1960, Educ Psychol Meas 20:37–46) and weighted κ (Cohen 1968, Psychol Bull 70:213–220) for two
/// raters over ordered categories 0..k−1.
/// </summary>
public static class CohenKappa
{
    /// <summary>κ from two raters' ratings of the same subjects. O(n + k²).</summary>
    /// <param name="raterA">First rater's category per subject, 0..<paramref name="categoryCount"/>−1.</param>
    /// <param name="raterB">Second rater's category per subject, same order.</param>
    /// <param name="categoryCount">Number of ordered categories k, at least 2.</param>
    /// <param name="weighting">Agreement weights; default unweighted.</param>
    /// <returns>κ with observed and expected agreement.</returns>
    /// <exception cref="ArgumentException">
    /// Lengths differ, there are no subjects, a category is out of range (its rater and index are named), fewer than
    /// 2 categories, or expected agreement is 1 (both raters used one and the same category), where κ is undefined.
    /// </exception>
    public static KappaResult Compute(ReadOnlySpan<int> raterA, ReadOnlySpan<int> raterB, int categoryCount, KappaWeighting weighting = KappaWeighting.None)
    {
        if (categoryCount < 2)
        {
            throw new ArgumentException($"κ needs at least 2 categories; got {categoryCount}.", nameof(categoryCount));
        }

        if (raterA.Length != raterB.Length)
        {
            throw new ArgumentException($"Length mismatch: raterA rated {raterA.Length} subjects but raterB rated {raterB.Length}.", nameof(raterB));
        }

        var table = new int[categoryCount, categoryCount];
        for (var i = 0; i < raterA.Length; i++)
        {
            if ((uint)raterA[i] >= (uint)categoryCount)
            {
                throw new ArgumentException($"raterA[{i}] is {raterA[i]}; categories must lie in 0..{categoryCount - 1}.", nameof(raterA));
            }

            if ((uint)raterB[i] >= (uint)categoryCount)
            {
                throw new ArgumentException($"raterB[{i}] is {raterB[i]}; categories must lie in 0..{categoryCount - 1}.", nameof(raterB));
            }

            table[raterA[i], raterB[i]]++;
        }

        return FromTable(table, weighting);
    }

    /// <summary>κ from a k×k contingency table (rows: rater A's category, columns: rater B's).</summary>
    /// <param name="table">Counts; square, k ≥ 2, non-negative, not all zero.</param>
    /// <param name="weighting">Agreement weights; default unweighted.</param>
    /// <returns>κ with observed and expected agreement.</returns>
    /// <exception cref="ArgumentException">The table is not square, smaller than 2×2, has a negative count, is empty, or expected agreement is 1.</exception>
    public static KappaResult FromTable(int[,] table, KappaWeighting weighting = KappaWeighting.None)
    {
        ArgumentNullException.ThrowIfNull(table);
        var k = table.GetLength(0);
        if (k != table.GetLength(1) || k < 2)
        {
            throw new ArgumentException($"The table must be square with at least 2 categories; got {k}×{table.GetLength(1)}.", nameof(table));
        }

        var rows = new double[k];
        var cols = new double[k];
        double total = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                if (table[i, j] < 0)
                {
                    throw new ArgumentException($"table[{i}, {j}] is negative.", nameof(table));
                }

                rows[i] += table[i, j];
                cols[j] += table[i, j];
                total += table[i, j];
            }
        }

        if (total == 0)
        {
            throw new ArgumentException("There are no subjects, so κ is undefined.", nameof(table));
        }

        double observed = 0, expected = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var w = Weight(i, j, k, weighting);
                observed += w * table[i, j] / total;
                expected += w * (rows[i] / total) * (cols[j] / total);
            }
        }

        if (expected >= 1.0 - 1e-15)
        {
            throw new ArgumentException(
                "Expected agreement is 1 (both raters used a single, identical category), so κ is undefined.", nameof(table));
        }

        var kappa = (observed - expected) / (1.0 - expected);
        var (standardError, standardErrorNull) = KappaStandardErrors.Compute(table, rows, cols, total, observed, expected, (i, j) => Weight(i, j, k, weighting));
        return KappaStandardErrors.Attach(new KappaResult(kappa, observed, expected, (int)total, weighting), standardError, standardErrorNull);
    }

    private static double Weight(int i, int j, int k, KappaWeighting weighting)
    {
        var d = Math.Abs(i - j) / (double)(k - 1);
        return weighting switch
        {
            KappaWeighting.None => i == j ? 1.0 : 0.0,
            KappaWeighting.Linear => 1.0 - d,
            KappaWeighting.Quadratic => 1.0 - (d * d),
            _ => throw new ArgumentException($"Unknown weighting {weighting}.", nameof(weighting)),
        };
    }
}
