namespace Tma.Scoring.Evaluation.Statistics;

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
}
