using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation.Computation;

/// <summary>The decision curve of one score: on its predictions when it is a probability, else on a logistic recalibration.</summary>
internal static class DecisionCurveFigures
{
    /// <summary>The thresholds of the net-benefit table.</summary>
    internal static readonly double[] TableThresholds = [0.05, 0.10, 0.20, 0.30];

    internal const string RecalibrationNote =
        "The score is not a probability. The decision curve uses the risks of a logistic recalibration logit P = a + b·score fitted on these same rows, so it is in-sample and optimistic: it shows what the score could do if its points were mapped to risks by that fitted curve, not what its current levels achieve.";

    public static DecisionCurveEvaluation? Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> y, bool isProbability, EvaluationOptions options, Action<string, string> skip)
    {
        ScoreRecalibrationResult? recalibration = null;
        double[] p;
        if (isProbability)
        {
            p = scores.ToArray();
        }
        else
        {
            try
            {
                recalibration = ScoreRecalibration.Fit(scores, y);
            }
            catch (ArgumentException ex)
            {
                skip("decisionCurve", "the score is not a probability and could not be recalibrated to one: " + ex.Message);
                return null;
            }

            p = new double[scores.Length];
            for (var i = 0; i < p.Length; i++)
            {
                p[i] = recalibration.Probability(scores[i]);
            }
        }

        var points = DecisionCurve.Compute(p, y, DecisionCurve.DefaultThresholds);
        IReadOnlyList<BootstrapInterval>? intervals = null;
        if (options.BootstrapResamples > 0)
        {
            intervals = DecisionCurve.Intervals(p, y, TableThresholds, new BootstrapOptions(options.Seed, options.BootstrapResamples, options.ConfidenceLevel));
        }
        else
        {
            skip("decisionCurve.table.intervals", "the bootstrap is off (0 resamples), so the net benefits have no intervals");
        }

        var atTable = DecisionCurve.Compute(p, y, TableThresholds);
        var n = y.Length;
        var events = 0;
        foreach (var outcome in y)
        {
            events += outcome ? 1 : 0;
        }

        return new DecisionCurveEvaluation
        {
            Probabilities = isProbability ? "predictions" : "recalibration",
            Recalibration = recalibration,
            Note = isProbability ? null : RecalibrationNote,
            BaseRate = (double)events / n,
            Points = points,
            Table = [.. atTable.Select((point, k) => new NetBenefitAtThreshold(point.Threshold, point.NetBenefit, intervals?[k], point.TreatAll))],
            BeneficialRanges = DecisionCurve.BeneficialRanges(points),
        };
    }
}
