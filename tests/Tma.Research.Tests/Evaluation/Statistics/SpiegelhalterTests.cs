using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class SpiegelhalterTests
{
    [Fact]
    public void Hand_computed_z_and_p_on_four_cases()
    {
        // p = 0.2, 0.4, 0.6, 0.8; y = 0, 1, 1, 1.
        // (y − p)(1 − 2p): (−0.2)(0.6) + (0.6)(0.2) + (0.4)(−0.2) + (0.2)(−0.6) = −0.12 + 0.12 − 0.08 − 0.12 = −0.20.
        // (1 − 2p)² p(1 − p): 0.36·0.16 + 0.04·0.24 + 0.04·0.24 + 0.36·0.16 = 0.0576 + 0.0096 + 0.0096 + 0.0576 = 0.1344.
        // z = −0.20 / √0.1344 = −0.545544725589981; p = 2Φ(−0.5455) = erfc(0.5455/√2) = 0.5853789284609615
        // (Python: math.erfc(0.545544725589981 / math.sqrt(2))).
        var result = Spiegelhalter.Test([0.2, 0.4, 0.6, 0.8], [false, true, true, true]);

        Assert.Equal(-0.545544725589981, result.Z, 1e-12);
        Assert.Equal(0.5853789284609615, result.PValue, 1e-9);
    }

    [Fact]
    public void Predictions_of_one_half_leave_z_undefined()
    {
        var result = Spiegelhalter.Test([0.5, 0.5], [false, true]);

        Assert.True(double.IsNaN(result.Z));
        Assert.True(double.IsNaN(result.PValue));
    }

    [Fact]
    public void Outcomes_drawn_from_the_predictions_give_z_that_is_standard_normal()
    {
        // Under the null, z ~ N(0, 1): over 200 seeded samples about 5 % reject at 0.05 (binomial 95 % range 2–18).
        var rejections = 0;
        for (var s = 0; s < 200; s++)
        {
            var random = new Random(100 + s);
            var p = Enumerable.Range(0, 500).Select(_ => 0.02 + (0.6 * random.NextDouble())).ToArray();
            var y = p.Select(v => random.NextDouble() < v).ToArray();
            rejections += Spiegelhalter.Test(p, y).PValue < 0.05 ? 1 : 0;
        }

        Assert.InRange(rejections, 2, 18);
    }
}
