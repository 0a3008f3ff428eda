namespace Tma.Models.Definitions;

/// <summary>One level of the model's ordered output (e.g. none / monitor / manage / urgent).</summary>
/// <param name="Id">Identifier, used by bands, overrides and the assessment.</param>
/// <param name="Label">Human-readable label.</param>
/// <param name="Description">What the level means for case work.</param>
/// <param name="Actions">Actions recommended whenever this level is the result.</param>
public sealed record OutputLevel(string Id, string Label, string? Description, IReadOnlyList<string> Actions);
