// One concern, kept in one file on purpose: reading and checking the `classifier:` section (features, trainer,
// bands, calibration) with located diagnostics; its cross-checks need all parts of the section at once.
using System.Globalization;
using System.Security.Cryptography;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Yaml;
using YamlDotNet.RepresentationModel;

namespace Tma.Models.Loading;

/// <summary>Reads the sections of a <c>kind: classifier</c> model: <c>features</c>, <c>classifier</c> and <c>bands</c>.</summary>
internal static class ClassifierReader
{
    private static readonly string[] Encodings = ["score", "position", "number", "one-hot"];
    private static readonly string[] Strategies = ["indicator", "mean", "mode", "constant"];
    private static readonly string[] Calibrations = ["platt", "isotonic", "none"];

    public static ClassifierDefinition? Read(YamlMap model, IReadOnlyList<InputDefinition> inputs, IReadOnlyList<OutputLevel> levels, ModelReadOptions options, MissingDataPolicy missing)
    {
        var source = model.Source;
        if (missing.Mode == MissingDataMode.Prorate)
        {
            source.Error(DiagnosticCodes.InvalidValue, model.KeyNode("missing_data")!, "a classifier cannot prorate a score; declare how each feature handles an unknown value (`missing:`) and use `max-omitted` or `insufficient`");
        }

        var features = ReadFeatures(model, inputs, options);
        var bands = ReadBands(model, levels);
        var maxReasons = model.Integer("max_reason_codes") ?? 5;
        if (maxReasons < 0)
        {
            source.Error(DiagnosticCodes.InvalidValue, model.Raw("max_reason_codes")!, "`max_reason_codes` cannot be negative");
        }

        if (options.TrainingSpec)
        {
            if (model.Has("classifier"))
            {
                source.Error(DiagnosticCodes.InvalidValue, model.KeyNode("classifier")!, "a training spec has no `classifier` section: `tma train` writes it (give the trainer, calibration, folds and seed under `training`)");
                model.Raw("classifier");
            }

            return new ClassifierDefinition
            {
                Features = features,
                ModelFile = "",
                Sha256 = "",
                Trainer = new TrainerSettings(TrainerNames.LbfgsLogisticRegression, []),
                Seed = 0,
                Calibration = CalibrationMethod.Platt,
                Bands = bands,
                MaxReasonCodes = Math.Max(0, maxReasons),
            };
        }

        var map = model.Map("classifier", "`classifier`", required: true);
        if (map is null)
        {
            return null;
        }

        var modelFile = map.String("model_file", required: true);
        var sha = map.String("sha256", required: true);
        if (sha is not null && !IsSha256(sha))
        {
            source.Error(DiagnosticCodes.InvalidValue, map.Raw("sha256")!, "`sha256` must be 64 lower-case hex digits (the SHA-256 of the model file)");
            sha = null;
        }

        var trainer = ReadTrainer(map);
        var seed = map.Integer("seed", required: true);
        var calibration = ReadCalibration(map, required: true);
        var training = ReadTrainingData(map.Map("training_data", "`training_data`", required: true));
        var evaluation = ReadEvaluation(map.Map("evaluation", "`evaluation`", required: true));
        map.Finish();

        if (modelFile is not null && sha is not null)
        {
            CheckModelFile(map, modelFile, sha, options);
        }

        if (modelFile is null || sha is null || trainer is null || seed is null || calibration is null)
        {
            return null;
        }

        return new ClassifierDefinition
        {
            Features = features,
            ModelFile = modelFile.Replace('\\', '/'),
            Sha256 = sha,
            Trainer = trainer,
            Seed = seed.Value,
            Calibration = calibration.Value,
            TrainingData = training,
            Evaluation = evaluation,
            Bands = bands,
            MaxReasonCodes = Math.Max(0, maxReasons),
        };
    }

    /// <summary>Reads a trainer mapping <c>{ name, &lt;setting&gt;: number … }</c> (also used by training specs).</summary>
    public static TrainerSettings? ReadTrainer(YamlMap parent)
    {
        var source = parent.Source;
        var map = parent.Map("trainer", "`trainer`", required: true);
        if (map is null)
        {
            return null;
        }

        var name = map.String("name", required: true);
        if (name is null)
        {
            map.Finish();
            return null;
        }

        if (!TrainerNames.Settings.TryGetValue(name, out var allowed))
        {
            source.Error(DiagnosticCodes.InvalidValue, map.Raw("name")!, $"unknown trainer `{name}`{Suggestions.DidYouMean(name, TrainerNames.All)} (trainers: {string.Join(", ", TrainerNames.All)})");
            map.Finish();
            return null;
        }

        var settings = new List<KeyValuePair<string, double>>();
        foreach (var setting in allowed)
        {
            if (map.Number(setting) is { } value)
            {
                if (value < 0)
                {
                    source.Error(DiagnosticCodes.InvalidValue, map.Raw(setting)!, $"trainer setting `{setting}` cannot be negative");
                }

                settings.Add(new(setting, value));
            }
        }

        map.Finish();
        return new TrainerSettings(name, settings);
    }

    /// <summary>Reads <c>calibration: platt | isotonic | none</c> (also used by training specs).</summary>
    public static CalibrationMethod? ReadCalibration(YamlMap map, bool required)
    {
        var node = map.Scalar("calibration", required);
        if (node is null)
        {
            return null;
        }

        CalibrationMethod? method = node.Value switch
        {
            "platt" => CalibrationMethod.Platt,
            "isotonic" => CalibrationMethod.Isotonic,
            "none" => CalibrationMethod.None,
            _ => null,
        };
        if (method is null)
        {
            map.Source.Error(DiagnosticCodes.InvalidValue, node, $"unknown calibration `{node.Value}`{Suggestions.DidYouMean(node.Value ?? "", Calibrations)} (platt, isotonic, none)");
        }

        return method;
    }

    private static List<FeatureDefinition> ReadFeatures(YamlMap model, IReadOnlyList<InputDefinition> inputs, ModelReadOptions options)
    {
        var source = model.Source;
        var result = new List<FeatureDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var inputIds = inputs.Select(i => i.Id).ToArray();
        foreach (var node in model.Sequence("features", required: true))
        {
            var map = YamlMap.From(node, source, "a feature");
            if (map is null)
            {
                continue;
            }

            var name = map.String("input", required: true);
            map = YamlMap.From(node, source, name is null ? "a feature" : $"feature `{name}`")!;
            map.String("input");
            var encodingNode = map.Scalar("encoding");
            var missingNode = map.Scalar("missing");
            var fillNode = map.Scalar("fill");
            var standardizeNode = map.Raw("standardize");
            map.Finish();
            if (name is null)
            {
                continue;
            }

            var relevance = name.EndsWith(".relevance", StringComparison.Ordinal);
            var inputId = relevance ? name[..^".relevance".Length] : name;
            var index = -1;
            for (var i = 0; i < inputs.Count; i++)
            {
                if (inputs[i].Id == inputId)
                {
                    index = i;
                }
            }

            if (index < 0)
            {
                source.Error(DiagnosticCodes.UnknownReference, map.Raw("input")!, $"feature input `{inputId}` is not a declared input{Suggestions.DidYouMean(inputId, inputIds)}");
                continue;
            }

            var input = inputs[index];
            if (relevance && !input.HasRelevance)
            {
                source.Error(DiagnosticCodes.UnknownReference, map.Raw("input")!, $"input `{inputId}` has no relevance axis, so `{name}` is not a feature it can give");
                continue;
            }

            if (!seen.Add(name))
            {
                source.Error(DiagnosticCodes.DuplicateId, map.Raw("input")!, $"feature `{name}` is declared twice");
                continue;
            }

            var scale = relevance ? input.RelevanceLevels : input.Levels;
            var ordered = relevance || input.IsOrdered;
            var encoding = ReadEncoding(source, encodingNode, input, ordered, name);
            if (encoding is null)
            {
                continue;
            }

            var strategy = MissingValueStrategy.Indicator;
            if (missingNode is not null)
            {
                switch (missingNode.Value)
                {
                    case "indicator": strategy = MissingValueStrategy.Indicator; break;
                    case "mean": strategy = MissingValueStrategy.Mean; break;
                    case "mode": strategy = MissingValueStrategy.Mode; break;
                    case "constant": strategy = MissingValueStrategy.Constant; break;
                    default:
                        source.Error(DiagnosticCodes.InvalidValue, missingNode, $"unknown missing-value strategy `{missingNode.Value}`{Suggestions.DidYouMean(missingNode.Value ?? "", Strategies)} (indicator, mean, mode, constant)");
                        continue;
                }
            }

            if (encoding == FeatureEncoding.OneHot && strategy == MissingValueStrategy.Mean)
            {
                source.Error(DiagnosticCodes.InvalidValue, missingNode!, $"a one-hot feature has no mean; use `mode`, `constant` (with a category as `fill`) or `indicator`");
                continue;
            }

            // Fill: a category id for one-hot features, a number otherwise.
            double? fill = null;
            string? fillLevel = null;
            if (fillNode is not null)
            {
                if (encoding == FeatureEncoding.OneHot)
                {
                    var position = input.LevelIndex(fillNode.Value ?? "");
                    if (position < 0)
                    {
                        source.Error(DiagnosticCodes.UnknownReference, fillNode, $"`fill` of feature `{name}` must be one of its categories{Suggestions.DidYouMean(fillNode.Value ?? "", input.Levels.Select(l => l.Id))} ({string.Join(", ", input.Levels.Select(l => l.Id))})");
                    }
                    else
                    {
                        fill = position;
                        fillLevel = fillNode.Value;
                    }
                }
                else if (YamlMap.TryNumber(fillNode, out var number))
                {
                    fill = number;
                }
                else
                {
                    source.Error(DiagnosticCodes.WrongType, fillNode, $"`fill` of feature `{name}` must be a number (in the encoded unit, before standardisation)");
                }
            }

            var needsFill = strategy is MissingValueStrategy.Constant || (!options.TrainingSpec && strategy is MissingValueStrategy.Mean or MissingValueStrategy.Mode);
            if (needsFill && fillNode is null)
            {
                var why = strategy == MissingValueStrategy.Constant ? "the constant to use" : "the value training computed";
                source.Error(DiagnosticCodes.MissingField, node, $"feature `{name}` has no `fill` ({why} for an unknown value)");
            }

            // Standardisation: `true` in a training spec; `{ mean, sd }` in a package.
            var (standardize, mean, sd) = ReadStandardize(source, standardizeNode, name, encoding.Value, options);
            result.Add(new FeatureDefinition
            {
                Input = inputId,
                Relevance = relevance,
                InputIndex = index,
                Encoding = encoding.Value,
                Missing = strategy,
                Fill = fill,
                FillLevel = fillLevel,
                Standardize = standardize,
                Mean = mean,
                StandardDeviation = sd,
                Categories = encoding == FeatureEncoding.OneHot ? [.. scale.Select(l => l.Id)] : [],
                Location = source.At(node),
            });
        }

        return result;
    }

    private static FeatureEncoding? ReadEncoding(YamlSource source, YamlScalarNode? node, InputDefinition input, bool ordered, string name)
    {
        var type = input.Type.ToString().ToLowerInvariant();
        if (node is null)
        {
            return ordered ? FeatureEncoding.Score : input.Type == InputType.Numeric ? FeatureEncoding.Number : FeatureEncoding.OneHot;
        }

        FeatureEncoding? encoding = node.Value switch
        {
            "score" => FeatureEncoding.Score,
            "position" => FeatureEncoding.Position,
            "number" => FeatureEncoding.Number,
            "one-hot" => FeatureEncoding.OneHot,
            _ => null,
        };
        if (encoding is null)
        {
            source.Error(DiagnosticCodes.InvalidValue, node, $"unknown encoding `{node.Value}`{Suggestions.DidYouMean(node.Value ?? "", Encodings)} (score, position, number, one-hot)");
            return null;
        }

        var fits = encoding switch
        {
            FeatureEncoding.Score or FeatureEncoding.Position => ordered,
            FeatureEncoding.Number => !ordered && input.Type == InputType.Numeric,
            _ => !ordered && input.Type == InputType.Categorical,
        };
        if (!fits)
        {
            var allowed = ordered ? "`score` or `position`" : input.Type == InputType.Numeric ? "`number`" : "`one-hot`";
            source.Error(DiagnosticCodes.InvalidValue, node, $"encoding `{node.Value}` does not fit the {(name.EndsWith(".relevance", StringComparison.Ordinal) ? "relevance axis" : type + " input")} `{name}`; use {allowed}");
            return null;
        }

        return encoding;
    }

    private static (bool Standardize, double? Mean, double? Sd) ReadStandardize(YamlSource source, YamlNode? node, string name, FeatureEncoding encoding, ModelReadOptions options)
    {
        if (node is null || YamlMap.IsNull(node))
        {
            return (false, null, null);
        }

        if (encoding == FeatureEncoding.OneHot)
        {
            source.Error(DiagnosticCodes.InvalidValue, node, $"one-hot feature `{name}` cannot be standardised");
            return (false, null, null);
        }

        if (node is YamlScalarNode { Value: "true" or "false" } flag)
        {
            if (flag.Value == "true" && !options.TrainingSpec)
            {
                source.Error(DiagnosticCodes.MissingField, node, $"feature `{name}` is standardised but the package does not record how: write `standardize: {{ mean: …, sd: … }}` (tma train does)");
            }

            return (flag.Value == "true", null, null);
        }

        var map = YamlMap.From(node, source, $"`standardize` of feature `{name}`");
        if (map is null)
        {
            return (false, null, null);
        }

        var mean = map.Number("mean", required: true);
        var sd = map.Number("sd", required: true);
        map.Finish();
        if (sd is <= 0)
        {
            source.Error(DiagnosticCodes.InvalidValue, map.Raw("sd")!, $"the standard deviation of feature `{name}` must be above 0");
        }

        return (true, mean, sd);
    }

    private static List<Band> ReadBands(YamlMap model, IReadOnlyList<OutputLevel> levels)
    {
        var node = model.Raw("bands");
        if (node is null)
        {
            model.Missing("bands");
            return [];
        }

        var bands = ScoringReader.ReadBands(node, model.Source, levels, "`bands`");
        CheckProbabilityBands(node, model.Source, bands);
        return bands;
    }

    /// <summary>Probability bands: every threshold strictly between 0 and 1.</summary>
    public static void CheckProbabilityBands(YamlNode node, YamlSource source, IReadOnlyList<Band> bands)
    {
        foreach (var band in bands)
        {
            foreach (var threshold in new[] { band.From, band.To })
            {
                if (threshold is { } t && !(t > 0 && t < 1))
                {
                    source.Error(DiagnosticCodes.Bands, node, $"probability band `{band.Level}` has the threshold {t.ToString("0.###", CultureInfo.InvariantCulture)}; thresholds must lie strictly between 0 and 1");
                }
            }
        }
    }

    private static TrainingDataFingerprint? ReadTrainingData(YamlMap? map)
    {
        if (map is null)
        {
            return null;
        }

        var sha = map.String("sha256", required: true);
        var rows = map.Integer("rows", required: true);
        var rate = map.Number("base_rate", required: true);
        var outcome = map.String("outcome") ?? "outcome";
        map.Finish();
        if (sha is not null && !IsSha256(sha))
        {
            map.Source.Error(DiagnosticCodes.InvalidValue, map.Raw("sha256")!, "`sha256` must be 64 lower-case hex digits (the SHA-256 of the dataset file)");
        }

        if (rows is < 1)
        {
            map.Source.Error(DiagnosticCodes.InvalidValue, map.Raw("rows")!, "`rows` must be at least 1");
        }

        if (rate is { } r && !(r > 0 && r < 1))
        {
            map.Source.Error(DiagnosticCodes.InvalidValue, map.Raw("base_rate")!, "`base_rate` must lie strictly between 0 and 1");
        }

        return sha is null || rows is null || rate is null ? null : new TrainingDataFingerprint(sha, rows.Value, rate.Value, outcome);
    }

    private static ClassifierEvaluation? ReadEvaluation(YamlMap? map)
    {
        if (map is null)
        {
            return null;
        }

        var folds = map.Integer("folds", required: true);
        var aucMean = map.Number("auc_mean", required: true);
        var aucSd = map.Number("auc_sd", required: true);
        var aucPooled = map.Number("auc_pooled", required: true);
        var brier = map.Number("brier", required: true);
        var intercept = map.Number("calibration_intercept");
        var slope = map.Number("calibration_slope");
        map.Finish();
        if (folds is < 2)
        {
            map.Source.Error(DiagnosticCodes.InvalidValue, map.Raw("folds")!, "`folds` must be at least 2");
        }

        return folds is null || aucMean is null || aucSd is null || aucPooled is null || brier is null
            ? null
            : new ClassifierEvaluation(folds.Value, aucMean.Value, aucSd.Value, aucPooled.Value, brier.Value, intercept, slope);
    }

    private static void CheckModelFile(YamlMap map, string modelFile, string sha, ModelReadOptions options)
    {
        var node = map.Raw("model_file")!;
        if (Path.IsPathRooted(modelFile) || modelFile.Replace('\\', '/').Split('/').Any(part => part is ".." || part.StartsWith('.')))
        {
            map.Source.Error(DiagnosticCodes.InvalidValue, node, $"`model_file` must be a path inside the package folder (no absolute path, no `..`, no hidden files)");
            return;
        }

        if (options.PackageDirectory is null)
        {
            return;
        }

        var path = Path.Combine(options.PackageDirectory, modelFile);
        if (!File.Exists(path))
        {
            map.Source.Error(DiagnosticCodes.FileNotFound, node, $"the model file `{modelFile}` does not exist in the package folder");
            return;
        }

        string actual;
        using (var stream = File.OpenRead(path))
        {
            actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        if (!string.Equals(actual, sha, StringComparison.Ordinal))
        {
            map.Source.Error(DiagnosticCodes.HashMismatch, map.Raw("sha256")!, $"the SHA-256 of `{modelFile}` is {actual}, not the declared {sha}: the model file was changed or replaced after training");
        }
    }

    private static bool IsSha256(string text) => text.Length == 64 && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
