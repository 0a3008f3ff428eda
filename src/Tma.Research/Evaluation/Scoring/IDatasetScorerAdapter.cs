using Tma.Models.Diagnostics;
using Tma.Research.Datasets;

namespace Tma.Research.Evaluation.Scoring;

/// <summary>
/// For models whose engine scores a whole dataset file at once (classifiers: ML.NET's <c>IDataView</c> path,
/// <see cref="IDatasetScorer"/>) instead of row by row.
/// </summary>
internal interface IDatasetScorerAdapter
{
    /// <summary>Scores every row of the file.</summary>
    LoadResult<DatasetScores> ScoreDataset(string path, DatasetReadOptions options);
}

/// <summary>Wraps a classifier's <see cref="IDatasetScorer"/>.</summary>
internal sealed class DatasetScorerAdapter(IDatasetScorer scorer) : IDatasetScorerAdapter
{
    public LoadResult<DatasetScores> ScoreDataset(string path, DatasetReadOptions options) => scorer.ScoreDataset(path, options);
}
