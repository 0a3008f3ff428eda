using Tma.Models.Diagnostics;
using Tma.Research.Datasets;
using Tma.Scoring.Assessments;

namespace Tma.Research.Evaluation.Scoring;

/// <summary>
/// Scores a whole dataset file for the evaluation toolkit: one score, probability (classifiers), level rank and outcome
/// per row, with the rows' subgroup labels. Classifier models score through ML.NET's <c>IDataView</c> path (one
/// <c>Transform</c> over a view streamed from <see cref="DatasetReader"/>), not a per-row prediction loop. Safe to use
/// from several threads (each call reads its own file).
/// </summary>
public interface IDatasetScorer
{
    /// <summary>Which package scores the rows.</summary>
    ModelReference Reference { get; }

    /// <summary>Scores every row of a dataset.</summary>
    /// <param name="path">The dataset (CSV, docs/datasets.md), with columns named after the model's inputs.</param>
    /// <param name="options">Read options; <see cref="DatasetReadOptions.Default"/> when null.</param>
    /// <returns>The scores, or the dataset's located diagnostics.</returns>
    LoadResult<DatasetScores> ScoreDataset(string path, DatasetReadOptions? options = null);
}

/// <summary>Per-row results of <see cref="IDatasetScorer.ScoreDataset"/>, aligned by row (file order, bad rows skipped when asked).</summary>
public sealed class DatasetScores
{
    internal DatasetScores(double[] scores, double[]? probabilities, int[] levelRanks, bool[] outcomes, IReadOnlyList<string> groupNames, string?[][] groups, int badRows, double[]? times = null)
    {
        Times = times;
        Scores = scores;
        Probabilities = probabilities;
        LevelRanks = levelRanks;
        Outcomes = outcomes;
        GroupNames = groupNames;
        Groups = groups;
        BadRows = badRows;
    }

    /// <summary>Number of rows scored.</summary>
    public int Count => Scores.Count;

    /// <summary>Score per row (for classifiers the calibrated probability), as <see cref="Assessment.Score"/> would give it.</summary>
    public IReadOnlyList<double> Scores { get; }

    /// <summary>Calibrated probability per row (classifiers); null for other kinds.</summary>
    public IReadOnlyList<double>? Probabilities { get; }

    /// <summary>Rank of the row's level, 0 = lowest, as <see cref="Assessment.LevelRank"/> would give it.</summary>
    public IReadOnlyList<int> LevelRanks { get; }

    /// <summary>Outcome per row.</summary>
    public IReadOnlyList<bool> Outcomes { get; }

    /// <summary>Follow-up time per row when <see cref="DatasetReadOptions.TimeColumn"/> was set; null otherwise.</summary>
    public IReadOnlyList<double>? Times { get; }

    /// <summary>Names of the dataset's <c>group:</c> columns.</summary>
    public IReadOnlyList<string> GroupNames { get; }

    /// <summary>Per group column (aligned with <see cref="GroupNames"/>), the label per row (null = empty cell).</summary>
    public IReadOnlyList<IReadOnlyList<string?>> Groups { get; }

    /// <summary>Bad rows skipped (only with <see cref="DatasetReadOptions.SkipBadRows"/>).</summary>
    public int BadRows { get; }
}

/// <summary>Dataset scoring for the model kinds that score whole files at once.</summary>
public static class DatasetScorers
{
    /// <summary>The whole-dataset scorer of a compiled classifier (one ML.NET <c>Transform</c> over the file), or null for other kinds.</summary>
    /// <param name="model">A model compiled by <see cref="RiskModelCompiler"/>.</param>
    public static IDatasetScorer? For(IRiskModel model) =>
        model is Tma.Scoring.Classifiers.ClassifierRiskModel classifier ? new ClassifierDatasetScorer(classifier) : null;
}
