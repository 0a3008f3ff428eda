using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Tma.Models.Definitions;

using Tma.Scoring.Classifiers;

namespace Tma.Research.Training;

/// <summary>A raw score, to read a fitted calibrator's curve.</summary>
internal sealed class ScoreProbe
{
    public float Score { get; set; }
}

/// <summary>A fitted chain: predictor, optional calibrator, optional feature contributions; with the linear weights when the trainer is linear.</summary>
internal sealed record FittedModel(TransformerChain<ITransformer> Chain, float[]? Weights, float? Bias, double? PlattSlope, double? PlattOffset);

/// <summary>The ML.NET training side of classifiers: trainers, calibration, and byte-reproducible model files.</summary>
internal static class MlNetTraining
{
    /// <summary>A fixed timestamp for every entry of a written model file, so that equal models give equal bytes.</summary>
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Fits the trainer (and calibrator, and optionally the feature-contribution calculator) on <paramref name="data"/> with a fresh, seeded context.</summary>
    public static FittedModel Fit(TrainerSettings trainer, CalibrationMethod calibration, int seed, IDataView data, int columns, bool withContributions)
    {
        var ml = new MLContext(seed);
        var binary = ml.BinaryClassification.Trainers;
        int? Int(string name) => trainer.Settings.Any(s => s.Key == name) ? (int)trainer.Get(name, 0) : null;
        float? Float(string name) => trainer.Settings.Any(s => s.Key == name) ? (float)trainer.Get(name, 0) : null;
        return trainer.Name switch
        {
            TrainerNames.LbfgsLogisticRegression => Fit(ml, data, binary.LbfgsLogisticRegression(Lbfgs(Float, Int)), calibration, columns, withContributions),
            TrainerNames.SdcaLogisticRegression => Fit(ml, data, binary.SdcaLogisticRegression(Sdca(Float, Int)), calibration, columns, withContributions),
            TrainerNames.FastTree => Fit(ml, data, binary.FastTree(FastTree(Float, Int, seed)), calibration, columns, withContributions),
            TrainerNames.LightGbm => Fit(ml, data, binary.LightGbm(LightGbm(Float, Int, seed)), calibration, columns, withContributions),
            _ => throw new NotSupportedException($"Trainer {trainer.Name} is not supported."),
        };
    }

    /// <summary>Saves a chain with the input schema into bytes that depend only on the model (fixed entry times and order).</summary>
    public static byte[] Save(ITransformer chain, DataViewSchema inputSchema, int seed)
    {
        var ml = new MLContext(seed);
        using var raw = new MemoryStream();
        ml.Model.Save(chain, inputSchema, raw);
        raw.Position = 0;
        using var output = new MemoryStream();
        using (var source = new ZipArchive(raw, ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = EntryTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }

    private static FittedModel Fit<TModel>(
        MLContext ml,
        IDataView data,
        IEstimator<BinaryPredictionTransformer<CalibratedModelParametersBase<TModel, PlattCalibrator>>> estimator,
        CalibrationMethod calibration,
        int columns,
        bool withContributions)
        where TModel : class, ICalculateFeatureContribution
    {
        var prediction = estimator.Fit(data);
        var parts = new List<ITransformer> { prediction };
        double? slope = null;
        double? offset = null;
        if (calibration != CalibrationMethod.None)
        {
            var scored = prediction.Transform(data);
            if (calibration == CalibrationMethod.Platt)
            {
                var platt = ml.BinaryClassification.Calibrators.Platt(MlNet.LabelColumn).Fit(scored);
                (slope, offset) = PlattLine(ml, platt);
                parts.Add(platt);
            }
            else
            {
                parts.Add(ml.BinaryClassification.Calibrators.Isotonic(MlNet.LabelColumn).Fit(scored));
            }
        }

        if (withContributions)
        {
            parts.Add(ml.Transforms.CalculateFeatureContribution(prediction, columns, columns, normalize: false).Fit(data));
        }

        var linear = prediction.Model.SubModel as LinearBinaryModelParameters;
        return new FittedModel(new TransformerChain<ITransformer>([.. parts]), linear?.Weights.ToArray(), linear?.Bias, slope, offset);
    }

    /// <summary>The fitted Platt calibrator as p = σ(A·score + B), read off the calibrated probabilities at scores 0 and 1.</summary>
    private static (double A, double B) PlattLine(MLContext ml, ITransformer platt)
    {
        var probe = ml.Data.LoadFromEnumerable<ScoreProbe>([new() { Score = 0 }, new() { Score = 1 }]);
        var p = platt.Transform(probe).GetColumn<float>("Probability").Select(v => (double)v).ToArray();
        static double Logit(double q) => Math.Log(q / (1 - q));
        return (Logit(p[1]) - Logit(p[0]), Logit(p[0]));
    }

    private static LbfgsLogisticRegressionBinaryTrainer.Options Lbfgs(Func<string, float?> number, Func<string, int?> whole)
    {
        var options = new LbfgsLogisticRegressionBinaryTrainer.Options { LabelColumnName = MlNet.LabelColumn, FeatureColumnName = MlNet.FeaturesColumn, NumberOfThreads = 1 };
        options.L1Regularization = number("l1") ?? options.L1Regularization;
        options.L2Regularization = number("l2") ?? options.L2Regularization;
        options.OptimizationTolerance = number("optimization_tolerance") ?? options.OptimizationTolerance;
        options.HistorySize = whole("history_size") ?? options.HistorySize;
        options.MaximumNumberOfIterations = whole("max_iterations") ?? options.MaximumNumberOfIterations;
        return options;
    }

    private static SdcaLogisticRegressionBinaryTrainer.Options Sdca(Func<string, float?> number, Func<string, int?> whole) => new()
    {
        LabelColumnName = MlNet.LabelColumn,
        FeatureColumnName = MlNet.FeaturesColumn,
        NumberOfThreads = 1,
        L1Regularization = number("l1"),
        L2Regularization = number("l2"),
        MaximumNumberOfIterations = whole("max_iterations"),
        ConvergenceTolerance = number("convergence_tolerance") ?? 0.1f,
    };

    private static FastTreeBinaryTrainer.Options FastTree(Func<string, float?> number, Func<string, int?> whole, int seed)
    {
        var options = new FastTreeBinaryTrainer.Options { LabelColumnName = MlNet.LabelColumn, FeatureColumnName = MlNet.FeaturesColumn, NumberOfThreads = 1, Seed = seed };
        options.NumberOfTrees = whole("trees") ?? options.NumberOfTrees;
        options.NumberOfLeaves = whole("leaves") ?? options.NumberOfLeaves;
        options.MinimumExampleCountPerLeaf = whole("min_examples_per_leaf") ?? options.MinimumExampleCountPerLeaf;
        options.LearningRate = number("learning_rate") ?? options.LearningRate;
        return options;
    }

    private static LightGbmBinaryTrainer.Options LightGbm(Func<string, float?> number, Func<string, int?> whole, int seed)
    {
        var options = new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = MlNet.LabelColumn,
            FeatureColumnName = MlNet.FeaturesColumn,
            NumberOfThreads = 1,
            Seed = seed,
            Deterministic = true,
            ForceRowWise = true,
            Silent = true,
        };
        options.NumberOfIterations = whole("iterations") ?? options.NumberOfIterations;
        options.NumberOfLeaves = whole("leaves") ?? options.NumberOfLeaves;
        options.MinimumExampleCountPerLeaf = whole("min_examples_per_leaf") ?? options.MinimumExampleCountPerLeaf;
        options.LearningRate = number("learning_rate") ?? options.LearningRate;
        return options;
    }
}
