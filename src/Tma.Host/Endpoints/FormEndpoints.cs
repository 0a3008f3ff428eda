using Tma.CaseStore;
using Tma.Models.Definitions;
using Tma.Models.Text;

namespace Tma.Host;

/// <summary>
/// The observation form of a model package in service (issue 15): what a UI needs to generate the form an assessor
/// codes observations with — every input with its label, coding guidance and values, in English and German — plus the
/// model's output levels and the assessor's judgement fields for the decision form.
/// </summary>
internal static class FormEndpoints
{
    private const string Unknown = "unknown";

    private static readonly Dictionary<string, string> UnknownLabel = new(StringComparer.Ordinal)
    {
        [LanguageCodes.English] = "unknown (not established)",
        [LanguageCodes.German] = "unbekannt (nicht festgestellt)",
    };

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/packages/{packageId}/form", (string packageId, HttpContext http, IModelCatalog models) =>
        {
            var caller = http.Caller();
            if (caller.Role is not (CallerRole.CaseManager or CallerRole.Expert))
            {
                return Problems.Of(StatusCodes.Status403Forbidden, "access-denied", "Only case managers and experts record observations; the observation form is theirs.");
            }

            return Results.Ok(Describe(models.Resolve(packageId).Definition));
        }).WithName("GetObservationForm").WithSummary("The observation form of a model package in service (id, or id@range): inputs with labels, coding guidance and values (incl. unknown), output levels and judgement fields, in English and German (case manager, expert).");
    }

    /// <summary>The form of a model, its texts in English and German (a language the model lacks falls back to its primary language; <c>textLanguages</c> says which).</summary>
    internal static object Describe(ModelDefinition model)
    {
        var primary = model.Languages[0];
        var byLanguage = LanguageCodes.Supported.ToDictionary(
            language => language,
            language => model.InLanguage(model.Languages.Contains(language) ? language : primary),
            StringComparer.Ordinal);
        Dictionary<string, string>? Text(Func<ModelDefinition, string?> select)
        {
            var texts = byLanguage.Where(l => select(l.Value) is not null).ToDictionary(l => l.Key, l => select(l.Value)!, StringComparer.Ordinal);
            return texts.Count == 0 ? null : texts;
        }

        var inputs = model.Inputs.Select((input, index) =>
        {
            InputDefinition In(ModelDefinition m) => m.Inputs[index];
            var guidance = new Dictionary<string, object>(StringComparer.Ordinal);
            if (input.Guidance is { } g)
            {
                if (Text(m => In(m).Guidance?.General) is { } general)
                {
                    guidance["general"] = general;
                }

                for (var level = 0; level < g.Levels.Count; level++)
                {
                    var at = level;
                    if (Text(m => In(m).Guidance?.Levels[at].Text) is { } text)
                    {
                        guidance[g.Levels[at].Level] = text;
                    }
                }

                if (Text(m => In(m).Guidance?.Example) is { } example)
                {
                    guidance["example"] = example;
                }
            }

            var values = input.Levels.Select((level, at) => new FormChoice(level.Id, Text(m => In(m).Levels[at].Label)!)).ToList();
            values.Add(new FormChoice(Unknown, UnknownLabel));
            return new FormInput(
                input.Id,
                input.Type,
                input.Group,
                input.MustKnow,
                input.ValidFor?.ToString(),
                input.Required,
                input.Protective,
                input.Sensitive,
                Text(m => In(m).Label)!,
                Text(m => In(m).Description),
                guidance,
                values,
                input.HasRelevance ? [.. input.RelevanceLevels.Select((level, at) => new FormChoice(level.Id, Text(m => In(m).RelevanceLevels[at].Label)!))] : null,
                input.Minimum,
                input.Maximum,
                input.Unit);
        }).ToArray();

        var judgement = model.Judgement?.Fields.Select((field, index) =>
        {
            JudgementField Of(ModelDefinition m) => m.Judgement!.Fields[index];
            return new FormJudgementField(
                field.Id,
                Text(m => Of(m).Label)!,
                Text(m => Of(m).Description),
                field.Type == JudgementFieldType.Rating ? "rating" : "text",
                field.Required,
                field.Id == model.Judgement.Summary,
                field.FromModel,
                field.Type == JudgementFieldType.Rating ? [.. field.Levels.Select((level, at) => new FormChoice(level.Id, Text(m => Of(m).Levels[at].Label)!))] : null);
        }).ToArray() ?? [];

        return new ObservationForm(
            model.Id,
            model.Version.ToString(),
            model.Languages,
            LanguageCodes.Supported.ToDictionary(l => l, l => byLanguage[l].Language, StringComparer.Ordinal),
            Text(m => m.Title)!,
            Text(m => m.Description),
            [.. inputs.Select(i => i.Group).OfType<string>().Distinct(StringComparer.Ordinal).Select(id => new FormGroup(id))],
            inputs,
            [.. model.Levels.Select((level, at) => new FormLevel(level.Id, Text(m => m.Levels[at].Label)!, Text(m => m.Levels[at].Description)))],
            judgement,
            [.. model.Indicators.Select((indicator, at) => new FormIndicator(indicator.Id, Text(m => m.Indicators[at].Label), Text(m => m.Indicators[at].Reason)))],
            [.. model.Actions.Select((action, at) => new FormAction(action.Id, Text(m => m.Actions[at].Step)))]);
    }

    private sealed record ObservationForm(
        string Id,
        string Version,
        IReadOnlyList<string> Languages,
        IReadOnlyDictionary<string, string> TextLanguages,
        IReadOnlyDictionary<string, string> Title,
        IReadOnlyDictionary<string, string>? Description,
        IReadOnlyList<FormGroup> Groups,
        IReadOnlyList<FormInput> Inputs,
        IReadOnlyList<FormLevel> Levels,
        IReadOnlyList<FormJudgementField> Judgement,
        IReadOnlyList<FormIndicator> Indicators,
        IReadOnlyList<FormAction> Actions);

    private sealed record FormIndicator(string Id, IReadOnlyDictionary<string, string>? Label, IReadOnlyDictionary<string, string>? Reason);

    private sealed record FormAction(string Id, IReadOnlyDictionary<string, string>? Step);

    private sealed record FormGroup(string Id);

    private sealed record FormInput(
        string Id,
        InputType Type,
        string? Group,
        bool MustKnow,
        string? ValidFor,
        bool Required,
        bool Protective,
        SpecialCategory? Sensitive,
        IReadOnlyDictionary<string, string> Label,
        IReadOnlyDictionary<string, string>? Description,
        IReadOnlyDictionary<string, object> Guidance,
        IReadOnlyList<FormChoice> Values,
        IReadOnlyList<FormChoice>? Relevance,
        double? Min,
        double? Max,
        string? Unit);

    private sealed record FormChoice(string Id, IReadOnlyDictionary<string, string> Label);

    private sealed record FormLevel(string Id, IReadOnlyDictionary<string, string> Label, IReadOnlyDictionary<string, string>? Description);

    private sealed record FormJudgementField(
        string Id,
        IReadOnlyDictionary<string, string> Label,
        IReadOnlyDictionary<string, string>? Description,
        string Kind,
        bool Required,
        bool IsSummary,
        IReadOnlyDictionary<string, string>? FromModel,
        IReadOnlyList<FormChoice>? Values);
}
