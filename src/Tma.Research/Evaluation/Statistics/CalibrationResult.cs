namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// Logistic recalibration logit P(y = 1) = a + b·logit(p) (Cox 1958) and calibration-in-the-large. Perfect calibration
/// is a = 0, b = 1 and calibration-in-the-large 0; b &lt; 1 means predictions are too extreme (overfitting).
/// </summary>
/// <param name="Intercept">a, from the two-parameter fit.</param>
/// <param name="Slope">b, the calibration slope.</param>
/// <param name="InterceptStandardError">Standard error of a from the inverse observed information.</param>
/// <param name="SlopeStandardError">Standard error of b from the inverse observed information.</param>
/// <param name="CalibrationInTheLarge">
/// a with b fixed at 1 (logistic regression with offset logit(p)); positive when outcomes occur more often than predicted.
/// </param>
/// <param name="CalibrationInTheLargeStandardError">Standard error of the calibration-in-the-large intercept.</param>
/// <param name="Iterations">Newton-Raphson iterations used by the two-parameter fit.</param>
/// <param name="N">Number of cases.</param>
public sealed record CalibrationResult(
    double Intercept,
    double Slope,
    double InterceptStandardError,
    double SlopeStandardError,
    double CalibrationInTheLarge,
    double CalibrationInTheLargeStandardError,
    int Iterations,
    int N);
