using Tma.Scoring.Assessments;

namespace Tma.Scoring.FastPath;

/// <summary>The outcome of one dataset row: what <see cref="Assessment.Score"/>, <see cref="Assessment.LevelRank"/> and
/// <see cref="MissingInformation.Validity"/> would be for the same row, without the explanation.</summary>
/// <param name="Score">The score, rounded to 6 decimals like <see cref="Assessment.Score"/>.</param>
/// <param name="LevelRank">Rank of the final level (after overrides), 0 = lowest.</param>
/// <param name="Validity">What the missing-data policy made of the row.</param>
public readonly record struct BatchRowScore(double Score, int LevelRank, Validity Validity);
