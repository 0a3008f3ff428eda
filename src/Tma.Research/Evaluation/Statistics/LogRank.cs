using MathNet.Numerics;

namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// The log-rank (Mantel–Haenszel) test that k groups have the same survival (Mantel 1966, Cancer Chemother Rep
/// 50:163–170; Peto &amp; Peto 1972, J R Stat Soc A 135:185–207), as R's <c>survival::survdiff(rho = 0)</c>: at every
/// distinct event time with d events among n at risk, group g expects d·n_g/n events and contributes
/// d(n − d)/(n − 1)·(n_g/n)(δ_gh − n_h/n) to the covariance; χ² = (O − E)ᵀ V⁻ (O − E) on the first k − 1 groups,
/// with a generalized inverse (Cholesky, pivots below 1e-9·max dropped) so a degenerate group lowers the degrees of
/// freedom instead of failing. O(N log N + D·k²) for D event times.
/// </summary>
public static class LogRank
{
    /// <summary>Tests equal survival across groups.</summary>
    /// <param name="times">Follow-up time per row, finite and ≥ 0.</param>
    /// <param name="events">True for an event, false for censored.</param>
    /// <param name="groups">Group index per row, 0 ≤ g &lt; <paramref name="groupCount"/>.</param>
    /// <param name="groupCount">Number of groups, at least 2.</param>
    /// <returns>The statistic, its degrees of freedom, p-value and observed/expected counts.</returns>
    /// <exception cref="ArgumentException">Lengths differ, a time is negative or not finite, or a group index is out of range.</exception>
    public static LogRankResult Test(ReadOnlySpan<double> times, ReadOnlySpan<bool> events, ReadOnlySpan<int> groups, int groupCount)
    {
        SurvivalInput.Check(times, events);
        if (groups.Length != times.Length)
        {
            throw new ArgumentException($"Length mismatch: groups has {groups.Length} values but times has {times.Length}.", nameof(groups));
        }

        if (groupCount < 2)
        {
            throw new ArgumentException("The log-rank test needs at least 2 groups.", nameof(groupCount));
        }

        var k = groupCount;
        var size = new int[k];
        for (var i = 0; i < groups.Length; i++)
        {
            if ((uint)groups[i] >= (uint)k)
            {
                throw new ArgumentException($"groups[{i}] is {groups[i]}, outside 0..{k - 1}.", nameof(groups));
            }

            size[groups[i]]++;
        }

        var order = SurvivalInput.OrderByTime(times);
        var atRisk = (int[])size.Clone();
        var observed = new int[k];
        var expected = new double[k];
        var variance = new double[k, k];
        var deaths = new int[k];
        var leaving = new int[k];
        var n = times.Length;
        var start = 0;
        while (start < n)
        {
            var time = times[order[start]];
            Array.Clear(deaths);
            Array.Clear(leaving);
            var end = start;
            var d = 0;
            while (end < n && times[order[end]] == time)
            {
                var row = order[end];
                leaving[groups[row]]++;
                if (events[row])
                {
                    deaths[groups[row]]++;
                    d++;
                }

                end++;
            }

            double total = n - start;
            if (d > 0)
            {
                var factor = total > 1 ? d * (total - d) / (total - 1) : 0.0;
                for (var g = 0; g < k; g++)
                {
                    observed[g] += deaths[g];
                    var share = atRisk[g] / total;
                    expected[g] += d * share;
                    for (var h = 0; h < k; h++)
                    {
                        variance[g, h] += factor * share * ((g == h ? 1.0 : 0.0) - (atRisk[h] / total));
                    }
                }
            }

            for (var g = 0; g < k; g++)
            {
                atRisk[g] -= leaving[g];
            }

            start = end;
        }

        var difference = new double[k - 1];
        for (var g = 0; g < k - 1; g++)
        {
            difference[g] = observed[g] - expected[g];
        }

        var (chiSquare, df) = QuadraticForm(variance, difference);
        var p = df > 0 ? SpecialFunctions.GammaUpperRegularized(df / 2.0, chiSquare / 2.0) : double.NaN;
        return new LogRankResult(chiSquare, df, p, [.. Enumerable.Range(0, k).Select(g => new LogRankGroup(g, size[g], observed[g], expected[g]))]);
    }

    /// <summary>xᵀ V⁻ x for the leading (m × m) block of V, m = x.Length, with the rank as degrees of freedom.</summary>
    private static (double Value, int Rank) QuadraticForm(double[,] v, double[] x)
    {
        var m = x.Length;
        var l = new double[m, m];
        var pivots = new double[m];
        var maxDiagonal = 0.0;
        for (var i = 0; i < m; i++)
        {
            maxDiagonal = Math.Max(maxDiagonal, Math.Abs(v[i, i]));
        }

        var tolerance = 1e-9 * maxDiagonal;
        var rank = 0;
        // LDLᵀ decomposition; a pivot at or below the tolerance marks a dependent row, which is left out (survdiff's cholesky2).
        for (var j = 0; j < m; j++)
        {
            var pivot = v[j, j];
            for (var s = 0; s < j; s++)
            {
                pivot -= l[j, s] * l[j, s] * pivots[s];
            }

            if (pivot <= tolerance)
            {
                pivots[j] = 0;
                continue;
            }

            pivots[j] = pivot;
            rank++;
            l[j, j] = 1;
            for (var i = j + 1; i < m; i++)
            {
                var value = v[i, j];
                for (var s = 0; s < j; s++)
                {
                    value -= l[i, s] * l[j, s] * pivots[s];
                }

                l[i, j] = value / pivot;
            }
        }

        // Solve L y = x (forward), then the form is Σ y_j² / D_j over the kept pivots.
        var y = new double[m];
        var form = 0.0;
        for (var i = 0; i < m; i++)
        {
            if (pivots[i] == 0)
            {
                continue;
            }

            var value = x[i];
            for (var s = 0; s < i; s++)
            {
                value -= l[i, s] * y[s];
            }

            y[i] = value;
            form += value * value / pivots[i];
        }

        return (form, rank);
    }
}
