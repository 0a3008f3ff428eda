using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class ScoreRecalibrationTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(5.0)]
    public void A_two_valued_score_gives_the_saturated_closed_form(double high)
    {
        // Score 0: 10 rows, 2 events; score `high`: 10 rows, 6 events. Two parameters for two groups fit each group's
        // rate exactly: a = logit(0.2) = ln(0.25), a + b·high = logit(0.6) = ln(1.5), so b = ln(6) / high.
        var scores = Enumerable.Repeat(0.0, 10).Concat(Enumerable.Repeat(high, 10)).ToArray();
        var outcomes = Enumerable.Range(0, 20).Select(i => i < 10 ? i < 2 : i < 16).ToArray();

        var fit = ScoreRecalibration.Fit(scores, outcomes);

        Assert.Equal(Math.Log(0.25), fit.Intercept, 1e-8);
        Assert.Equal(Math.Log(6.0) / high, fit.Slope, 1e-8);
        Assert.Equal(0.2, fit.Probability(0.0), 1e-8);
        Assert.Equal(0.6, fit.Probability(high), 1e-8);
    }

    [Fact]
    public void Equal_scores_or_one_outcome_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ScoreRecalibration.Fit([2.0, 2.0, 2.0], [true, false, true]));
        Assert.Throws<ArgumentException>(() => ScoreRecalibration.Fit([1.0, 2.0, 3.0], [true, true, true]));
    }
}
