namespace Tma.Models.Text;

/// <summary>
/// Every text of a model that a professional reads (labels, reasons, action steps, coding guidance…), in each
/// language the model declares. The loader guarantees that every text exists in every declared language, so a
/// projection with <see cref="Definitions.ModelDefinition.InLanguage"/> never falls back to another language.
/// </summary>
public sealed class ModelTexts
{
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _byKey;

    internal ModelTexts(IReadOnlyList<string> languages, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byKey)
    {
        Languages = languages;
        _byKey = byKey;
    }

    /// <summary>A model with texts in English only and no catalogue (definitions built in code).</summary>
    public static ModelTexts EnglishOnly { get; } = new([LanguageCodes.English], new Dictionary<string, IReadOnlyDictionary<string, string>>());

    /// <summary>The declared languages (ISO 639-1 codes), the primary language first.</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/>, or null when the model has none.</summary>
    internal string? Find(string key, string language) =>
        _byKey.TryGetValue(key, out var texts) && texts.TryGetValue(language, out var text) ? text : null;
}
