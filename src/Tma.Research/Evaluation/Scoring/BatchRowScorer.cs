using Tma.Models.Definitions;
using Tma.Research.Datasets;
using Tma.Scoring.Assessments;
using Tma.Scoring.FastPath;

namespace Tma.Research.Evaluation.Scoring;

/// <summary>Scores rows through the engine's batch API (<see cref="IBatchScorer"/>), without building assessments.</summary>
internal sealed class BatchRowScorer(IBatchScorer scorer) : IRowScorer
{
    public ModelReference Reference => scorer.Reference;

    public ModelDefinition Definition => scorer.Definition;

    public string Engine => scorer.Engine;

    public string? NotAProbabilityReason =>
        $"the score of {Definition.Kind.ToString().ToLowerInvariant()} model `{Definition.Id}` is a points score, not a probability; " +
        "Brier score, calibration and Hosmer-Lemeshow need predicted probabilities (a classifier model, or a score column declared a probability)";

    public IDatasetScorerAdapter? WholeDataset => null;

    public RowScore Score(DatasetRow row)
    {
        var result = scorer.Score(row.Values, row.Relevance);
        return new RowScore(result.Score, result.LevelRank, result.Validity == Validity.Insufficient);
    }
}
