namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Decision-curve analysis (Vickers &amp; Elkin 2006, Med Decis Making 26:565–574; Vickers, van Calster &amp; Steyerberg
/// 2016, BMJ 352:i6): the net benefit of acting on every case whose predicted risk is at or above a threshold
/// probability pₜ, NB(pₜ) = TP/N − FP/N · pₜ/(1 − pₜ), where the odds pₜ/(1 − pₜ) is the harm of a needless action
/// relative to the benefit of a needed one that a decision maker choosing pₜ implies. It is compared with acting on
/// everyone, NB = π − (1 − π)·pₜ/(1 − pₜ) (π the base rate), and on no one, NB = 0.
/// </summary>
public static class DecisionCurve
{
    /// <summary>The default thresholds, 0.01, 0.02, …, 0.99 (0 and 1 are excluded: the odds is 0 or infinite there).</summary>
    public static IReadOnlyList<double> DefaultThresholds { get; } = [.. Enumerable.Range(1, 99).Select(k => k / 100.0)];

    /// <summary>TP/N − FP/N · t/(1 − t).</summary>
    /// <param name="truePositives">Flagged cases with the outcome.</param>
    /// <param name="falsePositives">Flagged cases without the outcome.</param>
    /// <param name="n">All cases.</param>
    /// <param name="threshold">The threshold probability, in (0, 1).</param>
    /// <returns>The net benefit, in units of true positives per case.</returns>
    public static double NetBenefit(int truePositives, int falsePositives, int n, double threshold) =>
        ((double)truePositives / n) - ((double)falsePositives / n * threshold / (1.0 - threshold));

    /// <summary>Net benefit of acting on everyone: π − (1 − π)·t/(1 − t).</summary>
    /// <param name="baseRate">π, the share of cases with the outcome.</param>
    /// <param name="threshold">The threshold probability, in (0, 1).</param>
    /// <returns>The net benefit of treating all.</returns>
    public static double TreatAll(double baseRate, double threshold) => baseRate - ((1.0 - baseRate) * threshold / (1.0 - threshold));

    /// <summary>The decision curve: at each threshold, the cases flagged (p ≥ t), the model's and treat-all's net benefit. O(n log n).</summary>
    /// <param name="probabilities">Predicted probability per case, in [0, 1].</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="thresholds">Thresholds, each in (0, 1).</param>
    /// <returns>One point per threshold, in the given order.</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, a probability is NaN or outside [0, 1], or a threshold is outside (0, 1).</exception>
    public static IReadOnlyList<DecisionCurvePoint> Compute(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes, IReadOnlyList<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        InputGuard.ProbabilitiesAndOutcomes(probabilities, outcomes);
        CheckThresholds(thresholds);
        var (events, nonEvents) = Split(probabilities, outcomes);
        var n = probabilities.Length;
        var rate = (double)events.Length / n;
        return [.. thresholds.Select(t =>
        {
            var tp = AtOrAbove(events, t);
            var fp = AtOrAbove(nonEvents, t);
            return new DecisionCurvePoint(t, tp, fp, NetBenefit(tp, fp, n, t), TreatAll(rate, t));
        })];
    }

    /// <summary>
    /// Seeded percentile bootstrap intervals of the model's net benefit at a few thresholds, resampling all cases. The
    /// net benefits depend on the data only through the cases per (interval between thresholds, outcome), so this is a
    /// <see cref="CountBootstrap"/>: exact resampling at no cost per row. The predictions are held fixed.
    /// </summary>
    /// <param name="probabilities">Predicted probability per case, in [0, 1].</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="thresholds">Thresholds, each in (0, 1).</param>
    /// <param name="options">Seed, resamples and confidence level.</param>
    /// <returns>One interval per threshold, in the given order.</returns>
    /// <exception cref="ArgumentException">As <see cref="Compute"/>, or the options are invalid.</exception>
    public static IReadOnlyList<BootstrapInterval> Intervals(
        ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes, IReadOnlyList<double> thresholds, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(options);
        InputGuard.ProbabilitiesAndOutcomes(probabilities, outcomes);
        CheckThresholds(thresholds);
        var cuts = thresholds.Distinct().Order().ToArray();

        // Cell 2r holds the events, 2r + 1 the non-events with r thresholds at or below their prediction.
        var cells = new int[2 * (cuts.Length + 1)];
        for (var i = 0; i < probabilities.Length; i++)
        {
            var region = 0;
            while (region < cuts.Length && probabilities[i] >= cuts[region])
            {
                region++;
            }

            cells[(2 * region) + (outcomes[i] ? 0 : 1)]++;
        }

        var position = thresholds.Select(t => Array.IndexOf(cuts, t)).ToArray();
        return CountBootstrap.Percentile(cells, thresholds.Count, (counts, values) =>
        {
            var n = 0;
            foreach (var c in counts)
            {
                n += c;
            }

            for (var s = 0; s < position.Length; s++)
            {
                int tp = 0, fp = 0;
                for (var region = position[s] + 1; region <= cuts.Length; region++)
                {
                    tp += counts[2 * region];
                    fp += counts[(2 * region) + 1];
                }

                values[s] = NetBenefit(tp, fp, n, cuts[position[s]]);
            }
        }, options);
    }

    /// <summary>
    /// The runs of consecutive thresholds where the model's net benefit is above both treat-all and treat-none (0):
    /// the range of preferences in which acting on the model beats both default strategies.
    /// </summary>
    /// <param name="points">A decision curve, thresholds ascending.</param>
    /// <returns>Each run as its first and last threshold; empty when the model never beats both.</returns>
    public static IReadOnlyList<ThresholdRange> BeneficialRanges(IReadOnlyList<DecisionCurvePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var ranges = new List<ThresholdRange>();
        double? from = null;
        var previous = double.NaN;
        foreach (var point in points)
        {
            var better = point.NetBenefit > Math.Max(point.TreatAll, 0.0);
            if (better && from is null)
            {
                from = point.Threshold;
            }
            else if (!better && from is { } start)
            {
                ranges.Add(new ThresholdRange(start, previous));
                from = null;
            }

            previous = point.Threshold;
        }

        if (from is { } open)
        {
            ranges.Add(new ThresholdRange(open, previous));
        }

        return ranges;
    }

    private static void CheckThresholds(IReadOnlyList<double> thresholds)
    {
        for (var k = 0; k < thresholds.Count; k++)
        {
            if (!(thresholds[k] > 0.0 && thresholds[k] < 1.0))
            {
                throw new ArgumentException($"thresholds[{k}] is {thresholds[k]}; a threshold probability must lie strictly between 0 and 1.", nameof(thresholds));
            }
        }
    }

    private static (double[] Events, double[] NonEvents) Split(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes)
    {
        var events = new List<double>();
        var nonEvents = new List<double>();
        for (var i = 0; i < probabilities.Length; i++)
        {
            (outcomes[i] ? events : nonEvents).Add(probabilities[i]);
        }

        var e = events.ToArray();
        var ne = nonEvents.ToArray();
        Array.Sort(e);
        Array.Sort(ne);
        return (e, ne);
    }

    /// <summary>How many of the ascending values are ≥ t.</summary>
    private static int AtOrAbove(double[] ascending, double t)
    {
        int lo = 0, hi = ascending.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (ascending[mid] < t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return ascending.Length - lo;
    }
}

/// <summary>One threshold of a decision curve.</summary>
/// <param name="Threshold">The threshold probability pₜ; a case is acted on when its predicted risk is ≥ pₜ.</param>
/// <param name="TruePositives">Cases acted on that have the outcome.</param>
/// <param name="FalsePositives">Cases acted on that do not.</param>
/// <param name="NetBenefit">TP/N − FP/N · pₜ/(1 − pₜ).</param>
/// <param name="TreatAll">Net benefit of acting on everyone, π − (1 − π)·pₜ/(1 − pₜ).</param>
public sealed record DecisionCurvePoint(double Threshold, int TruePositives, int FalsePositives, double NetBenefit, double TreatAll);

/// <summary>A closed range of thresholds.</summary>
/// <param name="From">First threshold of the range.</param>
/// <param name="To">Last threshold of the range.</param>
public sealed record ThresholdRange(double From, double To);
