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

        return value.ToString("F" + decimals.ToString(Invariant), Invariant);
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
}
