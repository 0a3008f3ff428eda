namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Wilson score interval for a binomial proportion (Wilson 1927, JASA 22:209–212; recommended by Newcombe 1998,
/// Stat Med 17:857–872, and Brown, Cai &amp; DasGupta 2001, Stat Sci 16:101–133).
/// </summary>
public static class WilsonInterval
{
    /// <summary>
    /// Computes (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). With 0 trials the proportion is undefined:
    /// the estimate is NaN and the interval [0, 1].
    /// </summary>
    /// <param name="successes">Number of successes, 0 ≤ successes ≤ trials.</param>
    /// <param name="trials">Number of trials, ≥ 0.</param>
    /// <param name="confidenceLevel">Confidence level; default 0.95.</param>
    /// <returns>The estimate and its Wilson interval.</returns>
    /// <exception cref="ArgumentException">Counts are negative or successes exceed trials, or the confidence level is not in (0, 1).</exception>
    public static ProportionEstimate Compute(int successes, int trials, double confidenceLevel = 0.95)
    {
        var z = InputGuard.NormalQuantile(confidenceLevel);
        if (trials < 0 || successes < 0 || successes > trials)
        {
            throw new ArgumentException(
                $"A proportion needs 0 ≤ successes ≤ trials; got {successes} successes in {trials} trials.", nameof(successes));
        }

        if (trials == 0)
        {
            return new ProportionEstimate(double.NaN, 0.0, 1.0, 0, 0);
        }

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1.0 + (z2 / n);
        var centre = (p + (z2 / (2.0 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1.0 - p) / n) + (z2 / (4.0 * n * n))) / denominator;
        var lower = successes == 0 ? 0.0 : Math.Clamp(centre - half, 0.0, p);
        var upper = successes == trials ? 1.0 : Math.Clamp(centre + half, p, 1.0);
        return new ProportionEstimate(p, lower, upper, successes, trials);
    }
}
