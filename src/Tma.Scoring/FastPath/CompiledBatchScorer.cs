using Tma.Models.Definitions;
using Tma.Scoring.Aggregation;
using Tma.Scoring.Assessments;

namespace Tma.Scoring.FastPath;

/// <summary>
/// Batch scoring on the compiled path: per row, the values are copied into a per-thread workspace, one delegate
/// decides which indicators fire (temporal indicators never do: rows have no observations), and
/// <see cref="Aggregator.Outcome"/> applies the same policy, proration, bands and overrides as a full assessment.
/// Allocates nothing per row.
/// </summary>
internal sealed class CompiledBatchScorer : IBatchScorer
{
    [ThreadStatic]
    private static Workspace? t_workspace;

    private readonly FiringEvaluator _evaluator;
    private readonly Aggregator _aggregator;

    public CompiledBatchScorer(ModelDefinition definition, ModelReference reference)
    {
        Definition = definition;
        Reference = reference;
        _evaluator = new FiringEvaluator(definition);
        _aggregator = new Aggregator(definition);
        InputCount = definition.Inputs.Count;
    }

    public ModelReference Reference { get; }

    public ModelDefinition Definition { get; }

    public string Engine => CompiledRiskModel.EngineName;

    public int InputCount { get; }

    public BatchRowScore Score(ReadOnlySpan<double?> values, ReadOnlySpan<double?> relevance, string? norm = null)
    {
        BatchGuard.Row(values, relevance, InputCount);
        var bands = _aggregator.NormFor(norm);
        return ScoreRow(CurrentWorkspace(), values, relevance, bands);
    }

    public int ScoreBatch(ReadOnlySpan<double?> values, ReadOnlySpan<double?> relevance, Span<double> scores, Span<int> levelRanks, Span<Validity> validity = default, string? norm = null)
    {
        var rows = BatchGuard.Rows(values, relevance, scores, levelRanks, validity, InputCount);
        var bands = _aggregator.NormFor(norm);
        var workspace = CurrentWorkspace();
        var width = InputCount;
        for (var row = 0; row < rows; row++)
        {
            var start = row * width;
            var outcome = ScoreRow(workspace, values.Slice(start, width), relevance.IsEmpty ? relevance : relevance.Slice(start, width), bands);
            scores[row] = outcome.Score;
            levelRanks[row] = outcome.LevelRank;
            if (!validity.IsEmpty)
            {
                validity[row] = outcome.Validity;
            }
        }

        return rows;
    }

    private BatchRowScore ScoreRow(Workspace workspace, ReadOnlySpan<double?> values, ReadOnlySpan<double?> relevance, Aggregator.NormIndex? bands)
    {
        values.CopyTo(workspace.Values);
        if (relevance.IsEmpty)
        {
            if (workspace.RelevanceUsed)
            {
                Array.Clear(workspace.Relevance);
                workspace.RelevanceUsed = false;
            }
        }
        else
        {
            relevance.CopyTo(workspace.Relevance);
            workspace.RelevanceUsed = true;
        }

        _evaluator.Evaluate(workspace.Values, workspace.Relevance, workspace.Fired);
        var outcome = _aggregator.Outcome(workspace.Values, workspace.Relevance, workspace.Fired, bands);
        return new BatchRowScore(Math.Round(outcome.Score, 6), outcome.LevelRank, outcome.Validity);
    }

    private Workspace CurrentWorkspace()
    {
        var workspace = t_workspace;
        if (workspace is null || workspace.Values.Length != InputCount || workspace.Fired.Length != _evaluator.IndicatorCount)
        {
            t_workspace = workspace = new Workspace(new double?[InputCount], new double?[InputCount], new bool[_evaluator.IndicatorCount]);
        }

        return workspace;
    }

    /// <summary>Per-thread scratch for the row shape the thread used last (keyed by size, so no scorer is kept alive).</summary>
    private sealed class Workspace(double?[] values, double?[] relevance, bool[] fired)
    {
        public double?[] Values { get; } = values;

        public double?[] Relevance { get; } = relevance;

        public bool[] Fired { get; } = fired;

        public bool RelevanceUsed { get; set; }
    }
}
