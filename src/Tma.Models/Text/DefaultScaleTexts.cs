namespace Tma.Models.Text;

/// <summary>
/// Labels of the built-in scales (presence, relevance, frequency, binary) in every language the engine supports, so
/// that a model using a default scale needs no translation of it.
/// </summary>
internal static class DefaultScaleTexts
{
    private static readonly Dictionary<string, Dictionary<string, string>> Labels = new(StringComparer.Ordinal)
    {
        [LanguageCodes.English] = new(StringComparer.Ordinal)
        {
            ["absent"] = "absent",
            ["possible"] = "possible / partly present",
            ["present"] = "present",
            ["low"] = "low",
            ["moderate"] = "moderate",
            ["high"] = "high",
            ["never"] = "never",
            ["now_and_then"] = "now and then",
            ["monthly"] = "monthly",
            ["weekly"] = "weekly",
            ["daily"] = "daily",
            ["no"] = "no",
            ["yes"] = "yes",
        },
        [LanguageCodes.German] = new(StringComparer.Ordinal)
        {
            ["absent"] = "nicht vorhanden",
            ["possible"] = "möglicherweise / teilweise vorhanden",
            ["present"] = "vorhanden",
            ["low"] = "gering",
            ["moderate"] = "mittel",
            ["high"] = "hoch",
            ["never"] = "nie",
            ["now_and_then"] = "hin und wieder",
            ["monthly"] = "monatlich",
            ["weekly"] = "wöchentlich",
            ["daily"] = "täglich",
            ["no"] = "nein",
            ["yes"] = "ja",
        },
    };

    /// <summary>The label of a default scale level in a language, or null when the engine has none.</summary>
    public static string? Find(string language, string level) =>
        Labels.TryGetValue(language, out var labels) && labels.TryGetValue(level, out var label) ? label : null;
}
