using System.Globalization;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation.Computation;

/// <summary>The partial AUC and the Youden-optimal cut-off of one score, with their stratified bootstrap intervals.</summary>
internal static class DiscriminationFigures
{
    /// <summary>
    /// At most this many distinct scores get bootstrap intervals of the partial AUC and Youden cut-off: each resample
    /// draws two counts per distinct score, so the cost grows with the distinct scores, not with the rows.
    /// </summary>
    internal const int MaxDistinctForBootstrap = 10_000;

    public static (PartialAucEvaluation PartialAuc, YoudenEvaluation Youden) Compute(DistinctScores distinct, EvaluationOptions options, Action<string, string> skip)
    {
        var (from, to, focus) = (options.PartialAucFrom, options.PartialAucTo, options.PartialAucFocus);
        var partial = Statistics.PartialAuc.FromCounts(distinct.WithOutcome, distinct.WithoutOutcome, from, to, focus);
        var youden = YoudenIndex.FromCounts(distinct.WithOutcome, distinct.WithoutOutcome, distinct.Values);
        DiscriminationIntervals? intervals = null;
        if (options.BootstrapResamples == 0)
        {
            skip("score.partialAuc.interval", "the bootstrap is off (0 resamples)");
            skip("score.youden.interval", "the bootstrap is off (0 resamples)");
        }
        else if (distinct.Count > MaxDistinctForBootstrap)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"the score has {distinct.Count} distinct values; the stratified bootstrap of the ROC curve is computed for at most {MaxDistinctForBootstrap}");
            skip("score.partialAuc.interval", reason);
            skip("score.youden.interval", reason);
        }
        else
        {
            intervals = RocBootstrap.FromCounts(
                distinct.WithOutcome, distinct.WithoutOutcome, distinct.Values, from, to, focus,
                new BootstrapOptions(options.Seed, options.BootstrapResamples, options.ConfidenceLevel));
        }

        return (
            new PartialAucEvaluation
            {
                Focus = focus,
                From = from,
                To = to,
                Area = partial.Area,
                Corrected = partial.Corrected,
                ChanceArea = partial.MinimumArea,
                MaximumArea = partial.MaximumArea,
                AreaInterval = intervals?.PartialAuc,
                CorrectedInterval = intervals?.CorrectedPartialAuc,
            },
            new YoudenEvaluation
            {
                Index = youden.Index,
                Threshold = youden.Threshold,
                Sensitivity = youden.Sensitivity,
                Specificity = youden.Specificity,
                TiedThresholds = youden.TiedThresholds,
                IndexInterval = intervals?.YoudenIndex,
                ThresholdInterval = intervals?.YoudenThreshold,
            });
    }
}
