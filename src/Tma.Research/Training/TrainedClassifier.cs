using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Packaging;

using Tma.Scoring.Classifiers;

namespace Tma.Research.Training;

/// <summary>
/// A classifier trained by <see cref="ClassifierTrainer"/>: the package's files in memory (model file, <c>model.yaml</c>,
/// model card) and the training figures. Write it with <see cref="WritePackage"/>.
/// </summary>
public sealed class TrainedClassifier
{
    internal TrainedClassifier(byte[] modelFile, string modelYaml, string modelCard)
    {
        _modelFile = modelFile;
        ModelYaml = modelYaml;
        ModelCard = modelCard;
    }

    private readonly byte[] _modelFile;

    /// <summary>Name of the model file inside the package.</summary>
    public const string ModelFileName = "model.zip";

    /// <summary>Name of the model card inside the package.</summary>
    public const string ModelCardName = "MODEL_CARD.md";

    /// <summary>The ML.NET model file's bytes (byte-identical for the same spec, data and seed).</summary>
    public ReadOnlyMemory<byte> ModelFile => _modelFile;

    /// <summary>The package's <c>model.yaml</c>.</summary>
    public string ModelYaml { get; }

    /// <summary>The package's <c>MODEL_CARD.md</c>.</summary>
    public string ModelCard { get; }

    /// <summary>The package's classifier section: features with their training statistics, trainer, fingerprint, figures, bands.</summary>
    public required ClassifierDefinition Classifier { get; init; }

    /// <summary>The AUC of each fold's out-of-fold predictions, in fold order.</summary>
    public required IReadOnlyList<double> FoldAucs { get; init; }

    /// <summary>Rows trained on.</summary>
    public required int Rows { get; init; }

    /// <summary>Rows with outcome 1.</summary>
    public required int Positives { get; init; }

    /// <summary>Weight per feature column (linear trainers), in column order; null for tree trainers.</summary>
    public IReadOnlyList<double>? Weights { get; init; }

    /// <summary>The intercept (linear trainers); null for tree trainers.</summary>
    public double? Bias { get; init; }

    /// <summary>Platt calibration as p = σ(A·score + B): A; null without Platt calibration.</summary>
    public double? PlattSlope { get; init; }

    /// <summary>Platt calibration as p = σ(A·score + B): B; null without Platt calibration.</summary>
    public double? PlattOffset { get; init; }

    /// <summary>
    /// The optimism bootstrap of the whole training procedure (<c>tma train --validate-bootstrap B</c>): apparent,
    /// training, test, optimism and corrected AUC, Dxy, calibration intercept and slope and Brier score; null when not asked for.
    /// </summary>
    public Tma.Research.Evaluation.Statistics.OptimismValidation? Validation { get; init; }

    /// <summary>Feature columns that were constant in the training data (they carry no information).</summary>
    public IReadOnlyList<string> ConstantColumns { get; init; } = [];

    /// <summary>
    /// Writes the package's three files (<c>model.yaml</c>, the model file, <c>MODEL_CARD.md</c>) into
    /// <paramref name="directory"/>, leaving other files there (e.g. <c>examples/</c>) alone. The files are first
    /// written to a staging folder and loaded and compiled from there; only a package that loads and compiles without
    /// errors replaces the files in <paramref name="directory"/>, so a failed run leaves nothing half-written.
    /// </summary>
    /// <param name="directory">The package folder (created when missing).</param>
    /// <param name="overwrite">Whether an existing <c>model.yaml</c> there may be replaced (default false).</param>
    /// <returns>The loaded package, or the diagnostics that stopped it.</returns>
    /// <exception cref="IOException">A file cannot be written.</exception>
    public LoadResult<ModelPackage> WritePackage(string directory, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var target = Path.GetFullPath(directory);
        if (!overwrite && File.Exists(Path.Combine(target, ModelPackage.ModelFileName)))
        {
            var bag = new DiagnosticBag();
            bag.Error(DiagnosticCodes.InvalidValue, SourceLocation.WholeFile(Path.Combine(directory, ModelPackage.ModelFileName)), "the package folder already has a model.yaml; pass --force to replace it");
            return LoadResult<ModelPackage>.From(null, bag);
        }

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, "." + Path.GetFileName(target) + ".staging");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        try
        {
            File.WriteAllBytes(Path.Combine(staging, ModelFileName), _modelFile);
            File.WriteAllText(Path.Combine(staging, ModelPackage.ModelFileName), ModelYaml);
            File.WriteAllText(Path.Combine(staging, ModelCardName), ModelCard);
            var staged = ModelPackage.Load(staging);
            if (staged.Value is null)
            {
                return staged;
            }

            // Compiling loads the model file and checks its schema against the declared features.
            try
            {
                _ = RiskModelCompiler.Compile(staged.Value, options: RiskModelOptions.Default.WithClassifiers());
            }
            catch (ModelLoadException ex)
            {
                return LoadResult<ModelPackage>.Failed(ex.Diagnostics);
            }

            Directory.CreateDirectory(target);
            foreach (var name in new[] { ModelFileName, ModelCardName, ModelPackage.ModelFileName })
            {
                File.Move(Path.Combine(staging, name), Path.Combine(target, name), overwrite: true);
            }

            return ModelPackage.Load(target);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }
}
