using System.Globalization;
using Tma.Research.Evaluation;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Cli.Reports;

/// <summary>
/// The figures of one item as rows of estimate, 95% interval, standard error and test — the layout of
/// <c>psych::cohen.kappa</c>, <c>irr::kappam.fleiss</c> and <c>psych::ICC</c> — shared by the report and the text output.
/// </summary>
internal static class AgreementRows
{
    public static readonly string[] Headers = ["statistic", "estimate", "95% CI", "SE", "test", "p"];

    public static IEnumerable<string[]> For(ItemAgreement item)
    {
        foreach (var (label, k) in new[] { ("Cohen's κ", item.CohenKappa), ("weighted κ, linear", item.WeightedKappaLinear), ("weighted κ, quadratic", item.WeightedKappaQuadratic) })
        {
            if (k is not null)
            {
                yield return [label, Fmt.N(k.Kappa), Interval(k.Lower, k.Upper), Optional(k.StandardError), $"z = {Optional(k.Z)} (SE₀ {Optional(k.StandardErrorNull)})", PValue(k.PValue)];
            }
        }

        if (item.FleissKappa is { } f)
        {
            yield return ["Fleiss' κ", Fmt.N(f.Kappa), "—", "—", $"z = {Optional(f.Z)} (SE₀ {Optional(f.StandardErrorNull)})", PValue(f.PValue)];
            for (var j = 0; j < (f.CategoryKappas?.Count ?? 0) && j < item.Categories.Count; j++)
            {
                yield return [$"Fleiss' κ, category {item.Categories[j]}", Fmt.N(f.CategoryKappas![j]), "—", "—", $"z = {Fmt.N(f.CategoryZ![j])} (SE₀ {Optional(f.CategoryStandardErrorNull)})", PValue(f.CategoryPValues?[j])];
            }
        }

        foreach (var form in item.IntraclassCorrelation?.Forms ?? [])
        {
            yield return [$"{form.Form}, {form.Model}", Fmt.N(form.Value), Fmt.Interval(form.Lower, form.Upper), "—",
                string.Create(CultureInfo.InvariantCulture, $"F({form.DegreesOfFreedom1:0.##}, {form.DegreesOfFreedom2:0.##}) = {Fmt.N(form.F)}"), PValue(form.PValue)];
        }

        if (item.KrippendorffAlphaOrdinal is { } a)
        {
            var b = a.Bootstrap;
            var interval = b is null ? "— (no bootstrap)" : b.ValidResamples == 0 ? "—" : $"{Fmt.Interval(b.Lower, b.Upper)} (bootstrap, {Fmt.Count(b.ValidResamples)} resamples)";
            yield return ["Krippendorff's α, ordinal", Fmt.N(a.Alpha), interval, "—", "—", "—"];
        }

        if (item.GwetAc1 is { } g)
        {
            yield return ["Gwet's AC1", Fmt.N(g.Ac1), Fmt.Interval(g.Lower, g.Upper), Fmt.N(g.StandardError), "—", "—"];
        }
    }

    private static string Optional(double? value) => value is { } v ? Fmt.N(v) : "—";

    private static string Interval(double? lower, double? upper) => lower is { } l && upper is { } u ? Fmt.Interval(l, u) : "—";

    private static string PValue(double? p) => p is { } v && !double.IsNaN(v) ? Fmt.PValue(v) : "—";
}
