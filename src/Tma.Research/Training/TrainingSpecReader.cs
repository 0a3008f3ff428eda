using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Loading;
using Tma.Models.Packaging;
using Tma.Models.Yaml;
using YamlDotNet.RepresentationModel;


namespace Tma.Research.Training;

/// <summary>
/// Reads a <c>tma train</c> spec: a <c>model.yaml</c> for a classifier without its <c>classifier:</c> section, plus a
/// <c>training:</c> section. Every problem is reported at once with file, line and column.
/// </summary>
public static class TrainingSpecReader
{
    /// <summary>Reads and checks a spec file.</summary>
    /// <param name="path">The spec file (YAML).</param>
    /// <returns>The spec, or every diagnostic.</returns>
    public static LoadResult<TrainingSpec> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bag = new DiagnosticBag();
        var source = new YamlSource(path, bag);
        var root = SafeYaml.LoadFile(path, source);
        var map = root is null ? null : YamlMap.From(root, source, "the training spec");
        if (map is null)
        {
            return LoadResult<TrainingSpec>.From(null, bag);
        }

        var training = map.Map("training", "`training`", required: true);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var draftNode = new YamlMappingNode();
        foreach (var (key, value) in map.Node.Children)
        {
            if (key is YamlScalarNode { Value: not "training" })
            {
                draftNode.Children.Add(key, value);
            }
        }

        if (map.Raw("kind") is YamlScalarNode kind && kind.Value != "classifier")
        {
            source.Error(DiagnosticCodes.InvalidValue, kind, $"a training spec describes a classifier: write `kind: classifier` (or leave `kind` out), not `{kind.Value}`");
        }
        else if (!map.Has("kind"))
        {
            draftNode = Inserted(draftNode, "kind", new YamlScalarNode("classifier"), "title", before: false);
        }

        string? baseModel = null;
        string? baseHash = null;
        var outcome = "outcome";
        TrainerSettings? trainer = null;
        var calibration = CalibrationMethod.Platt;
        var folds = 5;
        int? seed = null;
        string? notice = null;
        string? card = null;
        if (training is not null)
        {
            var baseNode = training.Scalar("base_model");
            if (baseNode?.Value is { } basePath)
            {
                if (map.Has("inputs"))
                {
                    source.Error(DiagnosticCodes.InvalidValue, baseNode, "give either `inputs` or `training.base_model` (whose inputs are used), not both");
                }
                else if (LoadBaseInputs(Path.Combine(directory, basePath), baseNode, source, SpecLanguages(map)) is { } based)
                {
                    draftNode = Inserted(draftNode, "inputs", based.Inputs, "features", before: true);
                    baseModel = based.Name;
                    baseHash = based.Hash;
                }
                else
                {
                    // Without the base inputs every feature would also be reported as undeclared: one error is enough.
                    return LoadResult<TrainingSpec>.From(null, bag);
                }
            }
            else if (!map.Has("inputs"))
            {
                source.Error(DiagnosticCodes.MissingField, training.Node, "the spec has neither `inputs` nor `training.base_model` (a package whose inputs the classifier uses)");
            }

            outcome = training.String("outcome") ?? "outcome";
            trainer = TrainerSettingsReader.ReadTrainer(training);
            calibration = TrainerSettingsReader.ReadCalibration(training, required: false) ?? CalibrationMethod.Platt;
            folds = training.Integer("folds") ?? 5;
            if (folds is < 2 or > 50)
            {
                source.Error(DiagnosticCodes.InvalidValue, training.Raw("folds")!, "`folds` must be a whole number from 2 to 50");
            }

            seed = training.Integer("seed", required: true);
            notice = training.String("notice");
            if (training.Scalar("card") is { Value: { } cardPath } cardNode)
            {
                card = ReadCard(Path.Combine(directory, cardPath), cardNode, source);
            }
            training.Finish();
        }

        var draft = ModelReader.Read(draftNode, source, new ModelReadOptions { TrainingSpec = true });
        if (draft.Value is null || trainer is null || seed is null || bag.HasErrors)
        {
            return LoadResult<TrainingSpec>.From(null, bag);
        }

        var spec = new TrainingSpec(path, draft.Value, draftNode)
        {
            BaseModel = baseModel,
            BaseModelHash = baseHash,
            Outcome = outcome,
            Trainer = trainer,
            Calibration = calibration,
            Folds = folds,
            Seed = seed.Value,
            Notice = notice,
            CardAppendix = card,
        };
        return LoadResult<TrainingSpec>.From(spec, bag);
    }

    private static string? ReadCard(string path, YamlScalarNode node, YamlSource source)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            source.Error(DiagnosticCodes.UnknownReference, node, $"the model-card appendix `{node.Value}` cannot be read: {e.Message}");
            return null;
        }
    }

    private static List<string> SpecLanguages(YamlMap map) => map.Has("languages") ? [.. map.Strings("languages")] : ["en"];

    /// <summary>
    /// A copy of <paramref name="node"/> with <paramref name="key"/> placed just before (or after) the key
    /// <paramref name="anchor"/>, or last when the anchor is absent.
    /// </summary>
    private static YamlMappingNode Inserted(YamlMappingNode node, string key, YamlNode value, string anchor, bool before)
    {
        var result = new YamlMappingNode();
        var placed = false;
        foreach (var (k, v) in node.Children)
        {
            var isAnchor = k is YamlScalarNode { Value: var name } && name == anchor;
            if (isAnchor && before)
            {
                result.Add(key, value);
                placed = true;
            }

            result.Add(k, v);
            if (isAnchor && !before)
            {
                result.Add(key, value);
                placed = true;
            }
        }

        if (!placed)
        {
            result.Add(key, value);
        }

        return result;
    }

    private static (YamlNode Inputs, string Name, string Hash)? LoadBaseInputs(string basePath, YamlScalarNode node, YamlSource source, List<string> languages)
    {
        var package = ModelPackage.Load(basePath);
        if (package.Value is null)
        {
            var first = package.Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error);
            source.Error(DiagnosticCodes.UnknownReference, node, $"the base model `{node.Value}` cannot be loaded: {first?.ToString() ?? "unknown error"}");
            return null;
        }

        var definition = package.Value.Definition;
        var untranslated = definition.Languages.Except(languages, StringComparer.Ordinal).ToList();
        if (untranslated.Count > 0)
        {
            // The base inputs carry texts in every language of the base model; a spec in fewer languages would report
            // each of them at the base model's lines but under the spec's name, so the mismatch is named once, here.
            source.Error(DiagnosticCodes.MissingTranslation, node, $"the inputs of the base model `{node.Value}` are written in {string.Join(", ", definition.Languages)}; declare `languages: [{string.Join(", ", definition.Languages)}]` in the spec and give its texts in each of them");
            return null;
        }

        var baseSource = new YamlSource(definition.SourceFile, new DiagnosticBag());
        var root = SafeYaml.LoadFile(Path.Combine(package.Value.Directory, ModelPackage.ModelFileName), baseSource);
        var inputs = root is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("inputs"), out var found) ? found : null;
        if (inputs is null)
        {
            source.Error(DiagnosticCodes.UnknownReference, node, $"the base model `{node.Value}` has no `inputs` to use");
            return null;
        }

        return (inputs, $"{definition.Id} {definition.Version}", package.Value.ContentHash);
    }
}
