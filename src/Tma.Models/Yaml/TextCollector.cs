using Tma.Models.Diagnostics;
using Tma.Models.Text;
using YamlDotNet.RepresentationModel;

namespace Tma.Models.Yaml;

/// <summary>
/// Reads the texts of one model file while its sections are read: a text is either one string (models with one
/// language) or a mapping from language code to string (<c>label: { en: …, de: … }</c>). Every text must exist in
/// every declared language; a missing or unknown language is reported at the text's position.
/// </summary>
internal sealed class TextCollector
{
    private readonly Dictionary<string, Dictionary<string, string>> _texts = new(StringComparer.Ordinal);

    public TextCollector(IReadOnlyList<string> languages)
    {
        Languages = languages;
    }

    /// <summary>Declared languages, primary first.</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>The language the definition's own strings are in.</summary>
    public string Primary => Languages[0];

    /// <summary>
    /// Reads text field <paramref name="field"/> of <paramref name="map"/>, files it under <paramref name="key"/>,
    /// and returns it in the primary language (null when absent or wrong).
    /// </summary>
    public string? Read(YamlMap map, string field, string key, bool required = false)
    {
        var node = map.Raw(field);
        if (node is null || YamlMap.IsNull(node))
        {
            if (required)
            {
                map.Missing(field);
            }

            return null;
        }

        return Read(node, map.Source, $"`{field}` of {map.Context}", key);
    }

    /// <summary>Reads a text node (scalar or language mapping) and files it under <paramref name="key"/>.</summary>
    public string? Read(YamlNode node, YamlSource source, string what, string key)
    {
        switch (node)
        {
            case YamlScalarNode { Value: { } single }:
                if (Languages.Count > 1)
                {
                    source.Error(DiagnosticCodes.MissingTranslation, node, $"{what} must be given in every language of the model ({string.Join(", ", Languages)}): write it as `{{ {string.Join(": …, ", Languages)}: … }}`");
                }

                Add(key, Primary, single);
                return single;
            case YamlMappingNode mapping:
                var found = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (languageNode, textNode) in mapping.Children)
                {
                    var language = (languageNode as YamlScalarNode)?.Value ?? "";
                    if (!Languages.Contains(language))
                    {
                        source.Error(DiagnosticCodes.MissingTranslation, languageNode, $"{what}: `{language}` is not a language of the model{Suggestions.DidYouMean(language, Languages)} (languages: {string.Join(", ", Languages)}; declare more under `languages`)");
                        continue;
                    }

                    if (textNode is not YamlScalarNode { Value: { } text } || YamlMap.IsNull(textNode) || string.IsNullOrWhiteSpace(text))
                    {
                        source.Error(DiagnosticCodes.MissingTranslation, textNode, $"{what}: the `{language}` text is empty");
                        continue;
                    }

                    found[language] = text;
                }

                var missing = Languages.Where(l => !found.ContainsKey(l)).ToList();
                if (missing.Count > 0 && found.Count > 0)
                {
                    source.Error(DiagnosticCodes.MissingTranslation, node, $"{what} has no {string.Join(", ", missing.Select(l => $"`{l}`"))} text; every text needs every language of the model ({string.Join(", ", Languages)})");
                }

                foreach (var (language, text) in found)
                {
                    Add(key, language, text);
                }

                return found.GetValueOrDefault(Primary) ?? found.Values.FirstOrDefault();
            default:
                source.Error(DiagnosticCodes.WrongType, node, $"{what} must be text, or one text per language (`{{ {string.Join(": …, ", Languages)}: … }}`)");
                return null;
        }
    }

    /// <summary>Files a text the model did not write (a default scale's labels) in every declared language.</summary>
    /// <returns>False when the engine has no label for one of the languages.</returns>
    public bool AddDefault(string key, string level)
    {
        var complete = true;
        foreach (var language in Languages)
        {
            if (DefaultScaleTexts.Find(language, level) is { } label)
            {
                Add(key, language, label);
            }
            else
            {
                complete = false;
            }
        }

        return complete;
    }

    /// <summary>
    /// Reads an optional label that defaults to <paramref name="fallback"/> (usually the id). A model with several
    /// languages cannot fall back to an id, which is in no language: there the label is required.
    /// </summary>
    public string ReadLabel(YamlMap map, string key, string fallback)
    {
        if (Read(map, "label", key) is { } label)
        {
            return label;
        }

        if (Languages.Count > 1)
        {
            map.Source.Error(DiagnosticCodes.MissingTranslation, map.Node, $"{map.Context} needs a `label` in every language of the model ({string.Join(", ", Languages)})");
        }

        AddPrimary(key, fallback);
        return fallback;
    }

    /// <summary>Files a text that only exists in the primary language (an id used as its own label in a one-language model).</summary>
    public void AddPrimary(string key, string text) => Add(key, Primary, text);

    /// <summary>The collected catalogue.</summary>
    public ModelTexts Build() => new(
        Languages,
        _texts.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, string>)p.Value, StringComparer.Ordinal));

    private void Add(string key, string language, string text)
    {
        if (!_texts.TryGetValue(key, out var byLanguage))
        {
            _texts[key] = byLanguage = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        byLanguage[language] = text;
    }
}
