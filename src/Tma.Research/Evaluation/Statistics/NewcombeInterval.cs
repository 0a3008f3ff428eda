namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Newcombe's hybrid score interval for the difference of two independent proportions (Newcombe 1998, Stat Med
/// 17:873–890, method 10): from the Wilson intervals [l₁, u₁] of p₁ and [l₂, u₂] of p₂,
/// L = D − √((p₁ − l₁)² + (u₂ − p₂)²), U = D + √((u₁ − p₁)² + (p₂ − l₂)²), D = p₁ − p₂. It stays within [−1, 1], is
/// defined when a count is 0 or equals its denominator, and covers close to the nominal level.
/// </summary>
public static class NewcombeInterval
{
    /// <summary>The difference p₁ − p₂ = x₁/n₁ − x₂/n₂ with Newcombe's hybrid score interval.</summary>
    /// <param name="successes1">x₁.</param>
    /// <param name="trials1">n₁, at least 1.</param>
    /// <param name="successes2">x₂.</param>
    /// <param name="trials2">n₂, at least 1.</param>
    /// <param name="confidenceLevel">Confidence level; default 0.95.</param>
    /// <returns>D and its interval.</returns>
    /// <exception cref="ArgumentException">A denominator is 0, a count is outside [0, n], or the confidence level is not in (0, 1).</exception>
    public static DifferenceEstimate Compute(int successes1, int trials1, int successes2, int trials2, double confidenceLevel = 0.95)
    {
        if (trials1 < 1 || trials2 < 1)
        {
            throw new ArgumentException(FormattableString.Invariant($"Both proportions need at least one trial; got {trials1} and {trials2}."), nameof(trials1));
        }

        var first = WilsonInterval.Compute(successes1, trials1, confidenceLevel);
        var second = WilsonInterval.Compute(successes2, trials2, confidenceLevel);
        var d = first.Estimate - second.Estimate;
        var lower = d - Math.Sqrt(Square(first.Estimate - first.Lower) + Square(second.Upper - second.Estimate));
        var upper = d + Math.Sqrt(Square(first.Upper - first.Estimate) + Square(second.Estimate - second.Lower));
        return new DifferenceEstimate(d, Math.Max(-1.0, lower), Math.Min(1.0, upper), confidenceLevel);
    }

    private static double Square(double x) => x * x;
}
