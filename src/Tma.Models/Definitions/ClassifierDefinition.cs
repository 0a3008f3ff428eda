using Tma.Models.Diagnostics;

namespace Tma.Models.Definitions;

/// <summary>
/// The classifier section of a <c>kind: classifier</c> package: how inputs become the feature vector, the ML.NET model
/// file with its SHA-256, how it was trained and evaluated, and the probability bands that map the calibrated
/// probability to an output level.
/// </summary>
public sealed record ClassifierDefinition
{
    /// <summary>The features, in the order their columns appear in the feature vector.</summary>
    public required IReadOnlyList<FeatureDefinition> Features { get; init; }

    /// <summary>Path of the ML.NET model file (zip), relative to the package folder, with forward slashes. Empty in a training spec.</summary>
    public required string ModelFile { get; init; }

    /// <summary>Lower-case hex SHA-256 of the model file's bytes. Empty in a training spec.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The trainer and its settings.</summary>
    public required TrainerSettings Trainer { get; init; }

    /// <summary>The seed the model was trained with (ML.NET context, fold assignment).</summary>
    public required int Seed { get; init; }

    /// <summary>How the raw score became a probability.</summary>
    public required CalibrationMethod Calibration { get; init; }

    /// <summary>The dataset the model was trained on; null in a training spec.</summary>
    public TrainingDataFingerprint? TrainingData { get; init; }

    /// <summary>The cross-validated figures from training; null in a training spec.</summary>
    public ClassifierEvaluation? Evaluation { get; init; }

    /// <summary>Probability bands <c>[from, to)</c> → output levels, covering [0, 1] without gaps.</summary>
    public required IReadOnlyList<Band> Bands { get; init; }

    /// <summary>How many features with a positive contribution an assessment lists as reason codes (default 5).</summary>
    public int MaxReasonCodes { get; init; } = 5;

    /// <summary>The names of the feature vector's columns, in order (see <see cref="FeatureDefinition.Columns"/>).</summary>
    public IReadOnlyList<string> FeatureColumns => [.. Features.SelectMany(f => f.Columns)];
}

/// <summary>How a feature turns an input's value into numbers.</summary>
public enum FeatureEncoding
{
    /// <summary>An ordered scale's level score (e.g. presence 0/1/2, frequency 1–5). The default for ordered scales.</summary>
    Score,

    /// <summary>An ordered scale's 0-based level position.</summary>
    Position,

    /// <summary>A numeric input's number. The default (and only choice) for numeric inputs.</summary>
    Number,

    /// <summary>A categorical input as one 0/1 column per category. The default (and only choice) for categorical inputs.</summary>
    OneHot,
}

/// <summary>What a feature does with an unknown value.</summary>
public enum MissingValueStrategy
{
    /// <summary>An extra 0/1 column <c>&lt;input&gt;:missing</c>; the value column(s) get <see cref="FeatureDefinition.Fill"/> (default: the training mean when standardised, else 0; one-hot columns all 0). The default.</summary>
    Indicator,

    /// <summary>The training data's mean of the encoded value, recorded as <see cref="FeatureDefinition.Fill"/>.</summary>
    Mean,

    /// <summary>The training data's most frequent value (lowest on ties), recorded as the fill.</summary>
    Mode,

    /// <summary>A declared constant.</summary>
    Constant,
}

/// <summary>One feature: an input (or its relevance axis), its encoding and its missing-value handling.</summary>
public sealed record FeatureDefinition
{
    /// <summary>The input id.</summary>
    public required string Input { get; init; }

    /// <summary>True when the feature is the input's relevance axis (written <c>&lt;input&gt;.relevance</c>).</summary>
    public bool Relevance { get; init; }

    /// <summary>The input's position in the model's inputs.</summary>
    public required int InputIndex { get; init; }

    /// <summary>The encoding.</summary>
    public required FeatureEncoding Encoding { get; init; }

    /// <summary>The unknown-value strategy (default <see cref="MissingValueStrategy.Indicator"/>).</summary>
    public MissingValueStrategy Missing { get; init; } = MissingValueStrategy.Indicator;

    /// <summary>
    /// The value used for an unknown input, in encoded units before standardisation; for one-hot features the
    /// position of the filled category (<see cref="FillLevel"/>). Null under <see cref="MissingValueStrategy.Indicator"/>
    /// without a fill (0, or no category) and in a training spec where training computes it.
    /// </summary>
    public double? Fill { get; init; }

    /// <summary>For one-hot features: the category id that <see cref="Fill"/> stands for.</summary>
    public string? FillLevel { get; init; }

    /// <summary>True when the value is standardised as (x − mean) / sd.</summary>
    public bool Standardize { get; init; }

    /// <summary>The training mean used for standardisation (null in a training spec).</summary>
    public double? Mean { get; init; }

    /// <summary>The training standard deviation used for standardisation (null in a training spec).</summary>
    public double? StandardDeviation { get; init; }

    /// <summary>The category ids of a one-hot feature, in the input's order; empty otherwise.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Where the feature is declared.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>The feature's name: the input id, with <c>.relevance</c> for the relevance axis.</summary>
    public string Name => Relevance ? Input + ".relevance" : Input;

    /// <summary>
    /// The feature-vector columns this feature produces: <c>&lt;name&gt;</c>, or <c>&lt;name&gt;=&lt;category&gt;</c> per
    /// category for one-hot, followed by <c>&lt;name&gt;:missing</c> under <see cref="MissingValueStrategy.Indicator"/>.
    /// </summary>
    public IReadOnlyList<string> Columns
    {
        get
        {
            var columns = Encoding == FeatureEncoding.OneHot ? Categories.Select(c => Name + "=" + c).ToList() : [Name];
            if (Missing == MissingValueStrategy.Indicator)
            {
                columns.Add(Name + ":missing");
            }

            return columns;
        }
    }
}

/// <summary>How a classifier's raw score became a probability.</summary>
public enum CalibrationMethod
{
    /// <summary>Platt scaling: a logistic function of the score fitted on the training data.</summary>
    Platt,

    /// <summary>Isotonic regression (pool-adjacent-violators) of the outcome on the score, fitted on the training data.</summary>
    Isotonic,

    /// <summary>The trainer's own probability output.</summary>
    None,
}

/// <summary>A trainer and its settings as written in <c>model.yaml</c> (see <see cref="TrainerNames"/>).</summary>
/// <param name="Name">Trainer name, e.g. <c>lbfgs-logistic-regression</c>.</param>
/// <param name="Settings">Setting name → value, in the order written; settings not given take the trainer's defaults.</param>
public sealed record TrainerSettings(string Name, IReadOnlyList<KeyValuePair<string, double>> Settings)
{
    /// <summary>A setting's value, or <paramref name="fallback"/> when it is not given.</summary>
    public double Get(string name, double fallback)
    {
        foreach (var (key, value) in Settings)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return fallback;
    }
}

/// <summary>The identity of the training data.</summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the dataset file's bytes.</param>
/// <param name="Rows">Rows used.</param>
/// <param name="BaseRate">Share of rows with outcome 1.</param>
/// <param name="Outcome">Name of the outcome column.</param>
public sealed record TrainingDataFingerprint(string Sha256, int Rows, double BaseRate, string Outcome);

/// <summary>Cross-validated figures from training (out-of-fold predictions, seeded stratified folds).</summary>
/// <param name="Folds">Number of folds.</param>
/// <param name="AucMean">Mean of the per-fold AUCs.</param>
/// <param name="AucSd">Sample standard deviation of the per-fold AUCs.</param>
/// <param name="AucPooled">AUC of all out-of-fold probabilities together.</param>
/// <param name="Brier">Brier score of the out-of-fold probabilities.</param>
/// <param name="CalibrationIntercept">Calibration intercept (Cox) of the out-of-fold probabilities, when it could be fitted.</param>
/// <param name="CalibrationSlope">Calibration slope (Cox) of the out-of-fold probabilities, when it could be fitted.</param>
public sealed record ClassifierEvaluation(int Folds, double AucMean, double AucSd, double AucPooled, double Brier, double? CalibrationIntercept, double? CalibrationSlope);
