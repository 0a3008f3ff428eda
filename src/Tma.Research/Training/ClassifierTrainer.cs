using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Research.Datasets;
using Tma.Research.Evaluation.Statistics;

using Tma.Scoring.Classifiers;

namespace Tma.Research.Training;

/// <summary>
/// Trains a classifier package from a <see cref="TrainingSpec"/> and an anonymized dataset (docs/training.md):
/// reads the dataset twice (statistics, then features), cross-validates on seeded stratified folds, fits the final
/// model on every row, and returns the package's files with the figures. Deterministic: the same spec, data and seed
/// give byte-identical files.
/// </summary>
public static class ClassifierTrainer
{
    /// <summary>Rows of each outcome every fold needs at least (so that every fold's AUC means something).</summary>
    public const int MinimumRowsPerOutcomeAndFold = 5;

    /// <summary>Trains a classifier.</summary>
    /// <param name="spec">A checked spec from <see cref="TrainingSpecReader.ReadFile"/>.</param>
    /// <param name="dataPath">The dataset (CSV, docs/datasets.md); its outcome column is the spec's.</param>
    /// <param name="readOptions">Dataset options (skip bad rows, key column); the outcome column always comes from the spec.</param>
    /// <returns>The trained package in memory, or located diagnostics (dataset errors, constant outcome, too few rows per fold, missing feature columns).</returns>
    public static LoadResult<TrainedClassifier> Train(TrainingSpec spec, string dataPath, DatasetReadOptions? readOptions = null) =>
        Train(spec, dataPath, readOptions, validationResamples: 0);

    /// <summary>
    /// Trains a classifier and, with <paramref name="validationResamples"/> B &gt; 0, validates the whole training
    /// procedure by the optimism bootstrap (docs/training.md, "Internal validation"): B refits of the spec on bootstrap
    /// samples (feature statistics, trainer, calibration), each measured on its sample and on all rows.
    /// </summary>
    /// <param name="spec">A checked spec from <see cref="TrainingSpecReader.ReadFile"/>.</param>
    /// <param name="dataPath">The dataset (CSV, docs/datasets.md); its outcome column is the spec's.</param>
    /// <param name="readOptions">Dataset options (skip bad rows, key column); the outcome column always comes from the spec.</param>
    /// <param name="validationResamples">B: 0 (no validation) to <see cref="OptimismBootstrap.MaxResamples"/>; each resample is a full training, so B = 200 costs about 200 trainings.</param>
    /// <returns>The trained package in memory with <see cref="TrainedClassifier.Validation"/> when B &gt; 0, or located diagnostics.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validationResamples"/> is outside 0 … <see cref="OptimismBootstrap.MaxResamples"/>.</exception>
    public static LoadResult<TrainedClassifier> Train(TrainingSpec spec, string dataPath, DatasetReadOptions? readOptions, int validationResamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(validationResamples);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(validationResamples, OptimismBootstrap.MaxResamples);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(dataPath);
        var options = (readOptions ?? DatasetReadOptions.Default) with { OutcomeColumn = spec.Outcome };
        var draft = spec.Draft;
        var features = draft.Classifier!.Features;
        var bag = new DiagnosticBag();

        // Pass 1: statistics of every feature and the outcome.
        var encoder = new FeatureEncoder(draft);
        var statistics = features.Select(_ => new FeatureStatistics()).ToArray();
        int rows = 0, positives = 0;
        var first = DatasetReader.Open(dataPath, draft, options);
        if (first.Value is not { } reader)
        {
            return LoadResult<TrainedClassifier>.Failed(first.Diagnostics);
        }

        using (reader)
        {
            CheckColumns(reader.Header, features, dataPath, bag);
            if (bag.HasErrors)
            {
                return LoadResult<TrainedClassifier>.From(null, bag);
            }

            while (reader.MoveNext())
            {
                var row = reader.Current;
                rows++;
                positives += row.Outcome ? 1 : 0;
                for (var f = 0; f < features.Count; f++)
                {
                    if (FeatureEncoder.Value(features[f], row.Values, row.Relevance) is { } value)
                    {
                        statistics[f].Add(encoder.Raw(f, value));
                    }
                    else
                    {
                        statistics[f].AddUnknown();
                    }
                }
            }

            if (reader.Stopped)
            {
                bag.AddRange(reader.Errors);
                return LoadResult<TrainedClassifier>.From(null, bag);
            }
        }

        CheckOutcomes(rows, positives, spec, dataPath, bag);
        var completed = new FeatureDefinition[features.Count];
        for (var f = 0; f < features.Count; f++)
        {
            completed[f] = CompleteFeature(features[f], statistics[f], dataPath, bag);
        }

        if (bag.HasErrors)
        {
            return LoadResult<TrainedClassifier>.From(null, bag);
        }

        // Pass 2: the feature vectors.
        var model = draft with { Classifier = draft.Classifier with { Features = completed } };
        encoder = new FeatureEncoder(model);
        var data = new LabelledRow[rows];
        var raw = validationResamples > 0 ? new RawRow[rows] : null;
        var second = DatasetReader.Open(dataPath, model, options);
        using (var again = second.Value!)
        {
            var i = 0;
            while (again.MoveNext() && i < rows)
            {
                if (raw is not null)
                {
                    raw[i] = new RawRow(again.Current.Values.ToArray(), again.Current.Relevance.ToArray(), again.Current.Outcome);
                }

                data[i++] = new LabelledRow { Features = encoder.Encode(again.Current.Values, again.Current.Relevance), Label = again.Current.Outcome };
            }
        }

        var columns = encoder.Columns;
        var schema = MlNet.Schema<LabelledRow>(columns);
        var (foldAucs, outOfFold) = CrossValidate(spec, data, schema, columns.Count);
        var outcomes = data.Select(r => r.Label).ToArray();
        var evaluation = Evaluate(spec.Folds, foldAucs, outOfFold, outcomes);

        // The final model: every row, with the feature-contribution calculator saved in the chain.
        var all = new MLContext(spec.Seed).Data.LoadFromEnumerable(data, schema);
        var fitted = MlNetTraining.Fit(spec.Trainer, spec.Calibration, spec.Seed, all, columns.Count, withContributions: true);
        var bytes = MlNetTraining.Save(fitted.Chain, all.Schema, spec.Seed);
        var classifier = model.Classifier with
        {
            ModelFile = TrainedClassifier.ModelFileName,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            Trainer = spec.Trainer,
            Seed = spec.Seed,
            Calibration = spec.Calibration,
            TrainingData = new TrainingDataFingerprint(DatasetFingerprint.Compute(dataPath)["sha256:".Length..], rows, Math.Round((double)positives / rows, 6), spec.Outcome),
            Evaluation = evaluation,
        };
        var constant = ConstantColumns(data, columns);
        var validation = raw is null ? null : ClassifierBootstrapValidation.Run(spec, raw, validationResamples);
        var figures = new TrainingFigures(rows, positives, foldAucs, fitted.Weights?.Select(w => (double)w).ToArray(), fitted.Bias, fitted.PlattSlope, fitted.PlattOffset, constant) { Validation = validation };
        var trained = new TrainedClassifier(bytes, ClassifierPackageWriter.ModelYaml(spec, classifier), ClassifierPackageWriter.ModelCard(spec, model, classifier, figures, columns))
        {
            Classifier = classifier,
            FoldAucs = foldAucs,
            Rows = rows,
            Positives = positives,
            Weights = figures.Weights,
            Bias = fitted.Bias,
            PlattSlope = fitted.PlattSlope,
            PlattOffset = fitted.PlattOffset,
            ConstantColumns = constant,
            Validation = validation,
        };
        return LoadResult<TrainedClassifier>.From(trained, bag);
    }

    /// <summary>Seeded stratified folds: each outcome's rows are shuffled (Fisher–Yates, <c>new Random(seed)</c>) and dealt round-robin.</summary>
    internal static int[] AssignFolds(IReadOnlyList<bool> outcomes, int folds, int seed)
    {
        var random = new Random(seed);
        var fold = new int[outcomes.Count];
        foreach (var outcome in new[] { true, false })
        {
            var members = Enumerable.Range(0, outcomes.Count).Where(i => outcomes[i] == outcome).ToArray();
            for (var i = members.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (members[i], members[j]) = (members[j], members[i]);
            }

            for (var k = 0; k < members.Length; k++)
            {
                fold[members[k]] = k % folds;
            }
        }

        return fold;
    }

    private static (double[] FoldAucs, double[] OutOfFold) CrossValidate(TrainingSpec spec, LabelledRow[] data, SchemaDefinition schema, int columns)
    {
        var fold = AssignFolds([.. data.Select(r => r.Label)], spec.Folds, spec.Seed);
        var outOfFold = new double[data.Length];
        var aucs = new double[spec.Folds];
        for (var k = 0; k < spec.Folds; k++)
        {
            var train = new List<LabelledRow>();
            var test = new List<int>();
            for (var i = 0; i < data.Length; i++)
            {
                if (fold[i] == k)
                {
                    test.Add(i);
                }
                else
                {
                    train.Add(data[i]);
                }
            }

            var ml = new MLContext(spec.Seed);
            var fitted = MlNetTraining.Fit(spec.Trainer, spec.Calibration, spec.Seed, ml.Data.LoadFromEnumerable(train, schema), columns, withContributions: false);
            var held = ml.Data.LoadFromEnumerable(test.Select(i => data[i]), schema);
            var probabilities = fitted.Chain.Transform(held).GetColumn<float>("Probability").ToArray();
            var scores = new double[test.Count];
            var labels = new bool[test.Count];
            for (var t = 0; t < test.Count; t++)
            {
                outOfFold[test[t]] = probabilities[t];
                scores[t] = probabilities[t];
                labels[t] = data[test[t]].Label;
            }

            aucs[k] = Auc.PointEstimate(scores, labels);
        }

        return (aucs, outOfFold);
    }

    private static ClassifierEvaluation Evaluate(int folds, double[] foldAucs, double[] outOfFold, bool[] outcomes)
    {
        var mean = foldAucs.Average();
        var sd = Math.Sqrt(foldAucs.Sum(a => (a - mean) * (a - mean)) / (foldAucs.Length - 1));
        double? intercept = null, slope = null;
        try
        {
            var calibration = Calibration.Fit(outOfFold, outcomes);
            intercept = Math.Round(calibration.Intercept, 4);
            slope = Math.Round(calibration.Slope, 4);
        }
        catch (ArgumentException)
        {
            // Probabilities of exactly 0 or 1 (e.g. isotonic steps) have no logit: the Cox fit is not defined.
        }

        return new ClassifierEvaluation(
            folds,
            Math.Round(mean, 4),
            Math.Round(sd, 4),
            Math.Round(Auc.PointEstimate(outOfFold, outcomes), 4),
            Math.Round(BrierScore.Compute(outOfFold, outcomes), 4),
            intercept,
            slope);
    }

    private static void CheckColumns(DatasetHeader header, IReadOnlyList<FeatureDefinition> features, string dataPath, DiagnosticBag bag)
    {
        foreach (var feature in features)
        {
            if (!header.Columns.Contains(feature.Name, StringComparer.Ordinal))
            {
                bag.Error(TrainingDiagnosticCodes.FeatureColumn, new SourceLocation(dataPath, 1, 1), $"feature `{feature.Name}` of the spec has no column `{feature.Name}` in the dataset; add the column (empty cells mean unknown) or remove the feature");
            }
        }
    }

    private static void CheckOutcomes(int rows, int positives, TrainingSpec spec, string dataPath, DiagnosticBag bag)
    {
        var file = SourceLocation.WholeFile(dataPath);
        var invariant = CultureInfo.InvariantCulture;
        if (rows == 0)
        {
            bag.Error(TrainingDiagnosticCodes.ConstantOutcome, file, "the dataset has no rows to train on");
            return;
        }

        if (positives == 0 || positives == rows)
        {
            bag.Error(TrainingDiagnosticCodes.ConstantOutcome, file, string.Create(invariant, $"every row has outcome {(positives == 0 ? 0 : 1)} in column `{spec.Outcome}`; a classifier needs rows of both outcomes"));
            return;
        }

        var needed = spec.Folds * MinimumRowsPerOutcomeAndFold;
        foreach (var (outcome, count) in new[] { (1, positives), (0, rows - positives) })
        {
            if (count < needed)
            {
                bag.Error(TrainingDiagnosticCodes.TooFewRows, file, string.Create(invariant, $"{spec.Folds} folds need at least {needed} rows with outcome {outcome} ({MinimumRowsPerOutcomeAndFold} per fold); the dataset has {count}. Use fewer folds or more data"));
            }
        }
    }

    private static FeatureDefinition CompleteFeature(FeatureDefinition feature, FeatureStatistics statistics, string dataPath, DiagnosticBag bag)
    {
        var file = SourceLocation.WholeFile(dataPath);
        var needsValues = feature.Standardize || feature.Missing is MissingValueStrategy.Mean || (feature.Missing is MissingValueStrategy.Mode && feature.Fill is null);
        if (needsValues && statistics.Known == 0)
        {
            bag.Error(TrainingDiagnosticCodes.FeatureStatistics, file, $"feature `{feature.Name}` has no known value in the dataset, so its {(feature.Standardize ? "standardisation" : "fill value")} cannot be computed");
            return feature;
        }

        if (feature.Standardize && !(statistics.StandardDeviation > 0))
        {
            bag.Error(TrainingDiagnosticCodes.FeatureStatistics, file, $"feature `{feature.Name}` is constant in the dataset (standard deviation 0), so it cannot be standardised; remove `standardize` or the feature");
            return feature;
        }

        return statistics.Complete(feature);
    }

    private static List<string> ConstantColumns(LabelledRow[] data, IReadOnlyList<string> columns)
    {
        var result = new List<string>();
        for (var c = 0; c < columns.Count; c++)
        {
            var first = data[0].Features[c];
            if (data.All(r => r.Features[c] == first))
            {
                result.Add(columns[c]);
            }
        }

        return result;
    }
}

/// <summary>What the model card reports besides the package's own sections.</summary>
internal sealed record TrainingFigures(int Rows, int Positives, IReadOnlyList<double> FoldAucs, double[]? Weights, double? Bias, double? PlattSlope, double? PlattOffset, IReadOnlyList<string> ConstantColumns)
{
    /// <summary>The optimism bootstrap of the training procedure, when asked for.</summary>
    public OptimismValidation? Validation { get; init; }
}
