using MathNet.Numerics;

namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Exact binomial and multinomial draws in O(1) expected time per draw, independent of the number of trials: the inverse
/// transform (BINV, Kachitvichyanukul &amp; Schmeiser 1988) when n·min(p, 1 − p) &lt; 10, otherwise the transformed
/// rejection method with squeeze BTRS (Hörmann 1993). Used by <see cref="CountBootstrap"/>, where a resample of a million
/// cases is one multinomial draw over a handful of cells.
/// </summary>
internal static class BinomialSampler
{
    private const double InversionLimit = 10.0;

    /// <summary>One draw from Binomial(<paramref name="n"/>, <paramref name="p"/>).</summary>
    public static int Binomial(Random random, int n, double p)
    {
        if (n <= 0 || p <= 0.0)
        {
            return 0;
        }

        if (p >= 1.0)
        {
            return n;
        }

        // Draw the rarer side and mirror, so that both algorithms work with p ≤ ½.
        if (p > 0.5)
        {
            return n - Binomial(random, n, 1.0 - p);
        }

        return n * p < InversionLimit ? Inversion(random, n, p) : Btrs(random, n, p);
    }

    /// <summary>
    /// One multinomial draw of <paramref name="n"/> trials over cells with probabilities proportional to
    /// <paramref name="weights"/>, written to <paramref name="draw"/>, by successive conditional binomials.
    /// </summary>
    public static void Multinomial(Random random, int n, ReadOnlySpan<int> weights, Span<int> draw)
    {
        long remainingWeight = 0;
        foreach (var w in weights)
        {
            remainingWeight += w;
        }

        var remaining = n;
        for (var k = 0; k < weights.Length; k++)
        {
            if (remaining == 0 || remainingWeight <= 0)
            {
                draw[k] = 0;
                continue;
            }

            var x = weights[k] >= remainingWeight ? remaining : Binomial(random, remaining, (double)weights[k] / remainingWeight);
            draw[k] = x;
            remaining -= x;
            remainingWeight -= weights[k];
        }
    }

    /// <summary>Sequential search from 0 (BINV); expected n·p + 1 steps. Requires p ≤ ½.</summary>
    private static int Inversion(Random random, int n, double p)
    {
        var q = 1.0 - p;
        var s = p / q;
        var a = (n + 1) * s;
        var start = Math.Pow(q, n);

        // Beyond this bound the remaining mass is negligible; restarting there keeps rounding from running away.
        var bound = Math.Min(n, (n * p) + (10.0 * Math.Sqrt((n * p * q) + 1.0)));
        while (true)
        {
            var u = random.NextDouble();
            var r = start;
            var x = 0;
            while (u > r)
            {
                u -= r;
                x++;
                if (x > bound)
                {
                    break;
                }

                r *= (a / x) - s;
            }

            if (x <= bound)
            {
                return x;
            }
        }
    }

    /// <summary>Hörmann's BTRS; requires p ≤ ½ and n·p ≥ 10.</summary>
    private static int Btrs(Random random, int n, double p)
    {
        var q = 1.0 - p;
        var spq = Math.Sqrt(n * p * q);
        var b = 1.15 + (2.53 * spq);
        var a = -0.0873 + (0.0248 * b) + (0.01 * p);
        var c = (n * p) + 0.5;
        var vr = 0.92 - (4.2 / b);
        var alpha = (2.83 + (5.1 / b)) * spq;
        var logOdds = Math.Log(p / q);
        var mode = (int)Math.Floor((n + 1) * p);
        var h = SpecialFunctions.FactorialLn(mode) + SpecialFunctions.FactorialLn(n - mode);
        while (true)
        {
            var u = random.NextDouble() - 0.5;
            var v = random.NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((((2.0 * a / us) + b) * u) + c);
            if (!(k >= 0 && k <= n))
            {
                continue;
            }

            if (us >= 0.07 && v <= vr)
            {
                return (int)k;
            }

            var ki = (int)k;
            var logV = Math.Log(v * alpha / ((a / (us * us)) + b));
            if (logV <= h - SpecialFunctions.FactorialLn(ki) - SpecialFunctions.FactorialLn(n - ki) + ((ki - mode) * logOdds))
            {
                return ki;
            }
        }
    }
}
