using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class LogisticRecalibrationTests
{
    [Fact]
    public void A_two_valued_score_fits_the_observed_log_odds_exactly()
    {
        // Closed form for a binary predictor: the fitted probabilities are the observed rates, so
        // a = logit(1/4) = ln(1/3) = −1.0986123 and a + b = logit(3/4) = ln 3, b = 2 ln 3 = 2.1972246.
        double[] scores = [0, 0, 0, 0, 1, 1, 1, 1];
        bool[] outcomes = [true, false, false, false, true, true, true, false];
        var probabilities = new double[scores.Length];

        Assert.True(LogisticRecalibration.TryFit(scores, outcomes, probabilities, out var a, out var b, out _));

        Assert.Equal(Math.Log(1.0 / 3.0), a, 8);
        Assert.Equal(2.0 * Math.Log(3.0), b, 8);
        Assert.Equal(0.25, probabilities[0], 8);
        Assert.Equal(0.75, probabilities[7], 8);
    }

    [Fact]
    public void A_constant_score_or_perfect_separation_cannot_be_fitted()
    {
        var probabilities = new double[4];
        Assert.False(LogisticRecalibration.TryFit([2, 2, 2, 2], [true, false, true, false], probabilities, out _, out _, out var constant));
        Assert.Contains("one value", constant, StringComparison.Ordinal);
        Assert.False(LogisticRecalibration.TryFit([1, 2, 3, 4], [false, false, true, true], probabilities, out _, out _, out var separated));
        Assert.Contains("did not converge", separated, StringComparison.Ordinal);
    }
}
