using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Loading;
using Tma.Models.Packages;
using Tma.Models.Yaml;
using YamlDotNet.RepresentationModel;

namespace Tma.Scoring.Classifiers;

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
            draftNode.Children.Add(new YamlScalarNode("kind"), new YamlScalarNode("classifier"));
        }

        string? baseModel = null;
        string? baseHash = null;
        var outcome = "outcome";
        TrainerSettings? trainer = null;
        var calibration = CalibrationMethod.Platt;
        var folds = 5;
        int? seed = null;
        string? notice = null;
        if (training is not null)
        {
            var baseNode = training.Scalar("base_model");
            if (baseNode?.Value is { } basePath)
            {
                if (map.Has("inputs"))
                {
                    source.Error(DiagnosticCodes.InvalidValue, baseNode, "give either `inputs` or `training.base_model` (whose inputs are used), not both");
                }
                else if (LoadBaseInputs(Path.Combine(directory, basePath), baseNode, source) is { } based)
                {
                    draftNode.Children.Add(new YamlScalarNode("inputs"), based.Inputs);
                    baseModel = based.Name;
                    baseHash = based.Hash;
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
        };
        return LoadResult<TrainingSpec>.From(spec, bag);
    }

    private static (YamlNode Inputs, string Name, string Hash)? LoadBaseInputs(string basePath, YamlScalarNode node, YamlSource source)
    {
        var package = ModelPackage.Load(basePath);
        if (package.Value is null)
        {
            var first = package.Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error);
            source.Error(DiagnosticCodes.UnknownReference, node, $"the base model `{node.Value}` cannot be loaded: {first?.ToString() ?? "unknown error"}");
            return null;
        }

        var definition = package.Value.Definition;
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
