namespace Tma.Research.Evaluation.Scoring;

/// <summary>What the evaluator keeps of one scored row.</summary>
/// <param name="Score">The continuous output: points/score of a rules model, probability of a classifier.</param>
/// <param name="LevelRank">Rank of the level shown to users (after overrides), 0 = lowest.</param>
/// <param name="Insufficient">True when the missing-data policy judged the information insufficient (the level is then a lower bound).</param>
internal readonly record struct RowScore(double Score, int LevelRank, bool Insufficient);
