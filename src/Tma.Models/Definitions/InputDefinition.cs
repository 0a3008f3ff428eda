using Tma.Models.Diagnostics;

namespace Tma.Models.Definitions;

/// <summary>One declared input of a model: what is observed about a case and on which scale.</summary>
public sealed record InputDefinition
{
    /// <summary>Identifier used in cases, datasets and conditions.</summary>
    public required string Id { get; init; }

    /// <summary>Short, paraphrased label.</summary>
    public required string Label { get; init; }

    /// <summary>The measurement scale.</summary>
    public required InputType Type { get; init; }

    /// <summary>Item group (e.g. <c>proximal</c>), usable as <c>@group</c> in counting helpers.</summary>
    public string? Group { get; init; }

    /// <summary>Longer description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>Levels (ordered scales) or categories (categorical); empty for numeric inputs.</summary>
    public IReadOnlyList<ScaleLevel> Levels { get; init; } = [];

    /// <summary>Relevance levels for presence inputs coded on two axes; empty otherwise.</summary>
    public IReadOnlyList<ScaleLevel> RelevanceLevels { get; init; } = [];

    /// <summary>Smallest allowed value of a numeric input.</summary>
    public double? Minimum { get; init; }

    /// <summary>Largest allowed value of a numeric input.</summary>
    public double? Maximum { get; init; }

    /// <summary>Unit of a numeric input (e.g. <c>years</c>).</summary>
    public string? Unit { get; init; }

    /// <summary>Whether an omitted value counts against the model's missing-data policy (default true).</summary>
    public bool Required { get; init; } = true;

    /// <summary>
    /// A key item: while it is unknown, stale or contradicted, the assessment draws no conclusion below what the known
    /// facts already establish (<c>must_know: true</c>; default false).
    /// </summary>
    public bool MustKnow { get; init; }

    /// <summary>
    /// How long an observation of the input stays current (<c>valid_for: P90D</c>); an older observation becomes
    /// history that temporal helpers still reach, and the input is unknown until it is observed again. Null (the
    /// default): observations do not age.
    /// </summary>
    public IsoPeriod? ValidFor { get; init; }

    /// <summary>The special category of personal data the input records (GDPR Art. 9/10), or null.</summary>
    public SpecialCategory? Sensitive { get; init; }

    /// <summary>A protective factor: higher levels lower the concern (<c>protective: true</c>; default false).</summary>
    public bool Protective { get; init; }

    /// <summary>Coding guidance: what counts as each level, with an example; null when the model gives none.</summary>
    public InputGuidance? Guidance { get; init; }

    /// <summary>Where the input is declared.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>True for scales whose levels are ordered (everything but numeric and categorical).</summary>
    public bool IsOrdered => Type is InputType.Binary or InputType.Ordinal or InputType.Frequency or InputType.Presence;

    /// <summary>True when the input has named levels or categories.</summary>
    public bool HasLevels => Type != InputType.Numeric;

    /// <summary>True when the input is coded on the relevance axis as well.</summary>
    public bool HasRelevance => RelevanceLevels.Count > 0;

    /// <summary>Position of a level by id, or -1.</summary>
    public int LevelIndex(string levelId)
    {
        for (var i = 0; i < Levels.Count; i++)
        {
            if (string.Equals(Levels[i].Id, levelId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Position of a relevance level by id, or -1.</summary>
    public int RelevanceIndex(string levelId)
    {
        for (var i = 0; i < RelevanceLevels.Count; i++)
        {
            if (string.Equals(RelevanceLevels[i].Id, levelId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A resolved value as the user writes it: the level id (of the relevance scale when <paramref name="relevance"/>), the number, or <c>unknown</c>.</summary>
    /// <param name="value">A level position or number; null when unknown.</param>
    /// <param name="relevance">Whether the value is on the relevance axis.</param>
    /// <returns>The text shown in explanations, reports and exports.</returns>
    public string Describe(double? value, bool relevance = false) => value switch
    {
        null => "unknown",
        { } v when Type == InputType.Numeric => v.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture),
        { } v => (relevance ? RelevanceLevels : Levels)[(int)v].Id,
    };
}
