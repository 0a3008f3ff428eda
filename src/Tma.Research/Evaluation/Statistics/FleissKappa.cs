namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Fleiss' κ for a fixed number of raters per subject over nominal categories (Fleiss 1971, Psychol Bull 76:378–382).
/// The raters need not be the same people for every subject.
/// </summary>
public static class FleissKappa
{
    /// <summary>κ from a subjects × categories table of counts n_ij (how many raters put subject i in category j).</summary>
    /// <param name="counts">Counts; every row must sum to the same number of raters r ≥ 2.</param>
    /// <returns>Fleiss' κ.</returns>
    /// <exception cref="ArgumentException">
    /// No subjects, fewer than 2 categories, a negative count, fewer than 2 raters, rows with different numbers of raters
    /// (the row is named), or expected agreement 1 (every rating in one category), where κ is undefined.
    /// </exception>
    public static FleissKappaResult FromCounts(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var subjects = counts.GetLength(0);
        var categories = counts.GetLength(1);
        if (subjects < 1 || categories < 2)
        {
            throw new ArgumentException($"Fleiss' κ needs at least 1 subject and 2 categories; got {subjects}×{categories}.", nameof(counts));
        }

        var raters = -1;
        var categoryTotals = new double[categories];
        var agreementSum = 0.0;
        for (var i = 0; i < subjects; i++)
        {
            var rowTotal = 0;
            long pairs = 0;
            for (var j = 0; j < categories; j++)
            {
                var c = counts[i, j];
                if (c < 0)
                {
                    throw new ArgumentException($"counts[{i}, {j}] is negative.", nameof(counts));
                }

                rowTotal += c;
                pairs += (long)c * (c - 1);
                categoryTotals[j] += c;
            }

            if (i == 0)
            {
                raters = rowTotal;
                if (raters < 2)
                {
                    throw new ArgumentException($"Fleiss' κ needs at least 2 raters per subject; subject 0 has {raters}.", nameof(counts));
                }
            }
            else if (rowTotal != raters)
            {
                throw new ArgumentException(
                    $"Subject {i} has {rowTotal} ratings but subject 0 has {raters}; Fleiss' κ needs the same number of raters for every subject.",
                    nameof(counts));
            }

            agreementSum += (double)pairs / ((double)raters * (raters - 1));
        }

        var observed = agreementSum / subjects;
        var proportions = new double[categories];
        var expected = 0.0;
        for (var j = 0; j < categories; j++)
        {
            proportions[j] = categoryTotals[j] / ((double)subjects * raters);
            expected += proportions[j] * proportions[j];
        }

        if (expected >= 1.0 - 1e-15)
        {
            throw new ArgumentException("Every rating falls in one category, so expected agreement is 1 and Fleiss' κ is undefined.", nameof(counts));
        }

        var result = new FleissKappaResult((observed - expected) / (1.0 - expected), observed, expected, subjects, raters, proportions);
        return FleissKappaSignificance.Attach(result, counts);
    }

    /// <summary>κ from a subjects × raters table of categories 0..k−1.</summary>
    /// <param name="ratings">ratings[subject, rater] = category.</param>
    /// <param name="categoryCount">Number of categories k, at least 2.</param>
    /// <returns>Fleiss' κ.</returns>
    /// <exception cref="ArgumentException">Fewer than 2 raters, no subjects, fewer than 2 categories, a category out of range (its cell is named), or κ undefined.</exception>
    public static FleissKappaResult FromRatings(int[,] ratings, int categoryCount)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var subjects = ratings.GetLength(0);
        var raters = ratings.GetLength(1);
        if (raters < 2)
        {
            throw new ArgumentException($"Fleiss' κ needs at least 2 raters; got {raters}.", nameof(ratings));
        }

        if (categoryCount < 2)
        {
            throw new ArgumentException($"Fleiss' κ needs at least 2 categories; got {categoryCount}.", nameof(categoryCount));
        }

        var counts = new int[subjects, categoryCount];
        for (var i = 0; i < subjects; i++)
        {
            for (var r = 0; r < raters; r++)
            {
                var c = ratings[i, r];
                if ((uint)c >= (uint)categoryCount)
                {
                    throw new ArgumentException($"ratings[{i}, {r}] is {c}; categories must lie in 0..{categoryCount - 1}.", nameof(ratings));
                }

                counts[i, c]++;
            }
        }

        return FromCounts(counts);
    }
}
