namespace Tma.Research.Evaluation.Statistics;

/// <summary>Midranks (average ranks of tied values), the building block of the Mann-Whitney AUC and of Sun &amp; Xu's DeLong algorithm.</summary>
internal static class Ranking
{
    /// <summary>
    /// Returns the 1-based midrank of every value: tied values share the mean of the ranks they occupy.
    /// O(n log n). Values must not be NaN.
    /// </summary>
    public static double[] Midranks(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var sorted = values.ToArray();
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(sorted, order);
        var ranks = new double[n];
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && sorted[end] == sorted[start])
            {
                end++;
            }

            // Positions start..end-1 (0-based) hold ranks start+1..end; their mean is (start + 1 + end) / 2.
            var midrank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                ranks[order[k]] = midrank;
            }

            start = end;
        }

        return ranks;
    }

    /// <summary>
    /// One sort gives all three midrank vectors of Sun &amp; Xu: pooled midranks (indexed by case) and midranks within
    /// the positives and within the negatives (indexed by order of appearance within the class). O(n log n).
    /// </summary>
    public static (double[] Pooled, double[] WithinPositives, double[] WithinNegatives) MidranksByClass(
        ReadOnlySpan<double> values, ReadOnlySpan<bool> outcomes, int positives, int negatives)
    {
        var n = values.Length;
        var sorted = values.ToArray();
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(sorted, order);

        // Position of every case within its class, in case order.
        var classPosition = new int[n];
        int p = 0, q = 0;
        for (var i = 0; i < n; i++)
        {
            classPosition[i] = outcomes[i] ? p++ : q++;
        }

        var pooled = new double[n];
        var withinPositives = new double[positives];
        var withinNegatives = new double[negatives];
        int start = 0, positivesBefore = 0, negativesBefore = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && sorted[end] == sorted[start])
            {
                end++;
            }

            var tiedPositives = 0;
            for (var k = start; k < end; k++)
            {
                tiedPositives += outcomes[order[k]] ? 1 : 0;
            }

            var tiedNegatives = end - start - tiedPositives;
            var midrank = (start + 1 + end) / 2.0;
            var positiveMidrank = positivesBefore + ((1 + tiedPositives) / 2.0);
            var negativeMidrank = negativesBefore + ((1 + tiedNegatives) / 2.0);
            for (var k = start; k < end; k++)
            {
                var i = order[k];
                pooled[i] = midrank;
                if (outcomes[i])
                {
                    withinPositives[classPosition[i]] = positiveMidrank;
                }
                else
                {
                    withinNegatives[classPosition[i]] = negativeMidrank;
                }
            }

            positivesBefore += tiedPositives;
            negativesBefore += tiedNegatives;
            start = end;
        }

        return (pooled, withinPositives, withinNegatives);
    }
}
