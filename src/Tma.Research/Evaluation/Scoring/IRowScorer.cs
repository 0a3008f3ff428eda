using Tma.Models.Definitions;
using Tma.Research.Datasets;
using Tma.Scoring.Assessments;

namespace Tma.Research.Evaluation.Scoring;

/// <summary>
/// The one seam between the evaluator and the engine: scores dataset rows into what an evaluation keeps (score, level
/// rank, validity) — row by row (<see cref="Score"/>), or the whole file at once where the engine works that way
/// (<see cref="WholeDataset"/>, classifiers). <see cref="RowScorers.For"/> picks the implementation: rules through the
/// compiled batch API, classifiers through their ML.NET dataset path, other kinds through <c>IRiskModel.Assess</c>.
/// Moving a kind to another engine path is a change to that factory and one implementation of this interface.
/// </summary>
internal interface IRowScorer
{
    /// <summary>The package the scores come from.</summary>
    ModelReference Reference { get; }

    /// <summary>The validated definition (inputs, levels).</summary>
    ModelDefinition Definition { get; }

    /// <summary>Which path scores the rows, as <see cref="Assessment.Engine"/> names it (e.g. <c>compiled</c>, <c>nrules</c>).</summary>
    string Engine { get; }

    /// <summary>
    /// Null when <see cref="RowScore.Score"/> is a probability in [0, 1] (classifier output); otherwise why it is not, for
    /// the report's "skipped" list.
    /// </summary>
    string? NotAProbabilityReason { get; }

    /// <summary>
    /// Non-null when the engine scores a whole dataset file at once (classifiers); <see cref="Score"/> is then not used.
    /// </summary>
    IDatasetScorerAdapter? WholeDataset { get; }

    /// <summary>Scores the current row of a <see cref="DatasetReader"/> (the row object is reused; do not keep it).</summary>
    RowScore Score(DatasetRow row);
}
