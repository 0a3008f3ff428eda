using System.Globalization;
using System.Text;
using Tma.Models.Definitions;
using Tma.Scoring.Assessments;

namespace Tma.Cli.Rendering;

/// <summary>The readable summary of <c>tma score</c>: level, score, why, what to do next, what is missing.</summary>
internal static class AssessmentText
{
    public static string Render(Assessment a, ModelDefinition model)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"{a.Model.Title}");
        text.AppendLine(inv, $"  model   {a.Model.Id} {a.Model.Version}  {a.Model.ContentHash}");
        text.AppendLine();
        text.AppendLine(inv, $"LEVEL   {a.LevelLabel} ({a.Level}, {a.LevelRank + 1} of {model.Levels.Count})");
        text.AppendLine(inv, $"SCORE   {a.Score.ToString("0.##", inv)}{(a.Norm is null || a.Norm == "default" ? "" : $"  (norm: {a.Norm})")}");
        if (a.Probability is { } probability)
        {
            text.AppendLine(inv, $"PROB    {probability.ToString("0.000", inv)} (calibrated probability of the outcome the model was trained on)");
        }
        foreach (var sub in a.SubScores)
        {
            text.AppendLine(inv, $"        {sub.Label}: {sub.Score.ToString("0.##", inv)}");
        }

        if (!a.Missing.IsValid)
        {
            text.AppendLine();
            text.AppendLine(inv, $"!! {a.Missing.Message}");
        }

        text.AppendLine();
        text.AppendLine("WHY");
        if (a.Indicators.Count == 0 && a.Contributions is not { Count: > 0 })
        {
            text.AppendLine("  No indicator fired.");
        }

        foreach (var indicator in a.Indicators)
        {
            var points = model.Scoring?.Policy is AggregationPolicy.Sum or AggregationPolicy.Weighted
                ? $" [{indicator.Contribution.ToString("+0.##;-0.##;0", inv)}]"
                : "";
            text.AppendLine(inv, $"  - {indicator.Reason}{points}");
            text.AppendLine(inv, $"      {string.Join(", ", indicator.Evidence.Select(e => e.ObservedAt is { } at ? $"{e.Input}={e.Value} on {at.ToString("yyyy-MM-dd", inv)}" : $"{e.Input}={e.Value}"))}");
        }

        if (a.Contributions is { Count: > 0 })
        {
            text.AppendLine("  Largest feature contributions to the classifier's score (log-odds):");
        }

        foreach (var contribution in (a.Contributions ?? []).OrderByDescending(c => Math.Abs(c.Contribution)).Take(8))
        {
            text.AppendLine(inv, $"  - {contribution.Input}={contribution.Value}: {contribution.Contribution.ToString("+0.000;-0.000;0", inv)} ({contribution.Feature}{(contribution.Component is null ? "" : ", " + contribution.Component)})");
        }

        if (a.Components is { Count: > 0 } components)
        {
            text.AppendLine();
            text.AppendLine("COMPONENTS");
            foreach (var component in components)
            {
                text.AppendLine(inv, $"  {component.Alias}: {component.Model.Id} {component.Model.Version} -> {component.Level} (as {component.MappedLevel}){(component.Probability is { } p ? $", p = {p.ToString("0.000", inv)}" : "")}");
            }

            foreach (var step in a.Combination?.Steps ?? [])
            {
                text.AppendLine(inv, $"  > {step}");
            }
        }

        foreach (var applied in a.Overrides)
        {
            text.AppendLine(inv, $"  ^ raised from {applied.LevelBefore} to at least {applied.MinimumLevel}: {applied.Reason} (critical item `{applied.Indicator}`)");
        }

        text.AppendLine();
        text.AppendLine("WHAT TO DO NEXT");
        if (a.Actions.Count == 0)
        {
            text.AppendLine("  No action recommended by the model.");
        }

        foreach (var action in a.Actions)
        {
            var experts = action.Experts.Count == 0 ? "" : $"  — involve: {string.Join(", ", action.Experts.Select(e => e.Replace('_', ' ')))}";
            text.AppendLine(inv, $"  [{action.Urgency}] {action.Step}{experts}");
        }

        text.AppendLine();
        text.AppendLine("WHAT IS MISSING");
        text.AppendLine(inv, $"  {(a.Missing.Omitted.Count == 0 ? "Nothing: all required inputs are known." : $"{string.Join(", ", a.Missing.Omitted)}. {a.Missing.Message}")}");
        text.AppendLine();
        text.Append(a.AdvisoryNotice);
        return text.ToString();
    }
}
