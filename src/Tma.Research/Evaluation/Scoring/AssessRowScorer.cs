using Tma.Models.Definitions;
using Tma.Research.Datasets;
using Tma.Scoring.Assessments;

namespace Tma.Research.Evaluation.Scoring;

/// <summary>
/// Scores rows one at a time through <see cref="IRiskModel.Assess(Tma.Models.Cases.ResolvedCase)"/>: the path for
/// kinds that have no batch API (composites). Slower than a batch path (it builds every assessment), equal by definition.
/// </summary>
internal sealed class AssessRowScorer(IRiskModel model) : IRowScorer
{
    private string? _engine;

    public ModelReference Reference => model.Reference;

    public ModelDefinition Definition => model.Definition;

    /// <summary>The engine the assessments name (known after the first row).</summary>
    public string Engine => _engine ?? "none (no row scored)";

    public string? NotAProbabilityReason =>
        $"the score of {Definition.Kind.ToString().ToLowerInvariant()} model `{Definition.Id}` is not declared a probability; " +
        "Brier score, calibration and Hosmer-Lemeshow need predicted probabilities (a classifier model, or a score column declared a probability)";

    public IDatasetScorerAdapter? WholeDataset => null;

    public RowScore Score(DatasetRow row)
    {
        var assessment = model.Assess(row.ToResolvedCase());
        _engine ??= assessment.Engine;
        return new RowScore(assessment.Score, assessment.LevelRank, !assessment.Missing.IsValid);
    }
}
