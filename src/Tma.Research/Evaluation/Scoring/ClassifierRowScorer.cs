using Tma.Models.Definitions;
using Tma.Research.Datasets;
using Tma.Scoring.Assessments;
using Tma.Scoring.Classifiers;

namespace Tma.Research.Evaluation.Scoring;

/// <summary>
/// A classifier: the whole dataset is scored through its ML.NET <c>IDataView</c> batch path
/// (<see cref="IDatasetScorer"/>); the score is the calibrated probability.
/// </summary>
internal sealed class ClassifierRowScorer(IRiskModel model, IDatasetScorer scorer) : IRowScorer
{
    public ModelReference Reference => model.Reference;

    public ModelDefinition Definition => model.Definition;

    public string Engine => ClassifierRiskModel.EngineName;

    public string? NotAProbabilityReason => null;

    public IDatasetScorerAdapter? WholeDataset { get; } = new DatasetScorerAdapter(scorer);

    public RowScore Score(DatasetRow row) =>
        throw new NotSupportedException("A classifier scores whole datasets; use WholeDataset.");
}
