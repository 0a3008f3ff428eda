namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Intraclass correlations ICC(1,1), ICC(2,1) and ICC(3,1) from the mean squares of a two-way ANOVA without
/// replication (Shrout &amp; Fleiss 1979, Psychol Bull 86:420–428; McGraw &amp; Wong 1996, Psychol Methods 1:30–46).
/// </summary>
public static class IntraclassCorrelation
{
    /// <summary>Computes the ICCs from a complete subjects × raters table. O(n·k).</summary>
    /// <param name="ratings">ratings[subject, rater]; every cell present and finite.</param>
    /// <returns>The ICCs and the ANOVA mean squares.</returns>
    /// <exception cref="ArgumentException">
    /// Fewer than 2 raters, fewer than 2 subjects, a NaN or infinite rating (its cell is named), or no variance at all.
    /// </exception>
    public static IntraclassCorrelationResult Compute(double[,] ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var n = ratings.GetLength(0);
        var k = ratings.GetLength(1);
        if (k < 2)
        {
            throw new ArgumentException($"The ICC needs at least 2 raters; got {k}.", nameof(ratings));
        }

        if (n < 2)
        {
            throw new ArgumentException($"The ICC needs at least 2 subjects; got {n}.", nameof(ratings));
        }

        var rowMeans = new double[n];
        var colMeans = new double[k];
        var grand = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var x = ratings[i, j];
                if (!double.IsFinite(x))
                {
                    throw new ArgumentException($"ratings[{i}, {j}] is {x}; the ICC needs a finite rating in every cell.", nameof(ratings));
                }

                rowMeans[i] += x / k;
                colMeans[j] += x / n;
                grand += x;
            }
        }

        grand /= n * k;
        double ssTotal = 0, ssRows = 0, ssCols = 0;
        for (var i = 0; i < n; i++)
        {
            ssRows += k * (rowMeans[i] - grand) * (rowMeans[i] - grand);
            for (var j = 0; j < k; j++)
            {
                ssTotal += (ratings[i, j] - grand) * (ratings[i, j] - grand);
            }
        }

        for (var j = 0; j < k; j++)
        {
            ssCols += n * (colMeans[j] - grand) * (colMeans[j] - grand);
        }

        if (ssTotal == 0)
        {
            throw new ArgumentException("All ratings are equal, so the ICC is undefined.", nameof(ratings));
        }

        var ssError = Math.Max(0.0, ssTotal - ssRows - ssCols);
        var msr = ssRows / (n - 1);
        var msc = ssCols / (k - 1);
        var mse = ssError / ((n - 1.0) * (k - 1.0));
        var msw = (ssCols + ssError) / (n * (k - 1.0));

        var icc1 = (msr - msw) / (msr + ((k - 1) * msw));
        var icc2 = (msr - mse) / (msr + ((k - 1) * mse) + (k * (msc - mse) / n));
        var denominator3 = msr + ((k - 1) * mse);
        var icc3 = denominator3 > 0 ? (msr - mse) / denominator3 : double.NaN;
        var result = new IntraclassCorrelationResult(icc1, icc2, icc3, msr, msc, mse, msw, n, k);
        return result with { Forms = IntraclassCorrelationForms.Compute(result) };
    }
}
