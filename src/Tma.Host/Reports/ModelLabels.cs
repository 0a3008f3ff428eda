using Tma.Models.Definitions;

namespace Tma.Host;

/// <summary>
/// The model texts of a timeline or report (level, input and value labels, indicator and action texts, judgement
/// fields) in a language, from the model versions in service: the exact version an assessment names, else the newest
/// version of the package; in the model's primary language when it lacks the one asked for (<see cref="FellBack"/>
/// says which models did). One per request.
/// </summary>
internal sealed class ModelLabels(IModelCatalog catalog)
{
    private readonly Dictionary<(string Id, string? Version), ModelDefinition?> _definitions = [];
    private readonly Dictionary<(string Id, string? Version, string Language), ModelDefinition?> _localized = [];

    /// <summary>Models whose texts were asked for in a language they lack: id → the language shown instead.</summary>
    public SortedDictionary<string, string> FellBack { get; } = new(StringComparer.Ordinal);

    /// <summary>The definition of <paramref name="id"/> at <paramref name="version"/> (or the newest in service) in <paramref name="language"/>; null when none is in service.</summary>
    public ModelDefinition? Model(string id, string? version, string language)
    {
        if (_localized.TryGetValue((id, version, language), out var known))
        {
            return known;
        }

        var definition = Definition(id, version);
        if (definition is not null)
        {
            if (definition.Languages.Contains(language, StringComparer.Ordinal))
            {
                definition = definition.InLanguage(language);
            }
            else
            {
                FellBack[definition.Id] = definition.Language;
            }
        }

        _localized[(id, version, language)] = definition;
        return definition;
    }

    /// <summary>Whether the exact version is in service (its texts can be shown in another language).</summary>
    public bool InService(string id, string version) => Exact(id, version) is not null;

    /// <summary>The label of a level of the model, or the id when the model or level is unknown.</summary>
    public string Level(string? id, string? version, string levelId, string language)
    {
        var model = id is null ? null : Model(id, version, language);
        return model?.Levels.FirstOrDefault(l => l.Id == levelId)?.Label ?? levelId;
    }

    /// <summary>The label of an input: from the case's models first (<paramref name="preferred"/>), then any model in service; the id when none declares it.</summary>
    public string Input(string inputId, string language, IEnumerable<string> preferred) =>
        FindInput(inputId, language, preferred)?.Label ?? inputId;

    /// <summary>The label of an observed value (<c>present</c>, <c>present/high</c>, a number, <c>unknown</c>) of an input.</summary>
    public string Value(string inputId, string value, string language, IEnumerable<string> preferred)
    {
        if (value == "unknown")
        {
            return ReportTexts.T("report.unknown", language);
        }

        var input = FindInput(inputId, language, preferred);
        if (input is null)
        {
            return value;
        }

        var parts = value.Split('/', 2);
        var level = input.Levels.FirstOrDefault(l => l.Id == parts[0])?.Label ?? parts[0];
        if (parts.Length == 2)
        {
            level += " / " + (input.RelevanceLevels.FirstOrDefault(l => l.Id == parts[1])?.Label ?? parts[1]);
        }
        else if (input.Unit is { } unit && !input.HasLevels)
        {
            level += " " + unit;
        }

        return level;
    }

    private InputDefinition? FindInput(string inputId, string language, IEnumerable<string> preferred)
    {
        foreach (var id in preferred.Concat(catalog.Packages.Select(p => p.Id)).Distinct(StringComparer.Ordinal))
        {
            // Only a model that declares the input is asked for its texts (and so may fall back).
            if (Definition(id, null)?.Inputs.Any(i => i.Id == inputId) == true
                && Model(id, null, language)?.Inputs.FirstOrDefault(i => i.Id == inputId) is { } input)
            {
                return input;
            }
        }

        return null;
    }

    private ModelDefinition? Definition(string id, string? version)
    {
        if (_definitions.TryGetValue((id, version), out var known))
        {
            return known;
        }

        var definition = (version is null ? null : Exact(id, version)) ?? Newest(id);
        _definitions[(id, version)] = definition;
        return definition;
    }

    private ModelDefinition? Exact(string id, string version)
    {
        if (!catalog.Packages.Any(p => p.Id == id && p.Version == version))
        {
            return null;
        }

        try
        {
            return catalog.Resolve($"{id}@{version}").Definition;
        }
        catch (ModelNotAvailableException)
        {
            return null;
        }
    }

    private ModelDefinition? Newest(string id)
    {
        if (!catalog.Packages.Any(p => p.Id == id))
        {
            return null;
        }

        try
        {
            return catalog.Resolve(id).Definition;
        }
        catch (ModelNotAvailableException)
        {
            return null;
        }
    }
}
