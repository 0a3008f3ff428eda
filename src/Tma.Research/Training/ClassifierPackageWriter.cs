using System.Globalization;
using System.Text;
using Tma.Models.Definitions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;


namespace Tma.Research.Training;

/// <summary>Writes a trained classifier's <c>model.yaml</c> (from the spec's own nodes plus the computed sections) and model card.</summary>
internal static class ClassifierPackageWriter
{
    public static string ModelYaml(TrainingSpec spec, ClassifierDefinition classifier)
    {
        // Every section of the spec is carried over in the spec's order (texts, languages, evidence, judgement, …), so
        // retraining reproduces the whole package and nothing has to be re-added by hand; only `training` is left out,
        // `features` is replaced by the fitted features and `classifier` (model file, hash, figures) follows them.
        // The spec reader always leaves a `kind` in the draft (it adds `kind: classifier` after `title` when absent).
        var root = new YamlMappingNode();
        foreach (var (key, node) in spec.DraftNode.Children)
        {
            switch ((key as YamlScalarNode)?.Value)
            {
                case "training":
                    break;
                case "kind":
                    root.Add("kind", Plain("classifier"));
                    break;
                case "features":
                    root.Add("features", Features(classifier.Features));
                    root.Add("classifier", Classifier(classifier));
                    break;
                default:
                    root.Add(key, node);
                    break;
            }
        }

        var text = new StringBuilder();
        text.Append("# Written by `tma train` from ").Append(Path.GetFileName(spec.File)).Append(". Do not edit by hand: change the spec and retrain.\n");
        text.Append("# The model file's SHA-256 and the training figures below are checked and reported by the engine.\n");
        using var writer = new StringWriter(text, CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer, EmitterSettings.Default.WithBestWidth(int.MaxValue).WithNewLine("\n"));
        new YamlStream(new YamlDocument(root)).Save(emitter, assignAnchors: false);
        var yaml = text.ToString();

        // YamlDotNet closes each document with "...": one document per file needs no end marker.
        return yaml.EndsWith("...\n", StringComparison.Ordinal) ? yaml[..^4] : yaml;
    }

    public static string ModelCard(TrainingSpec spec, ModelDefinition model, ClassifierDefinition classifier, TrainingFigures figures, IReadOnlyList<string> columns)
    {
        var invariant = CultureInfo.InvariantCulture;
        var e = classifier.Evaluation!;
        var t = classifier.TrainingData!;
        var card = new StringBuilder();
        void Line(FormattableString line) => card.Append(line.ToString(invariant)).Append('\n');
        Line($"# Model card: {model.Title}");
        Line($"");
        if (spec.Notice is { } notice)
        {
            foreach (var line in notice.TrimEnd().Split('\n'))
            {
                Line($"> {line.TrimEnd()}");
            }

            Line($"");
        }

        Line($"`{model.Id}` {model.Version} · kind `classifier` · trained by `tma train` from `{Path.GetFileName(spec.File)}`. This card was written by the trainer; its figures are the ones recorded in `model.yaml`.");
        Line($"");
        Line($"This package is **not a validated instrument**. A statistical classifier is only as good as the data it was trained on: before it is used on real cases it must be retrained on the organisation's own anonymized data, evaluated, and pass the release gate; a professional decides, and the model's output is advisory.");
        Line($"");
        Line($"## What it computes");
        Line($"");
        Line($"A calibrated probability of the outcome `{t.Outcome}` from {classifier.Features.Count} features ({columns.Count} columns) of the inputs{(spec.BaseModel is { } b ? $" of `{b}`" : "")}, mapped to a level by probability bands:");
        Line($"");
        Line($"| level | probability |");
        Line($"|---|---|");
        foreach (var band in classifier.Bands)
        {
            Line($"| {band.Level} | {(band.From is { } f ? $"≥ {f:0.###}" : "")}{(band.From is not null && band.To is not null ? " and " : "")}{(band.To is { } to ? $"< {to:0.###}" : "")} |");
        }

        Line($"");
        Line($"## Training");
        Line($"");
        Line($"| | |");
        Line($"|---|---|");
        Line($"| trainer | `{classifier.Trainer.Name}` {string.Join(", ", classifier.Trainer.Settings.Select(s => string.Create(invariant, $"{s.Key} = {s.Value:G6}")))} (settings not listed take the ML.NET 5.0.1 defaults) |");
        Line($"| calibration | {classifier.Calibration.ToString().ToLowerInvariant()} |");
        Line($"| seed | {classifier.Seed} |");
        Line($"| dataset | sha256 `{t.Sha256}` |");
        Line($"| rows | {figures.Rows} ({figures.Positives} with outcome 1, base rate {t.BaseRate:0.####}) |");
        if (figures.ConstantColumns.Count > 0)
        {
            Line($"| constant columns | {string.Join(", ", figures.ConstantColumns.Select(c => $"`{c}`"))} (no information in this dataset) |");
        }

        Line($"");
        Line($"## Cross-validated performance");
        Line($"");
        Line($"{e.Folds}-fold cross-validation, folds stratified by outcome and assigned with seed {classifier.Seed}; every figure is computed from out-of-fold probabilities.");
        Line($"");
        Line($"| figure | value |");
        Line($"|---|---|");
        Line($"| AUC, mean of folds | {e.AucMean:0.0000} (sd {e.AucSd:0.0000}) |");
        Line($"| AUC per fold | {string.Join(", ", figures.FoldAucs.Select(a => a.ToString("0.0000", invariant)))} |");
        Line($"| AUC, pooled out-of-fold | {e.AucPooled:0.0000} |");
        Line($"| Brier score | {e.Brier:0.0000} |");
        if (e.CalibrationIntercept is { } ci && e.CalibrationSlope is { } cs)
        {
            Line($"| calibration intercept / slope (Cox) | {ci:0.0000} / {cs:0.0000} |");
        }

        if (figures.Validation is { } validation)
        {
            card.Append(ValidationCard.Section(validation, classifier.Seed));
        }

        if (figures.Weights is { } weights)
        {
            Line($"");
            Line($"## Coefficients");
            Line($"");
            Line($"Raw score s = intercept + Σ weight × column value (log-odds scale). A case's explanation lists each column's weight × value as its contribution.");
            if (figures.PlattSlope is { } a && figures.PlattOffset is { } c)
            {
                Line($"Platt calibration: p = 1 / (1 + exp(−({a:0.######} × s {(c < 0 ? "−" : "+")} {Math.Abs(c):0.######}))).");
            }

            Line($"");
            Line($"The sign says whether a higher column value raises (+) or lowers (−) the probability; a protective input with a positive weight would make protection look like risk, so it is marked.");
            Line($"");
            Line($"| column | weight | sign |");
            Line($"|---|---|---|");
            Line($"| (intercept) | {figures.Bias:0.######} | {(figures.Bias is { } bias ? Sign(bias) : "")} |");
            for (var i = 0; i < weights.Length; i++)
            {
                var protective = model.Inputs.Any(x => x.Protective && x.Id == columns[i]);
                var note = protective ? (weights[i] > 0 ? " — **protective input with a positive weight: check the training data**" : " (protective input)") : "";
                Line($"| `{columns[i]}` | {weights[i]:0.######} | {Sign(weights[i])}{note} |");
            }
        }

        Line($"");
        Line($"## Features");
        Line($"");
        Line($"| feature | encoding | unknown value | columns |");
        Line($"|---|---|---|---|");
        foreach (var feature in classifier.Features)
        {
            var encoding = feature.Encoding switch
            {
                FeatureEncoding.OneHot => "one-hot",
                _ => feature.Encoding.ToString().ToLowerInvariant(),
            } + (feature.Standardize ? string.Create(invariant, $", standardised (mean {feature.Mean:G6}, sd {feature.StandardDeviation:G6})") : "");
            var missing = feature.Missing.ToString().ToLowerInvariant() + (feature.FillLevel is { } level ? $" ({level})" : feature.Fill is { } fill && feature.Missing != MissingValueStrategy.Indicator ? string.Create(invariant, $" ({fill:G6})") : "");
            Line($"| `{feature.Name}` | {encoding} | {missing} | {feature.Columns.Count} |");
        }

        Line($"");
        Line($"## Reproduce");
        Line($"");
        Line($"```");
        Line($"tma train --spec {Path.GetFileName(spec.File)} --data <the dataset with sha256 {t.Sha256[..12]}…> --out <package folder>");
        Line($"```");
        Line($"");
        Line($"Training is deterministic: the same spec, dataset and seed give a byte-identical `{classifier.ModelFile}` (SHA-256 `{classifier.Sha256}`).");
        if (spec.CardAppendix is { } appendix)
        {
            card.Append('\n').Append(appendix.ReplaceLineEndings("\n").TrimEnd('\n')).Append('\n');
        }

        return card.ToString();
    }

    private static YamlSequenceNode Features(IReadOnlyList<FeatureDefinition> features)
    {
        var sequence = new YamlSequenceNode();
        foreach (var feature in features)
        {
            var map = new YamlMappingNode { Style = MappingStyle.Flow };
            map.Add("input", Plain(feature.Name));
            map.Add("encoding", Plain(feature.Encoding == FeatureEncoding.OneHot ? "one-hot" : feature.Encoding.ToString().ToLowerInvariant()));
            map.Add("missing", Plain(feature.Missing.ToString().ToLowerInvariant()));
            if (feature.FillLevel is { } level)
            {
                map.Add("fill", Plain(level));
            }
            else if (feature.Fill is { } fill)
            {
                map.Add("fill", Number(fill));
            }

            if (feature.Standardize)
            {
                var standardize = new YamlMappingNode { Style = MappingStyle.Flow };
                standardize.Add("mean", Number(feature.Mean!.Value));
                standardize.Add("sd", Number(feature.StandardDeviation!.Value));
                map.Add("standardize", standardize);
            }

            sequence.Add(map);
        }

        return sequence;
    }

    private static YamlMappingNode Classifier(ClassifierDefinition classifier)
    {
        var map = new YamlMappingNode();
        map.Add("model_file", Plain(classifier.ModelFile));
        map.Add("sha256", Quoted(classifier.Sha256));
        var trainer = new YamlMappingNode { Style = MappingStyle.Flow };
        trainer.Add("name", Plain(classifier.Trainer.Name));
        foreach (var (name, value) in classifier.Trainer.Settings)
        {
            trainer.Add(name, Number(value));
        }

        map.Add("trainer", trainer);
        map.Add("seed", Number(classifier.Seed));
        map.Add("calibration", Plain(classifier.Calibration.ToString().ToLowerInvariant()));
        var t = classifier.TrainingData!;
        var data = new YamlMappingNode { Style = MappingStyle.Flow };
        data.Add("sha256", Quoted(t.Sha256));
        data.Add("rows", Number(t.Rows));
        data.Add("base_rate", Number(t.BaseRate));
        data.Add("outcome", Plain(t.Outcome));
        map.Add("training_data", data);
        var e = classifier.Evaluation!;
        var evaluation = new YamlMappingNode { Style = MappingStyle.Flow };
        evaluation.Add("folds", Number(e.Folds));
        evaluation.Add("auc_mean", Number(e.AucMean));
        evaluation.Add("auc_sd", Number(e.AucSd));
        evaluation.Add("auc_pooled", Number(e.AucPooled));
        evaluation.Add("brier", Number(e.Brier));
        if (e.CalibrationIntercept is { } intercept && e.CalibrationSlope is { } slope)
        {
            evaluation.Add("calibration_intercept", Number(intercept));
            evaluation.Add("calibration_slope", Number(slope));
        }

        map.Add("evaluation", evaluation);
        return map;
    }

    private static string Sign(double weight) => weight > 0 ? "+" : weight < 0 ? "−" : "0";

    private static YamlScalarNode Plain(string value) => new(value) { Style = ScalarStyle.Plain };

    private static YamlScalarNode Quoted(string value) => new(value) { Style = ScalarStyle.DoubleQuoted };

    private static YamlScalarNode Number(double value) => Plain(value.ToString("R", CultureInfo.InvariantCulture));
}
