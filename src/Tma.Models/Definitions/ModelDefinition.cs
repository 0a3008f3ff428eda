using Semver;
using Tma.Models.Diagnostics;

namespace Tma.Models.Definitions;

/// <summary>
/// A validated, immutable model definition read from <c>model.yaml</c>. Instances only come out of the loader
/// when every check passed, so consumers never see a half-valid model.
/// </summary>
public sealed record ModelDefinition
{
    /// <summary>Package id (lower case, digits and hyphens).</summary>
    public required string Id { get; init; }

    /// <summary>Semantic version.</summary>
    public required SemVersion Version { get; init; }

    /// <summary>Title.</summary>
    public required string Title { get; init; }

    /// <summary>Kind of model.</summary>
    public required ModelKind Kind { get; init; }

    /// <summary>
    /// The engine versions the package works with (<c>engine:</c> in <c>model.yaml</c>, an npm-style range such as
    /// <c>&gt;=0.1 &lt;1.0</c>; pre-release engine versions count as inside the range). Null (the default) means any
    /// engine version.
    /// </summary>
    public SemVersionRange? EngineRange { get; init; }

    /// <summary>The engine range exactly as written in <c>model.yaml</c> (recorded in package manifests); null when absent.</summary>
    public string? EngineRangeText { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>Authors.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>Licence note (who may use the encoded instrument and how).</summary>
    public string? Licence { get; init; }

    /// <summary>Citations of the research the model rests on.</summary>
    public IReadOnlyList<Reference> References { get; init; } = [];

    /// <summary>Declared inputs, in order.</summary>
    public IReadOnlyList<InputDefinition> Inputs { get; init; } = [];

    /// <summary>Ordered output levels, lowest first.</summary>
    public IReadOnlyList<OutputLevel> Levels { get; init; } = [];

    /// <summary>Indicators (rules kind).</summary>
    public IReadOnlyList<IndicatorDefinition> Indicators { get; init; } = [];

    /// <summary>Scoring (rules kind).</summary>
    public ScoringDefinition? Scoring { get; init; }

    /// <summary>Features, model file, training record and probability bands (classifier kind); null for other kinds.</summary>
    public ClassifierDefinition? Classifier { get; init; }

    /// <summary>Components and their combination (composite kind); null for other kinds.</summary>
    public CompositeDefinition? Composite { get; init; }

    /// <summary>How observations from several sources are weighed (<c>evidence:</c>).</summary>
    public EvidencePolicy Evidence { get; init; } = EvidencePolicy.Default;

    /// <summary>The assessor's structured-professional-judgement fields (<c>judgement:</c>), or null when the model has none.</summary>
    public JudgementDefinition? Judgement { get; init; }

    /// <summary>The languages the model's texts exist in (ISO 639-1), the primary language first; default <c>en</c>.</summary>
    public IReadOnlyList<string> Languages => Texts.Languages;

    /// <summary>The language this definition's texts are in: the primary language, or the one chosen with <see cref="InLanguage"/>.</summary>
    public string Language { get; init; } = Text.LanguageCodes.English;

    /// <summary>Every text of the model in every declared language.</summary>
    public Text.ModelTexts Texts { get; init; } = Text.ModelTexts.EnglishOnly;

    /// <summary>
    /// The same definition with every text (labels, descriptions, reasons, action steps, coding guidance, judgement
    /// fields) in <paramref name="language"/>. What the model computes is unchanged, and so is its content hash.
    /// </summary>
    /// <param name="language">One of <see cref="Languages"/>.</param>
    /// <exception cref="ArgumentException">The model has no texts in <paramref name="language"/>.</exception>
    public ModelDefinition InLanguage(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        if (language == Language)
        {
            return this;
        }

        if (!Languages.Contains(language))
        {
            throw new ArgumentException($"Model {Id} has no texts in `{language}`; its languages are {string.Join(", ", Languages)}.", nameof(language));
        }

        return ModelLocalizer.Project(this, language);
    }

    /// <summary>Missing-data policy.</summary>
    public MissingDataPolicy MissingData { get; init; } = MissingDataPolicy.Default;

    /// <summary>Action catalogue.</summary>
    public IReadOnlyList<ActionDefinition> Actions { get; init; } = [];

    /// <summary>The file the definition was read from.</summary>
    public required string SourceFile { get; init; }

    /// <summary>Position of an output level, or -1.</summary>
    public int LevelIndex(string levelId)
    {
        for (var i = 0; i < Levels.Count; i++)
        {
            if (Levels[i].Id == levelId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Index of an input by id, or -1.</summary>
    public int InputIndex(string inputId)
    {
        for (var i = 0; i < Inputs.Count; i++)
        {
            if (Inputs[i].Id == inputId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Location of the model file as a whole.</summary>
    public SourceLocation Location => SourceLocation.WholeFile(SourceFile);
}
