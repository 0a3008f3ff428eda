using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation.Computation;

/// <summary>IDI and continuous NRI of B over A for <c>tma compare</c>, on probabilities.</summary>
internal static class ReclassificationFigures
{
    public static ReclassificationEvaluation? Compute(Sample sample, EvaluationReport a, EvaluationReport b, EvaluationOptions options, List<SkippedFigure> skipped)
    {
        var outcomes = sample.OutcomeSpan;
        if (!TryProbabilities(sample.ScoreSpan(0), outcomes, a.Score.IsProbability, out var pA, out var fitA, out var problemA))
        {
            skipped.Add(new SkippedFigure("reclassification", "A: " + problemA));
            return null;
        }

        if (!TryProbabilities(sample.ScoreSpan(1), outcomes, b.Score.IsProbability, out var pB, out var fitB, out var problemB))
        {
            skipped.Add(new SkippedFigure("reclassification", "B: " + problemB));
            return null;
        }

        if (a.Sample.Events < 2 || a.Sample.NonEvents < 2)
        {
            skipped.Add(new SkippedFigure("reclassification", "IDI and NRI need at least 2 rows with each outcome"));
            return null;
        }

        return new ReclassificationEvaluation
        {
            ProbabilitiesA = fitA is null ? "score" : "logisticRecalibration",
            ProbabilitiesB = fitB is null ? "score" : "logisticRecalibration",
            RecalibrationA = fitA,
            RecalibrationB = fitB,
            IntegratedDiscrimination = Reclassification.IntegratedDiscrimination(pA, pB, outcomes, options.ConfidenceLevel),
            ContinuousNri = Reclassification.ContinuousNri(pA, pB, outcomes, options.ConfidenceLevel),
        };
    }

    /// <summary>The score itself when it is a probability; otherwise its logistic recalibration on these rows.</summary>
    private static bool TryProbabilities(ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes, bool isProbability, out double[] probabilities, out LogisticFit? fit, out string problem)
    {
        fit = null;
        problem = string.Empty;
        if (isProbability)
        {
            probabilities = scores.ToArray();
            return true;
        }

        probabilities = new double[scores.Length];
        if (!LogisticRecalibration.TryFit(scores, outcomes, probabilities, out var intercept, out var slope, out problem))
        {
            return false;
        }

        fit = new LogisticFit(intercept, slope);
        return true;
    }
}
