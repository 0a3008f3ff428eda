using Tma.Scoring.Assessments;

namespace Tma.Scoring.FastPath;

/// <summary>
/// The outcome of one dataset row as the instrument scores it: <see cref="Assessment.Score"/> and
/// <see cref="MissingInformation.Validity"/> of the same row, and the level the model's policy computes with unknown items
/// read as the policy reads them (not present, or prorated). That is what evaluating an instrument on a dataset
/// measures; an assessment of a person goes further and concludes from it (<see cref="Assessment.Conclusion"/>), so
/// for a row with open key items its <see cref="Assessment.LevelRank"/> can be lower or -1.
/// </summary>
/// <param name="Score">The score, rounded to 6 decimals like <see cref="Assessment.Score"/>.</param>
/// <param name="LevelRank">Rank of the level the policy computes (after overrides), 0 = lowest.</param>
/// <param name="Validity">What the missing-data policy made of the row.</param>
public readonly record struct BatchRowScore(double Score, int LevelRank, Validity Validity);
