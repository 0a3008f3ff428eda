using Tma.Models.Definitions;

namespace Tma.Research.Evaluation.Computation;

/// <summary>One score series of a sample and what is known about it.</summary>
/// <param name="Name">What the score is called in the report.</param>
/// <param name="Series">Index of the series in the sample.</param>
/// <param name="Levels">The model's output levels, lowest first, or null when the score has no level (a column).</param>
/// <param name="NotProbabilityReason">Null when the score is a probability in [0, 1]; otherwise why not.</param>
internal sealed record SeriesInput(string Name, int Series, IReadOnlyList<OutputLevel>? Levels, string? NotProbabilityReason);
