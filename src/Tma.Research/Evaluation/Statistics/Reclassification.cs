using MathNet.Numerics.Distributions;

namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// How much a new model improves on an old one in predicted probabilities of the same cases: the integrated
/// discrimination improvement (IDI) and the net reclassification improvement (NRI), both of Pencina, D'Agostino,
/// D'Agostino &amp; Vasan (2008, Stat Med 27:157–172); the category-free NRI(&gt;0) of Pencina, D'Agostino &amp;
/// Steyerberg (2011, Stat Med 30:11–21). Each comes with the asymptotic SE of those papers, a two-sided z test and a
/// Wald interval.
/// </summary>
public static class Reclassification
{
    /// <summary>
    /// IDI = (p̄_new,events − p̄_old,events) − (p̄_new,non-events − p̄_old,non-events), the gain in discrimination slope;
    /// SE = √(SE_events² + SE_non-events²), where SE_events is the standard error of the mean of the paired differences
    /// p_new − p_old among cases with the outcome (SD with divisor n − 1, over √n), likewise without (Pencina et al. 2008, §3.2).
    /// </summary>
    /// <param name="oldProbabilities">The old model's predicted probability per case.</param>
    /// <param name="newProbabilities">The new model's, same cases in the same order.</param>
    /// <param name="outcomes">Outcome per case.</param>
    /// <param name="confidenceLevel">Confidence level; default 0.95.</param>
    /// <returns>The IDI and the four means it is made of.</returns>
    /// <exception cref="ArgumentException">
    /// Lengths differ, input is empty, a probability is NaN or outside [0, 1], fewer than 2 cases have either outcome,
    /// or the confidence level is not in (0, 1).
    /// </exception>
    public static IntegratedDiscriminationResult IntegratedDiscrimination(
        ReadOnlySpan<double> oldProbabilities, ReadOnlySpan<double> newProbabilities, ReadOnlySpan<bool> outcomes, double confidenceLevel = 0.95)
    {
        var (events, nonEvents) = Check(oldProbabilities, newProbabilities, outcomes, confidenceLevel);

        // Welford means and variances of the paired differences, per outcome; plain means of each model's probabilities.
        double meanDiffE = 0, m2E = 0, meanDiffN = 0, m2N = 0, sumNewE = 0, sumOldE = 0, sumNewN = 0, sumOldN = 0;
        int ke = 0, kn = 0;
        for (var i = 0; i < outcomes.Length; i++)
        {
            var d = newProbabilities[i] - oldProbabilities[i];
            if (outcomes[i])
            {
                ke++;
                sumNewE += newProbabilities[i];
                sumOldE += oldProbabilities[i];
                var delta = d - meanDiffE;
                meanDiffE += delta / ke;
                m2E += delta * (d - meanDiffE);
            }
            else
            {
                kn++;
                sumNewN += newProbabilities[i];
                sumOldN += oldProbabilities[i];
                var delta = d - meanDiffN;
                meanDiffN += delta / kn;
                m2N += delta * (d - meanDiffN);
            }
        }

        var idi = meanDiffE - meanDiffN;
        var variance = (m2E / (events - 1) / events) + (m2N / (nonEvents - 1) / nonEvents);
        return new IntegratedDiscriminationResult(
            Estimate(idi, Math.Sqrt(variance), confidenceLevel),
            sumNewE / events,
            sumOldE / events,
            sumNewN / nonEvents,
            sumOldN / nonEvents,
            events,
            nonEvents);
    }

    /// <summary>
    /// Category-free NRI(&gt;0): a case moves up when p_new &gt; p_old and down when p_new &lt; p_old (equal: neither);
    /// NRI = [P(up | event) − P(down | event)] + [P(down | no event) − P(up | no event)], in [−2, 2], with the SE of
    /// <see cref="FromMovements"/>.
    /// </summary>
    /// <param name="oldProbabilities">The old model's predicted probability per case.</param>
    /// <param name="newProbabilities">The new model's, same cases in the same order.</param>
    /// <param name="outcomes">Outcome per case.</param>
    /// <param name="confidenceLevel">Confidence level; default 0.95.</param>
    /// <returns>The NRI, its two parts and the movement counts.</returns>
    /// <exception cref="ArgumentException">As <see cref="IntegratedDiscrimination"/>.</exception>
    public static NetReclassificationResult ContinuousNri(
        ReadOnlySpan<double> oldProbabilities, ReadOnlySpan<double> newProbabilities, ReadOnlySpan<bool> outcomes, double confidenceLevel = 0.95)
    {
        var (events, nonEvents) = Check(oldProbabilities, newProbabilities, outcomes, confidenceLevel);
        int upE = 0, downE = 0, upN = 0, downN = 0;
        for (var i = 0; i < outcomes.Length; i++)
        {
            var up = newProbabilities[i] > oldProbabilities[i];
            var down = newProbabilities[i] < oldProbabilities[i];
            if (outcomes[i])
            {
                upE += up ? 1 : 0;
                downE += down ? 1 : 0;
            }
            else
            {
                upN += up ? 1 : 0;
                downN += down ? 1 : 0;
            }
        }

        return FromMovements(upE, downE, events, upN, downN, nonEvents, confidenceLevel);
    }

    /// <summary>
    /// The NRI from movement counts (categorical: between risk categories; continuous: any change of probability), with
    /// Pencina et al.'s (2008, §3.3) SE = √((p̂_up,events + p̂_down,events)/n_events + (p̂_up,non-events + p̂_down,non-events)/n_non-events),
    /// the McNemar-type variance under the null hypothesis of no improvement, which the papers also use for the interval.
    /// </summary>
    /// <param name="upEvents">Cases with the outcome moved up.</param>
    /// <param name="downEvents">Cases with the outcome moved down.</param>
    /// <param name="events">Cases with the outcome, at least 1.</param>
    /// <param name="upNonEvents">Cases without the outcome moved up.</param>
    /// <param name="downNonEvents">Cases without the outcome moved down.</param>
    /// <param name="nonEvents">Cases without the outcome, at least 1.</param>
    /// <param name="confidenceLevel">Confidence level; default 0.95.</param>
    /// <returns>The NRI with its parts.</returns>
    /// <exception cref="ArgumentException">A count is negative, ups plus downs exceed their class, a class is empty, or the confidence level is not in (0, 1).</exception>
    public static NetReclassificationResult FromMovements(
        int upEvents, int downEvents, int events, int upNonEvents, int downNonEvents, int nonEvents, double confidenceLevel = 0.95)
    {
        InputGuard.ConfidenceLevel(confidenceLevel);
        if (events < 1 || nonEvents < 1 || upEvents < 0 || downEvents < 0 || upNonEvents < 0 || downNonEvents < 0
            || upEvents + downEvents > events || upNonEvents + downNonEvents > nonEvents)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"Movement counts must be non-negative and within their class, with cases of both outcomes; got up/down/total {upEvents}/{downEvents}/{events} with the outcome and {upNonEvents}/{downNonEvents}/{nonEvents} without."),
                nameof(events));
        }

        double e = events, n = nonEvents;
        var eventPart = (upEvents - downEvents) / e;
        var nonEventPart = (downNonEvents - upNonEvents) / n;
        var variance = ((upEvents + downEvents) / e / e) + ((upNonEvents + downNonEvents) / n / n);
        return new NetReclassificationResult(
            Estimate(eventPart + nonEventPart, Math.Sqrt(variance), confidenceLevel),
            eventPart,
            nonEventPart,
            upEvents,
            downEvents,
            upNonEvents,
            downNonEvents,
            events,
            nonEvents);
    }

    private static ImprovementEstimate Estimate(double estimate, double se, double confidenceLevel)
    {
        var zCritical = InputGuard.NormalQuantile(confidenceLevel);
        double z, p;
        if (se > 0.0)
        {
            z = estimate / se;
            p = Math.Min(1.0, 2.0 * Normal.CDF(0.0, 1.0, -Math.Abs(z)));
        }
        else
        {
            z = estimate == 0.0 ? 0.0 : Math.CopySign(double.PositiveInfinity, estimate);
            p = estimate == 0.0 ? 1.0 : 0.0;
        }

        return new ImprovementEstimate(estimate, se, z, p, estimate - (zCritical * se), estimate + (zCritical * se), confidenceLevel);
    }

    private static (int Events, int NonEvents) Check(
        ReadOnlySpan<double> oldProbabilities, ReadOnlySpan<double> newProbabilities, ReadOnlySpan<bool> outcomes, double confidenceLevel)
    {
        InputGuard.ConfidenceLevel(confidenceLevel);
        InputGuard.ProbabilitiesAndOutcomes(oldProbabilities, outcomes, nameof(oldProbabilities));
        InputGuard.ProbabilitiesAndOutcomes(newProbabilities, outcomes, nameof(newProbabilities));
        var (events, nonEvents) = InputGuard.BothClasses(oldProbabilities, outcomes, 2, "IDI and NRI", nameof(oldProbabilities));
        return (events, nonEvents);
    }
}
