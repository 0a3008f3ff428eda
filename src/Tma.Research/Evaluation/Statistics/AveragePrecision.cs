namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Area under the precision-recall curve as <em>average precision</em>: AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ over the distinct
/// thresholds in descending order (step-wise, no interpolation; the estimator recommended by Boyd, Eng &amp; Page 2013
/// and used by scikit-learn's <c>average_precision_score</c>). Linear (trapezoid) interpolation in PR space is
/// deliberately not used: it over-estimates the area (Davis &amp; Goadrich 2006).
/// </summary>
public static class AveragePrecision
{
    /// <summary>Computes the average precision. Tied scores form one threshold. O(n log n).</summary>
    /// <param name="scores">One score per case; NaN is rejected.</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <returns>Average precision in [0, 1]; its chance level is the base rate.</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, a score is NaN, or no case has the outcome.</exception>
    public static double Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes)
    {
        var (positives, _) = InputGuard.ScoresAndOutcomes(scores, outcomes);
        if (positives == 0)
        {
            throw new ArgumentException("No case has the outcome, so recall and the precision-recall curve are undefined.", nameof(outcomes));
        }

        var sorted = scores.ToArray();
        var labels = outcomes.ToArray();
        Array.Sort(sorted, labels);
        int tp = 0, flagged = 0;
        var previousRecall = 0.0;
        var ap = 0.0;
        var i = sorted.Length - 1;
        while (i >= 0)
        {
            var threshold = sorted[i];
            while (i >= 0 && sorted[i] == threshold)
            {
                flagged++;
                if (labels[i])
                {
                    tp++;
                }

                i--;
            }

            var recall = (double)tp / positives;
            ap += (recall - previousRecall) * ((double)tp / flagged);
            previousRecall = recall;
        }

        return ap;
    }
}
