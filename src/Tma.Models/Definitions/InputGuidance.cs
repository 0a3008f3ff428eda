namespace Tma.Models.Definitions;

/// <summary>How to code one level of an input: what counts as that level.</summary>
/// <param name="Level">The level (or category) id.</param>
/// <param name="Text">What counts as this level.</param>
public sealed record LevelGuidance(string Level, string Text);

/// <summary>
/// Coding guidance for an input, shown to the person who records an observation: what counts as each level, a
/// general note, and an example. Numeric inputs have a general note and an example only.
/// </summary>
/// <param name="Levels">Per level, in scale order.</param>
/// <param name="General">A note that applies to every level (what the item is about, what it is not), if any.</param>
/// <param name="Example">A short fictitious example of coding, if any.</param>
public sealed record InputGuidance(IReadOnlyList<LevelGuidance> Levels, string? General, string? Example);
