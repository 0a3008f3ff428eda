using System.Globalization;
using System.Text;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Training;

/// <summary>The model card's "Internal validation (optimism bootstrap)" section, the table of R's <c>rms::validate</c>.</summary>
internal static class ValidationCard
{
    /// <summary>Human names of the indices of <see cref="OptimismBootstrap.IndexNames"/>.</summary>
    public static string Label(string index) => index switch
    {
        "auc" => "AUC (C)",
        "dxy" => "Somers' Dxy",
        "calibrationIntercept" => "calibration intercept (Cox)",
        "calibrationSlope" => "calibration slope (Cox)",
        "brier" => "Brier score",
        _ => index,
    };

    public static string Section(OptimismValidation validation, int seed)
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(invariant)).Append('\n');
        Line($"");
        Line($"## Internal validation (optimism bootstrap)");
        Line($"");
        Line($"Efron–Gong optimism bootstrap (Harrell's `validate`): {validation.ResamplesRequested} bootstrap samples drawn with seed {seed}; on each the whole training (feature statistics, trainer, calibration; seed {seed} + b) was repeated, measured on its own sample (training) and on all rows (test). Optimism = training − test; corrected = apparent − optimism, the estimate for new data from the same population.");
        if (validation.FailedFits > 0)
        {
            Line($"{validation.FailedFits} resample(s) could not be trained on (e.g. a constant standardised feature) and are left out.");
        }

        Line($"");
        Line($"| index | apparent | training | test | optimism | corrected | n |");
        Line($"|---|---|---|---|---|---|---|");
        foreach (var i in validation.Indices)
        {
            Line($"| {Label(i.Name)} | {i.Apparent:0.0000} | {i.Training:0.0000} | {i.Test:0.0000} | {i.Optimism:0.0000} | {i.Corrected:0.0000} | {i.Resamples} |");
        }

        foreach (var s in validation.Skipped)
        {
            Line($"");
            Line($"{Label(s.Figure)} not reported: {s.Reason}.");
        }

        return text.ToString();
    }
}
