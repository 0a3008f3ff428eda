using Semver;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Expressions;
using Tma.Models.Text;
using Tma.Models.Yaml;

namespace Tma.Models.Loading;

/// <summary>
/// Reads <c>model.yaml</c> into a <see cref="ModelDefinition"/>. Every problem in the file is reported at once, each
/// located; a definition is returned only when there are no errors.
/// </summary>
public static class ModelReader
{
    /// <summary>Reads and validates a model file.</summary>
    /// <param name="path">Path of <c>model.yaml</c>.</param>
    /// <param name="displayPath">How to name the file in messages (defaults to <paramref name="path"/>).</param>
    public static LoadResult<ModelDefinition> ReadFile(string path, string? displayPath = null)
    {
        var bag = new DiagnosticBag();
        var source = new YamlSource(displayPath ?? path, bag);
        var root = SafeYaml.LoadFile(path, source);
        var options = new ModelReadOptions { PackageDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) };
        return root is null ? LoadResult<ModelDefinition>.From(null, bag) : Read(root, source, options);
    }

    /// <summary>Reads and validates model YAML given as text.</summary>
    public static LoadResult<ModelDefinition> ReadText(string yaml, string displayPath)
    {
        var bag = new DiagnosticBag();
        var source = new YamlSource(displayPath, bag);
        var root = SafeYaml.Load(yaml, source);
        return root is null ? LoadResult<ModelDefinition>.From(null, bag) : Read(root, source, ModelReadOptions.Default);
    }

    /// <summary>
    /// Reads and validates a model document that was already parsed (e.g. the model part of a <c>tma train</c> spec),
    /// reporting into <paramref name="source"/> at the nodes' own positions.
    /// </summary>
    /// <param name="root">The document's root node (from <see cref="SafeYaml"/>).</param>
    /// <param name="source">The file the nodes come from; its diagnostics receive every problem.</param>
    /// <param name="options">How to read; <see cref="ModelReadOptions.Default"/> when null.</param>
    internal static LoadResult<ModelDefinition> Read(YamlDotNet.RepresentationModel.YamlNode root, YamlSource source, ModelReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(source);
        options ??= ModelReadOptions.Default;
        var model = YamlMap.From(root, source, "the model file");
        if (model is null)
        {
            return LoadResult<ModelDefinition>.From(null, source.Diagnostics);
        }

        source.Texts = new TextCollector(ReadLanguages(model));
        var id = model.String("id", required: true);
        if (id is not null && !IdRules.IsId(id))
        {
            source.Error(DiagnosticCodes.InvalidId, model.Raw("id")!, $"package id `{id}` must start with a lower-case letter and use only a-z, 0-9, - and _");
        }

        var version = ReadVersion(model);
        var engine = ReadEngineRange(model);
        var title = source.Texts.Read(model, "title", TextKeys.Title, required: true);
        var kindNode = model.Scalar("kind", required: true);
        var kind = kindNode?.Value switch
        {
            "rules" => ModelKind.Rules,
            "classifier" => ModelKind.Classifier,
            "composite" => ModelKind.Composite,
            _ => (ModelKind?)null,
        };
        if (kindNode is not null && kind is null)
        {
            source.Error(DiagnosticCodes.InvalidValue, kindNode, $"unknown kind `{kindNode.Value}`{Suggestions.DidYouMean(kindNode.Value ?? "", ["rules", "classifier", "composite"])} (rules, classifier, composite)");
        }

        var description = source.Texts.Read(model, "description", TextKeys.Description);
        var authors = model.Strings("authors");
        var licence = model.String("licence");
        var references = CatalogueReader.References(model);
        var inputs = kind == ModelKind.Composite ? [] : InputReader.Read(model);
        var binder = new ExpressionBinder(inputs);
        var levels = CatalogueReader.Levels(model);
        var actions = CatalogueReader.Actions(model);
        var missing = CatalogueReader.MissingData(model);
        var evidence = CatalogueReader.Evidence(model);
        var judgement = JudgementReader.Read(model, levels);
        var rules = kind is null or ModelKind.Rules;
        var scoring = rules ? ScoringReader.Read(model, binder, levels) : null;
        var indicators = rules ? IndicatorReader.Read(model, binder, scoring?.Policy) : [];
        var classifier = kind == ModelKind.Classifier ? ClassifierReader.Read(model, inputs, levels, options, missing) : null;
        var composite = kind == ModelKind.Composite ? CompositeReader.Read(model, id, levels) : null;
        model.Finish();

        var definition = new ModelDefinition
        {
            Id = id ?? "",
            Version = version ?? new SemVersion(0, 0, 0),
            Title = title ?? "",
            Kind = kind ?? ModelKind.Rules,
            EngineRange = engine?.Range,
            EngineRangeText = engine?.Text,
            Description = description,
            Authors = authors,
            Licence = licence,
            References = references,
            Inputs = inputs,
            Levels = levels,
            Indicators = indicators,
            Scoring = scoring,
            Classifier = classifier,
            Composite = composite,
            MissingData = missing,
            Evidence = evidence,
            Judgement = judgement,
            Actions = actions,
            Texts = source.Texts.Build(),
            Language = source.Texts.Primary,
            SourceFile = source.File,
        };
        CrossReferences.Check(definition, model);
        return LoadResult<ModelDefinition>.From(definition, source.Diagnostics);
    }

    /// <summary>Reads <c>languages: [en, de]</c> (default <c>[en]</c>): languages the engine writes its own texts in, each once.</summary>
    private static List<string> ReadLanguages(YamlMap model)
    {
        var node = model.Raw("languages");
        var languages = new List<string>();
        foreach (var language in model.Strings("languages"))
        {
            if (!LanguageCodes.IsSupported(language))
            {
                model.Source.Error(DiagnosticCodes.InvalidValue, node!, $"language `{language}` is not one the engine writes its texts in{Suggestions.DidYouMean(language, LanguageCodes.Supported)} (languages: {string.Join(", ", LanguageCodes.Supported)})");
            }
            else if (languages.Contains(language))
            {
                model.Source.Error(DiagnosticCodes.DuplicateId, node!, $"language `{language}` is listed twice");
            }
            else
            {
                languages.Add(language);
            }
        }

        return languages.Count == 0 ? [LanguageCodes.English] : languages;
    }

    /// <summary>Parses an npm-style engine range; pre-release engine versions are treated as inside it.</summary>
    internal static bool TryParseEngineRange(string text, out SemVersionRange range) =>
        SemVersionRange.TryParseNpm(text, includeAllPrerelease: true, out range!, maxLength: 200);

    private static (string Text, SemVersionRange Range)? ReadEngineRange(YamlMap model)
    {
        var node = model.Scalar("engine");
        if (node?.Value is not { } text)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(text) && TryParseEngineRange(text, out var range))
        {
            return (text, range);
        }

        model.Source.Error(DiagnosticCodes.InvalidValue, node, $"engine range `{text}` is not an npm-style version range such as `>=0.1 <1.0`");
        return null;
    }

    private static SemVersion? ReadVersion(YamlMap model)
    {
        var node = model.Scalar("version", required: true);
        if (node is null)
        {
            return null;
        }

        if (SemVersion.TryParse(node.Value, SemVersionStyles.Strict, out var version))
        {
            return version;
        }

        model.Source.Error(DiagnosticCodes.InvalidValue, node, $"version `{node.Value}` is not a semantic version such as `1.2.0`");
        return null;
    }
}
