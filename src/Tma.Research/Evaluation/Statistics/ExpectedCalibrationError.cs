namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Expected calibration error over equal-width probability bins (Naeini, Cooper &amp; Hauskrecht 2015, AAAI;
/// Guo, Pleiss, Sun &amp; Weinberger 2017, ICML).
/// </summary>
public static class ExpectedCalibrationError
{
    /// <summary>The default number of bins: 10 equal-width bins [0, 0.1), [0.1, 0.2), …, [0.9, 1.0].</summary>
    public const int DefaultBins = 10;

    /// <summary>
    /// Computes the ECE. Case i falls in bin min(⌊pᵢ·B⌋, B − 1), so p = 1 joins the last bin. O(n).
    /// </summary>
    /// <param name="probabilities">Predicted probability per case, in [0, 1].</param>
    /// <param name="outcomes">One outcome per case.</param>
    /// <param name="bins">Number of equal-width bins; default <see cref="DefaultBins"/>.</param>
    /// <returns>The ECE in [0, 1] and the bins.</returns>
    /// <exception cref="ArgumentException">Lengths differ, input is empty, a probability is NaN or outside [0, 1], or <paramref name="bins"/> is below 1.</exception>
    public static ExpectedCalibrationErrorResult Compute(
        ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes, int bins = DefaultBins)
    {
        if (bins < 1)
        {
            throw new ArgumentException($"bins must be at least 1; got {bins}.", nameof(bins));
        }

        InputGuard.ProbabilitiesAndOutcomes(probabilities, outcomes);
        var n = new int[bins];
        var sumP = new double[bins];
        var events = new int[bins];
        for (var i = 0; i < probabilities.Length; i++)
        {
            var b = Math.Min((int)(probabilities[i] * bins), bins - 1);
            n[b]++;
            sumP[b] += probabilities[i];
            events[b] += outcomes[i] ? 1 : 0;
        }

        var result = new CalibrationBin[bins];
        var ece = 0.0;
        for (var b = 0; b < bins; b++)
        {
            var mean = n[b] == 0 ? double.NaN : sumP[b] / n[b];
            var rate = n[b] == 0 ? double.NaN : (double)events[b] / n[b];
            if (n[b] > 0)
            {
                ece += (double)n[b] / probabilities.Length * Math.Abs(rate - mean);
            }

            result[b] = new CalibrationBin((double)b / bins, (double)(b + 1) / bins, n[b], mean, rate);
        }

        return new ExpectedCalibrationErrorResult(ece, result);
    }
}
