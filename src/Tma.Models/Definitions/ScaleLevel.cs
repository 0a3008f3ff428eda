namespace Tma.Models.Definitions;

/// <summary>One named level of an ordered scale or one category of a categorical input.</summary>
/// <param name="Id">The name used in cases and conditions, e.g. <c>present</c>.</param>
/// <param name="Label">Human-readable label; defaults to the id.</param>
/// <param name="Score">The number the level contributes in arithmetic and sums (default: its 0-based position).</param>
public sealed record ScaleLevel(string Id, string Label, double Score);
