using Tma.Models.Text;

namespace Tma.Models.Definitions;

/// <summary>
/// Builds the projection of a definition into one of its languages: every record that carries text is copied with
/// the text of that language; everything that is computed (conditions, points, bands, ids) is shared unchanged.
/// </summary>
internal static class ModelLocalizer
{
    public static ModelDefinition Project(ModelDefinition model, string language)
    {
        var texts = model.Texts;
        string T(string key, string current) => texts.Find(key, language) ?? current;
        string? O(string key, string? current) => current is null ? null : texts.Find(key, language) ?? current;

        return model with
        {
            Language = language,
            Title = T(TextKeys.Title, model.Title),
            Description = O(TextKeys.Description, model.Description),
            Inputs = [.. model.Inputs.Select(input => Input(input, T, O))],
            Levels = [.. model.Levels.Select(l => l with { Label = T(TextKeys.LevelLabel(l.Id), l.Label), Description = O(TextKeys.LevelDescription(l.Id), l.Description) })],
            Indicators = [.. model.Indicators.Select(i => i with { Label = T(TextKeys.IndicatorLabel(i.Id), i.Label), Reason = T(TextKeys.IndicatorReason(i.Id), i.Reason) })],
            Scoring = model.Scoring is { } scoring
                ? scoring with
                {
                    Domains = [.. scoring.Domains.Select(d => d with { Label = T(TextKeys.DomainLabel(d.Id), d.Label) })],
                    Norms = [.. scoring.Norms.Select(n => n with { Description = O(TextKeys.NormDescription(n.Id), n.Description) })],
                }
                : null,
            Actions = [.. model.Actions.Select(a => a with { Step = T(TextKeys.ActionStep(a.Id), a.Step) })],
            Judgement = model.Judgement is { } judgement
                ? judgement with
                {
                    Fields = [.. judgement.Fields.Select(f => f with
                    {
                        Label = T(TextKeys.JudgementLabel(f.Id), f.Label),
                        Description = O(TextKeys.JudgementDescription(f.Id), f.Description),
                        Levels = [.. f.Levels.Select(l => l with { Label = T(TextKeys.JudgementLevel(f.Id, l.Id), l.Label) })],
                    })],
                }
                : null,
        };
    }

    private static InputDefinition Input(InputDefinition input, Func<string, string, string> t, Func<string, string?, string?> o) => input with
    {
        Label = t(TextKeys.InputLabel(input.Id), input.Label),
        Description = o(TextKeys.InputDescription(input.Id), input.Description),
        Levels = [.. input.Levels.Select(l => l with { Label = t(TextKeys.InputLevel(input.Id, l.Id), l.Label) })],
        RelevanceLevels = [.. input.RelevanceLevels.Select(l => l with { Label = t(TextKeys.InputRelevance(input.Id, l.Id), l.Label) })],
        Guidance = input.Guidance is { } guidance
            ? new InputGuidance(
                [.. guidance.Levels.Select(g => g with { Text = t(TextKeys.InputGuidance(input.Id, g.Level), g.Text) })],
                o(TextKeys.InputGuidance(input.Id, "general"), guidance.General),
                o(TextKeys.InputGuidance(input.Id, "example"), guidance.Example))
            : null,
    };
}
