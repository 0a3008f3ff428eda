using System.Globalization;
using System.Text;
using Tma.Models.Definitions;
using Tma.Scoring.Assessments;
using Tma.Scoring.Outcome;

namespace Tma.Cli.Rendering;

/// <summary>
/// The readable summary of <c>tma score</c>, in the assessment's language: the conclusion first, then the level, the
/// facts it rests on (with date, source, reliability and special-category flags), contradictions and facts that are no
/// longer current, why, what to do next, and what is missing.
/// </summary>
internal static class AssessmentText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <param name="a">The assessment.</param>
    /// <param name="model">The definition the assessment was made with (its texts in the assessment's language).</param>
    public static string Render(Assessment a, ModelDefinition model)
    {
        var w = ReportWords.For(a.Language);
        var text = new StringBuilder();
        text.AppendLine(Inv, $"{a.Model.Title}");
        text.AppendLine(Inv, $"  model   {a.Model.Id} {a.Model.Version}  {a.Model.ContentHash}");
        text.AppendLine();
        text.AppendLine(Inv, $"{w.Conclusion}  {a.ConclusionText}");
        text.AppendLine(Inv, $"{w.Level,-8}{LevelLine(a, model, w)}");
        if (a.PossibleLevels is { } possible)
        {
            var scores = possible.LowestScore is { } lo && possible.HighestScore is { } hi ? $" ({lo.ToString("0.##", Inv)}–{hi.ToString("0.##", Inv)})" : "";
            text.AppendLine(Inv, $"{w.Possible,-8}{LevelLabel(model, possible.Lowest)} … {LevelLabel(model, possible.Highest)}{scores}");
        }

        text.AppendLine(Inv, $"{w.Score,-8}{a.Score.ToString("0.##", Inv)}{(a.Norm is null || a.Norm == "default" ? "" : $"  (norm: {a.Norm})")}");
        if (a.Probability is { } probability)
        {
            text.AppendLine(Inv, $"{w.Probability,-8}{probability.ToString("0.000", Inv)}");
        }

        foreach (var sub in a.SubScores)
        {
            text.AppendLine(Inv, $"        {sub.Label}: {sub.Score.ToString("0.##", Inv)}");
        }

        if (a.Judgement is { } judgement)
        {
            text.AppendLine(Inv, $"{w.Judgement + " ",-8}{judgement.Statement}");
        }

        Facts(text, a, model, w);
        Why(text, a, model, w);
        Next(text, a, w);
        text.AppendLine();
        text.AppendLine(w.Missing);
        text.AppendLine(Inv, $"  {(a.Missing.Omitted.Count == 0 && a.Missing.Stale.Count == 0 ? w.NothingMissing : a.Missing.Message)}");
        text.AppendLine();
        text.Append(a.AdvisoryNotice);
        return text.ToString();
    }

    private static string LevelLine(Assessment a, ModelDefinition model, ReportWords w) => a.Conclusion switch
    {
        Conclusion.Unassessable => w.NoLevel,
        Conclusion.LowerBound => $"{w.AtLeast} {a.LevelLabel} ({a.Level}, {a.LevelRank + 1}/{model.Levels.Count})",
        _ => $"{a.LevelLabel} ({a.Level}, {a.LevelRank + 1}/{model.Levels.Count})",
    };

    private static string LevelLabel(ModelDefinition model, string id) =>
        model.Levels.FirstOrDefault(l => l.Id == id)?.Label ?? id;

    private static void Facts(StringBuilder text, Assessment a, ModelDefinition model, ReportWords w)
    {
        text.AppendLine();
        text.AppendLine(w.Facts);
        if (a.Facts.Count == 0)
        {
            text.AppendLine(Inv, $"  {w.NoFacts}");
        }

        foreach (var fact in a.Facts)
        {
            text.AppendLine(Inv, $"  - {Describe(fact, model, w, a.Language)}");
        }

        if (a.Contradictions.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(w.Contradictions);
            foreach (var c in a.Contradictions)
            {
                var reports = string.Join("; ", c.Reports.Select(r => Report(r.Value, r.Source, r.Reliability is { } rel ? Tma.Models.Cases.SourceReliabilityNames.Of(rel) : null, r.ObservedAt, model, c.Input, a.Language)));
                text.AppendLine(Inv, $"  ! {c.Label}: {reports}{(c.Used is { } used ? $" — {w.Used}: {ValueLabel(model, c.Input, used)}" : "")}");
            }
        }

        if (a.Missing.Stale.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(w.Stale);
            foreach (var s in a.Missing.Stale)
            {
                var r = s.Report;
                text.AppendLine(Inv, $"  ~ {s.Label}: {Report(r.Value, r.Source, r.Reliability is { } rel ? Tma.Models.Cases.SourceReliabilityNames.Of(rel) : null, r.ObservedAt, model, s.Input, a.Language)} (valid_for {s.ValidFor})");
            }
        }
    }

    private static string Describe(EvidenceValue fact, ModelDefinition model, ReportWords w, string language)
    {
        var input = model.Inputs.FirstOrDefault(i => i.Id == fact.Input);
        var label = input?.Label ?? fact.Input;
        var line = fact.ObservedAt is { } at
            ? $"{label}: {Report(fact.Value, fact.Source, fact.Reliability, at, model, fact.Input, language)}"
            : $"{label}: {ValueLabel(model, fact.Input, fact.Value)}";
        return fact.Sensitive is { } category ? $"{line}  [{AssessmentVocabulary.SensitiveFlag(category, language)}]" : line;
    }

    private static string Report(string value, string? source, string? reliability, DateTimeOffset at, ModelDefinition model, string input, string language)
    {
        var parts = new List<string>(3);
        if (source is not null)
        {
            parts.Add(source);
        }

        if (reliability is not null)
        {
            parts.Add(AssessmentVocabulary.Reliability(reliability, language));
        }

        parts.Add(at.ToString("yyyy-MM-dd", Inv));
        return $"{ValueLabel(model, input, value)} ({string.Join(", ", parts)})";
    }

    private static string ValueLabel(ModelDefinition model, string inputId, string value)
    {
        var input = model.Inputs.FirstOrDefault(i => i.Id == inputId.Replace(".relevance", "", StringComparison.Ordinal));
        var level = input?.Levels.FirstOrDefault(l => l.Id == value);
        return level is null ? value : $"{level.Label} ({value})";
    }

    private static void Why(StringBuilder text, Assessment a, ModelDefinition model, ReportWords w)
    {
        text.AppendLine();
        text.AppendLine(w.Why);
        if (a.Indicators.Count == 0 && a.Contributions is not { Count: > 0 })
        {
            text.AppendLine(Inv, $"  {w.NoIndicator}");
        }

        foreach (var indicator in a.Indicators)
        {
            var points = model.Scoring?.Policy is AggregationPolicy.Sum or AggregationPolicy.Weighted
                ? $" [{indicator.Contribution.ToString("+0.##;-0.##;0", Inv)}]"
                : "";
            text.AppendLine(Inv, $"  - {indicator.Reason}{points}");
            text.AppendLine(Inv, $"      {string.Join(", ", indicator.Evidence.Select(e => Evidence(e, w, a.Language)))}");
        }

        if (a.Contributions is { Count: > 0 })
        {
            text.AppendLine(Inv, $"  {w.Contributions}");
        }

        foreach (var contribution in (a.Contributions ?? []).OrderByDescending(c => Math.Abs(c.Contribution)).Take(8))
        {
            text.AppendLine(Inv, $"  - {contribution.Input}={contribution.Value}: {contribution.Contribution.ToString("+0.000;-0.000;0", Inv)} ({contribution.Feature}{(contribution.Component is null ? "" : ", " + contribution.Component)})");
        }

        if (a.Components is { Count: > 0 } components)
        {
            text.AppendLine();
            text.AppendLine(w.Components);
            foreach (var component in components)
            {
                var level = component.Level is null ? $"({component.Conclusion.ToString().ToLowerInvariant()})" : $"{component.Level} → {component.MappedLevel}";
                text.AppendLine(Inv, $"  {component.Alias}: {component.Model.Id} {component.Model.Version}: {level}{(component.Probability is { } p ? $", p = {p.ToString("0.000", Inv)}" : "")}");
            }

            foreach (var step in a.Combination?.Steps ?? [])
            {
                text.AppendLine(Inv, $"  > {step}");
            }
        }

        foreach (var applied in a.Overrides)
        {
            text.AppendLine(Inv, $"  ^ {string.Format(Inv, w.RaisedFrom, applied.LevelBefore, applied.MinimumLevel, applied.Reason, applied.Indicator)}");
        }
    }

    private static string Evidence(EvidenceValue e, ReportWords w, string language)
    {
        var value = e.ObservedAt is { } at ? $"{e.Input}={e.Value} {w.On} {at.ToString("yyyy-MM-dd", Inv)}" : $"{e.Input}={e.Value}";
        return e.Sensitive is { } category ? $"{value} [{AssessmentVocabulary.SensitiveFlag(category, language)}]" : value;
    }

    private static void Next(StringBuilder text, Assessment a, ReportWords w)
    {
        text.AppendLine();
        text.AppendLine(w.Next);
        if (a.Actions.Count == 0)
        {
            text.AppendLine(Inv, $"  {w.NoAction}");
        }

        foreach (var action in a.Actions)
        {
            var experts = action.Experts.Count == 0 ? "" : $"  — {w.Involve}: {string.Join(", ", action.Experts.Select(w.Expert))}";
            text.AppendLine(Inv, $"  [{w.Urgency(action.Urgency)}] {action.Step}{experts}");
        }
    }
}
