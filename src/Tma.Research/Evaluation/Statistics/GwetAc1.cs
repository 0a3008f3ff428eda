using MathNet.Numerics.Distributions;

namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Gwet's AC1 (Gwet 2008, Br J Math Stat Psychol 61:29–48) for nominal categories: chance agreement is taken from
/// the propensity π_k to classify into category k, p_e = Σ_k π_k(1 − π_k)/(q − 1), so that — unlike κ — AC1 does not
/// collapse when one category dominates (the "kappa paradox") and it is defined (= 1) when every rater always uses
/// the same single category.
/// </summary>
public static class GwetAc1
{
    private const double Level = 0.95;

    /// <summary>AC1 of two raters from their q×q table, with Gwet's (2008) two-rater variance. O(q²).</summary>
    /// <param name="table">Counts, rows rater A's category, columns rater B's; square, q ≥ 2, not all zero.</param>
    /// <returns>AC1 with p_a, p_e, its standard error and interval.</returns>
    /// <exception cref="ArgumentException">The table is not square, smaller than 2×2, has a negative count or is empty.</exception>
    /// <remarks>
    /// π_k = (p_k· + p_·k)/2, p_a = Σ_k p_kk, and
    /// v = [p_a(1 − p_a) − 4(1 − AC1)(Σ_k p_kk(1 − π_k)/(q − 1) − p_a p_e)
    ///      + 4(1 − AC1)²(Σ_k Σ_l p_kl(1 − (π_k + π_l)/2)²/(q − 1)² − p_e²)] / (n(1 − p_e)²).
    /// </remarks>
    public static GwetAc1Result FromTable(int[,] table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var q = table.GetLength(0);
        if (q != table.GetLength(1) || q < 2)
        {
            throw new ArgumentException($"The table must be square with at least 2 categories; got {q}×{table.GetLength(1)}.", nameof(table));
        }

        var pi = new double[q];
        double n = 0;
        foreach (var count in table)
        {
            if (count < 0)
            {
                throw new ArgumentException("A count in the table is negative.", nameof(table));
            }

            n += count;
        }

        if (n == 0)
        {
            throw new ArgumentException("There are no subjects, so AC1 is undefined.", nameof(table));
        }

        var observed = 0.0;
        for (var k = 0; k < q; k++)
        {
            observed += table[k, k] / n;
            for (var l = 0; l < q; l++)
            {
                pi[k] += (table[k, l] + table[l, k]) / (2 * n);
            }
        }

        var expected = Expected(pi);
        var ac1 = (observed - expected) / (1 - expected);
        double diagonal = 0, offDiagonal = 0;
        for (var k = 0; k < q; k++)
        {
            diagonal += table[k, k] / n * (1 - pi[k]) / (q - 1);
            for (var l = 0; l < q; l++)
            {
                var d = 1 - ((pi[k] + pi[l]) / 2);
                offDiagonal += table[k, l] / n * d * d / ((q - 1.0) * (q - 1.0));
            }
        }

        var variance = ((observed * (1 - observed))
            - (4 * (1 - ac1) * (diagonal - (observed * expected)))
            + (4 * (1 - ac1) * (1 - ac1) * (offDiagonal - (expected * expected)))) / (n * (1 - expected) * (1 - expected));
        return Result(ac1, observed, expected, (int)n, 2, variance);
    }

    /// <summary>AC1 of r ≥ 2 raters from a complete subjects × raters table, with Gwet's (2008) multi-rater variance. O(n·(r + q)).</summary>
    /// <param name="ratings">ratings[subject, rater] = category 0..q−1.</param>
    /// <param name="categoryCount">q, at least 2.</param>
    /// <returns>AC1 with p_a, p_e, its standard error and interval.</returns>
    /// <exception cref="ArgumentException">Fewer than 2 raters or subjects, fewer than 2 categories, or a category out of range (its cell is named).</exception>
    /// <remarks>
    /// With r_ik raters putting subject i in category k: p_a|i = Σ_k r_ik(r_ik − 1)/(r(r − 1)), p_a = mean p_a|i,
    /// π_k = mean r_ik/r; AC1_i = (p_a|i − p_e)/(1 − p_e), p_e|i = Σ_k (r_ik/r)(1 − π_k)/(q − 1),
    /// AC1*_i = AC1_i − 2(1 − AC1)(p_e|i − p_e)/(1 − p_e) and v = Σ_i (AC1*_i − AC1)² / (n(n − 1)).
    /// </remarks>
    public static GwetAc1Result FromRatings(int[,] ratings, int categoryCount)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var n = ratings.GetLength(0);
        var r = ratings.GetLength(1);
        if (r < 2 || n < 2)
        {
            throw new ArgumentException($"AC1 needs at least 2 raters and 2 subjects; got {r} raters and {n} subjects.", nameof(ratings));
        }

        if (categoryCount < 2)
        {
            throw new ArgumentException($"AC1 needs at least 2 categories; got {categoryCount}.", nameof(categoryCount));
        }

        var q = categoryCount;
        var counts = new int[n, q];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < r; j++)
            {
                var c = ratings[i, j];
                if ((uint)c >= (uint)q)
                {
                    throw new ArgumentException($"ratings[{i}, {j}] is {c}; categories must lie in 0..{q - 1}.", nameof(ratings));
                }

                counts[i, c]++;
            }
        }

        var pi = new double[q];
        var agreement = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < q; k++)
            {
                agreement[i] += counts[i, k] * (counts[i, k] - 1.0) / (r * (r - 1.0));
                pi[k] += counts[i, k] / (double)r / n;
            }
        }

        var observed = agreement.Average();
        var expected = Expected(pi);
        var ac1 = (observed - expected) / (1 - expected);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var expectedI = 0.0;
            for (var k = 0; k < q; k++)
            {
                expectedI += counts[i, k] / (double)r * (1 - pi[k]) / (q - 1);
            }

            var linearized = ((agreement[i] - expected) / (1 - expected)) - (2 * (1 - ac1) * (expectedI - expected) / (1 - expected));
            sum += (linearized - ac1) * (linearized - ac1);
        }

        return Result(ac1, observed, expected, n, r, sum / (n * (n - 1.0)));
    }

    /// <summary>p_e = Σ_k π_k(1 − π_k)/(q − 1) = (1 − Σ_k π_k²)/(q − 1) ≤ 1/q &lt; 1, so AC1 is always defined.</summary>
    private static double Expected(double[] pi) => pi.Sum(p => p * (1 - p)) / (pi.Length - 1);

    private static GwetAc1Result Result(double ac1, double observed, double expected, int subjects, int raters, double variance)
    {
        var se = Math.Sqrt(Math.Max(0, variance));
        var z = Normal.InvCDF(0, 1, 0.5 + (Level / 2));
        return new GwetAc1Result(ac1, observed, expected, subjects, raters, se, Math.Max(-1, ac1 - (z * se)), Math.Min(1, ac1 + (z * se)), Level);
    }
}
