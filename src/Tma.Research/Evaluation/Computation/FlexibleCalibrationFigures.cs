using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation.Computation;

/// <summary>The flexible-calibration figures of a probability score (smooth curve, band, ICI…, Spiegelhalter's z).</summary>
internal static class FlexibleCalibrationFigures
{
    public static SmoothCalibrationResult? Smooth(ReadOnlySpan<double> p, ReadOnlySpan<bool> y, EvaluationOptions options, Action<string, string> skip)
    {
        if (options.BootstrapResamples == 0)
        {
            skip("calibration.smooth.band", "the bootstrap is off (0 resamples), so the smooth calibration curve has no band");
        }

        var band = options.BootstrapResamples > 0 ? new BootstrapOptions(options.Seed, options.BootstrapResamples, options.ConfidenceLevel) : null;
        return SmoothCalibration.Compute(p, y, band);
    }

    public static SpiegelhalterResult Spiegelhalter(ReadOnlySpan<double> p, ReadOnlySpan<bool> y) => Statistics.Spiegelhalter.Test(p, y);
}
