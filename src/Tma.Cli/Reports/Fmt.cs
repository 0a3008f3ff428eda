using System.Globalization;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Cli.Reports;

/// <summary>Invariant number formatting for the human-readable reports: NaN is "—" (undefined), infinity "∞".</summary>
internal static class Fmt
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string N(double value, int decimals = 3)
    {
        if (double.IsNaN(value))
        {
            return "—";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "∞";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "−∞";
        }

        // A value that rounds to zero prints as 0, never as "-0.000" (a tiny negative net benefit, a rounding residue).
        var text = value.ToString("F" + decimals.ToString(Invariant), Invariant);
        return text[0] == '-' && text.AsSpan(1).TrimStart('0').TrimStart('.').TrimStart('0').IsEmpty ? text[1..] : text;
    }

    public static string Count(int value) => value.ToString("N0", Invariant);

    public static string P(double value, int decimals = 3) => N(value, decimals);

    public static string Interval(double lower, double upper, int decimals = 3) => $"[{N(lower, decimals)}, {N(upper, decimals)}]";

    public static string WithInterval(double estimate, double lower, double upper, int decimals = 3) =>
        $"{N(estimate, decimals)} {Interval(lower, upper, decimals)}";

    public static string Proportion(ProportionEstimate p, int decimals = 3) =>
        double.IsNaN(p.Estimate) ? "—" : WithInterval(p.Estimate, p.Lower, p.Upper, decimals);

    public static string Auc(AucResult auc) => $"{WithInterval(auc.Auc, auc.Lower, auc.Upper)} (SE {N(auc.StandardError, 4)})";

    public static string Bootstrap(BootstrapInterval? interval, int decimals = 2) =>
        interval is null || interval.ValidResamples == 0 ? "" : " " + Interval(interval.Lower, interval.Upper, decimals);

    public static string PValue(double p) => p < 0.0001 ? "< 0.0001" : N(p, 4);

    public static string General(double value) => double.IsFinite(value) ? value.ToString("G6", Invariant) : N(value);

    /// <summary>Most decimals the score formats below use; beyond this a score is shown with 6 significant digits.</summary>
    public const int MaxScoreDecimals = 6;

    /// <summary>
    /// A score as a reader wants it: an integer as an integer, otherwise with up to 4 decimals and no trailing zeros
    /// (0.0033, 0.953); a non-zero value below 0.0001 in size with 3 significant digits.
    /// </summary>
    public static string Score(double value)
    {
        if (!double.IsFinite(value))
        {
            return N(value);
        }

        if (value == Math.Round(value))
        {
            return value.ToString("0", Invariant);
        }

        return Math.Abs(value) < 1e-4 ? value.ToString("G3", Invariant) : value.ToString("0.####", Invariant);
    }

    /// <summary>
    /// The fewest decimals (0 to <see cref="MaxScoreDecimals"/>) that show every value exactly (to 1e-9 relative) — 0 for
    /// integers, 1 for points in steps of ½ — for labels of distinct scores, where rounding would name another score.
    /// When no such number exists (values from a continuous score) the fewest that tell neighbours apart.
    /// </summary>
    public static int ExactDecimals(IReadOnlyList<double> values)
    {
        for (var d = 0; d <= MaxScoreDecimals; d++)
        {
            var exact = true;
            foreach (var v in values)
            {
                if (double.IsFinite(v) && Math.Abs(Math.Round(v, d) - v) > 1e-9 * Math.Max(1.0, Math.Abs(v)))
                {
                    exact = false;
                    break;
                }
            }

            if (exact)
            {
                return d;
            }
        }

        return DistinguishingDecimals(values);
    }

    /// <summary>
    /// The fewest decimals (0 to <see cref="MaxScoreDecimals"/>) at which no two neighbouring values of an ascending
    /// list round to the same text: for the edges of equal-width score bins, where the exact edges (0.0270833…) are noise.
    /// </summary>
    public static int DistinguishingDecimals(IReadOnlyList<double> ascending)
    {
        for (var d = 0; d <= MaxScoreDecimals; d++)
        {
            var distinct = true;
            for (var k = 1; k < ascending.Count; k++)
            {
                if (ascending[k] != ascending[k - 1] && Math.Round(ascending[k], d) == Math.Round(ascending[k - 1], d))
                {
                    distinct = false;
                    break;
                }
            }

            if (distinct)
            {
                return d;
            }
        }

        return MaxScoreDecimals;
    }

    /// <summary>The labels of a score distribution's bins: distinct scores exactly, equal-width bins as "lower – upper" with the fewest decimals that tell the edges apart.</summary>
    public static IReadOnlyList<string> BinLabels(Tma.Research.Evaluation.ScoreDistribution distribution)
    {
        var bins = distribution.Bins;
        if (distribution.Binning == "distinct")
        {
            var decimals = ExactDecimals([.. bins.Select(b => b.Lower)]);
            return [.. bins.Select(b => N(b.Lower, decimals))];
        }

        var edges = bins.Select(b => b.Lower).Append(bins.Count > 0 ? bins[^1].Upper : 0).ToArray();
        var d = ExactDecimals(edges);
        return [.. bins.Select(b => $"{N(b.Lower, d)} – {N(b.Upper, d)}")];
    }
}
