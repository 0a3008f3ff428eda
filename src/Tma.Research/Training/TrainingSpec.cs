using Tma.Models.Definitions;
using YamlDotNet.RepresentationModel;


namespace Tma.Research.Training;

/// <summary>
/// A checked <c>tma train</c> spec (docs/training.md): the classifier package to be (its model part, read like
/// <c>model.yaml</c>) and how to train it. Create with <see cref="TrainingSpecReader.ReadFile"/>. Immutable.
/// </summary>
public sealed class TrainingSpec
{
    internal TrainingSpec(string file, ModelDefinition draft, YamlMappingNode draftNode)
    {
        File = file;
        Draft = draft;
        DraftNode = draftNode;
    }

    /// <summary>The spec file as named by the user.</summary>
    public string File { get; }

    /// <summary>
    /// The package's definition as far as the spec declares it: inputs, features (statistics not yet computed),
    /// levels, probability bands, missing-data policy, actions. Its classifier section holds placeholders.
    /// </summary>
    public ModelDefinition Draft { get; }

    /// <summary>The base package whose inputs the classifier uses (<c>id version</c>), or null for inline inputs.</summary>
    public string? BaseModel { get; init; }

    /// <summary>The base package's content hash, or null.</summary>
    public string? BaseModelHash { get; init; }

    /// <summary>Name of the outcome column (default <c>outcome</c>).</summary>
    public string Outcome { get; init; } = "outcome";

    /// <summary>The trainer and its settings.</summary>
    public required TrainerSettings Trainer { get; init; }

    /// <summary>Calibration (default <see cref="CalibrationMethod.Platt"/>).</summary>
    public CalibrationMethod Calibration { get; init; } = CalibrationMethod.Platt;

    /// <summary>Number of cross-validation folds (default 5).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Seed of the ML.NET context and of the fold assignment.</summary>
    public required int Seed { get; init; }

    /// <summary>A notice put at the top of the model card (e.g. that the model is a demonstration on synthetic data).</summary>
    public string? Notice { get; init; }

    /// <summary>
    /// Hand-written Markdown appended to the generated model card (<c>training.card</c>, a file beside the spec): the
    /// sources, structural decisions and examples that the trainer cannot know. Null when the spec names none.
    /// </summary>
    public string? CardAppendix { get; init; }

    /// <summary>The spec's model nodes (without <c>training</c>), which the package's <c>model.yaml</c> is written from.</summary>
    internal YamlMappingNode DraftNode { get; }
}
