using Tma.Models.Diagnostics;

namespace Tma.Models.Definitions;

/// <summary>The kind of a summary-judgement field.</summary>
public enum JudgementFieldType
{
    /// <summary>A rating on named, ordered levels (e.g. low / moderate / high concern).</summary>
    Rating,

    /// <summary>Free text (e.g. the case formulation or the risk scenarios).</summary>
    Text,
}

/// <summary>One field of the assessor's structured professional judgement.</summary>
public sealed record JudgementField
{
    /// <summary>Identifier (a-z, 0-9, _).</summary>
    public required string Id { get; init; }

    /// <summary>Label.</summary>
    public required string Label { get; init; }

    /// <summary>What the assessor should consider when filling it in.</summary>
    public string? Description { get; init; }

    /// <summary>Rating or free text.</summary>
    public required JudgementFieldType Type { get; init; }

    /// <summary>The rating levels, lowest first; empty for text fields.</summary>
    public IReadOnlyList<ScaleLevel> Levels { get; init; } = [];

    /// <summary>
    /// For the summary field: the rating each model level supports (model level id → rating level id), so that the
    /// model's output can be shown as support for the judgement and agreement be measured; null for other fields.
    /// </summary>
    public IReadOnlyDictionary<string, string>? FromModel { get; init; }

    /// <summary>Whether a recorded judgement must fill the field (default true for ratings, false for text).</summary>
    public bool Required { get; init; }

    /// <summary>Position of a rating level, or -1.</summary>
    public int LevelIndex(string level)
    {
        for (var i = 0; i < Levels.Count; i++)
        {
            if (Levels[i].Id == level)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>
/// The structured-professional-judgement layer of a model (<c>judgement:</c>): the summary rating and other fields the
/// assessor fills in (as in WAVR-21, HCR-20 V3, VERA-2R and TRAP-18, whose result is a professional's rating, not a
/// sum). The model's own level is shown as support for the summary rating, never as the rating itself.
/// </summary>
/// <param name="Summary">Id of the field that carries the summary rating.</param>
/// <param name="Fields">The fields, in the order an assessor fills them in.</param>
public sealed record JudgementDefinition(string Summary, IReadOnlyList<JudgementField> Fields)
{
    /// <summary>The summary field.</summary>
    public JudgementField SummaryField => Fields.First(f => f.Id == Summary);

    /// <summary>
    /// Checks an assessor's recorded judgement against the fields: every field id declared, every rating one of the
    /// field's level ids, every required field filled. A typo must be refused when it is written, not discovered
    /// later as disagreement between raters.
    /// </summary>
    /// <param name="values">Field id → rating id or text.</param>
    /// <returns>One problem per fault, each starting with <c>judgement.&lt;field&gt;</c>; empty when the judgement fits.</returns>
    public IReadOnlyList<string> Check(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var problems = new List<string>();
        foreach (var (id, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var field = Fields.FirstOrDefault(f => f.Id == id);
            if (field is null)
            {
                problems.Add($"judgement.{id}: not a judgement field of this model{Suggestions.DidYouMean(id, Fields.Select(f => f.Id))} (fields: {string.Join(", ", Fields.Select(f => f.Id))})");
            }
            else if (field.Type == JudgementFieldType.Rating && field.LevelIndex(value) < 0)
            {
                var levels = field.Levels.Select(l => l.Id).ToArray();
                problems.Add($"judgement.{id}: `{value}` is not one of its ratings{Suggestions.DidYouMean(value, levels)} ({string.Join(", ", levels)})");
            }
        }

        foreach (var field in Fields.Where(f => f.Required && !values.ContainsKey(f.Id)))
        {
            problems.Add($"judgement.{field.Id}: required");
        }

        return problems;
    }
}
