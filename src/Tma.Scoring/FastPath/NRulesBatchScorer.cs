using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Scoring.Assessments;
using Tma.Scoring.Rules;

namespace Tma.Scoring.FastPath;

/// <summary>
/// Batch scoring on the reference path: every row becomes a <see cref="ResolvedCase"/> without observations and is
/// assessed in its own NRules session. Slow (a session and a full assessment per row); for cross-checking the
/// compiled path on real data.
/// </summary>
internal sealed class NRulesBatchScorer(RuleRiskModel model) : IBatchScorer
{
    public ModelReference Reference => model.Reference;

    public ModelDefinition Definition => model.Definition;

    public string Engine => RuleRiskModel.EngineName;

    public int InputCount => model.Definition.Inputs.Count;

    public BatchRowScore Score(ReadOnlySpan<double?> values, ReadOnlySpan<double?> relevance, string? norm = null)
    {
        BatchGuard.Row(values, relevance, InputCount);
        CheckNorm(norm);
        return ScoreRow(values, relevance, norm);
    }

    public int ScoreBatch(ReadOnlySpan<double?> values, ReadOnlySpan<double?> relevance, Span<double> scores, Span<int> levelRanks, Span<Validity> validity = default, string? norm = null)
    {
        var rows = BatchGuard.Rows(values, relevance, scores, levelRanks, validity, InputCount);
        CheckNorm(norm);
        var width = InputCount;
        for (var row = 0; row < rows; row++)
        {
            var start = row * width;
            var outcome = ScoreRow(values.Slice(start, width), relevance.IsEmpty ? relevance : relevance.Slice(start, width), norm);
            scores[row] = outcome.Score;
            levelRanks[row] = outcome.LevelRank;
            if (!validity.IsEmpty)
            {
                validity[row] = outcome.Validity;
            }
        }

        return rows;
    }

    private BatchRowScore ScoreRow(ReadOnlySpan<double?> values, ReadOnlySpan<double?> relevance, string? norm)
    {
        var row = new ResolvedCase(values.ToArray(), relevance.IsEmpty ? new double?[InputCount] : relevance.ToArray(), [], asOf: null, norm);
        var fired = model.Fire(row).Fired;
        var outcome = model.Aggregator.Outcome((double?[])row.Values, (double?[])row.Relevance, fired, model.Aggregator.NormFor(norm));
        return new BatchRowScore(Math.Round(outcome.Score, 6), outcome.LevelRank, outcome.Validity);
    }

    private void CheckNorm(string? norm)
    {
        var scoring = model.Definition.Scoring;
        if (norm is not null && scoring is not null && scoring.Policy != AggregationPolicy.HighestLevel && !scoring.Norms.Any(n => n.Id == norm))
        {
            throw new ArgumentException($"The model has no norm `{norm}`; its norms are {string.Join(", ", scoring.Norms.Select(n => n.Id))}.", nameof(norm));
        }
    }
}
