using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class LowessTests
{
    [Fact]
    public void Exactly_linear_data_is_reproduced_at_every_point()
    {
        // A local line through points on a line is that line, whatever the weights (and delta interpolation between
        // two points of a line stays on it).
        var random = new Random(5);
        var x = Enumerable.Range(0, 500).Select(_ => random.NextDouble() * 10).ToArray();
        var y = x.Select(v => 2.0 + (3.0 * v)).ToArray();

        var curve = Lowess.Fit(x, y);

        for (var i = 0; i < curve.X.Length; i++)
        {
            Assert.Equal(2.0 + (3.0 * curve.X[i]), curve.Fitted[i], 1e-9);
        }

        Assert.True(curve.X.Zip(curve.X.Skip(1)).All(p => p.First <= p.Second));
    }

    [Fact]
    public void A_constant_response_gives_a_constant_curve()
    {
        var x = new[] { 3.0, 1.0, 2.0, 2.0, 7.0, 4.0 };
        var y = Enumerable.Repeat(0.25, x.Length).ToArray();

        var curve = Lowess.Fit(x, y);

        Assert.All(curve.Fitted, v => Assert.Equal(0.25, v, 1e-12));
    }

    [Fact]
    public void Hand_computed_tricube_weighted_line_at_the_left_end_and_in_the_middle()
    {
        // n = 7, f = 0.75: ns = ⌊0.75·7 + 1e-7⌋ = 5 points per local fit; delta = 0, so every point is fitted.
        double[] x = [1, 2, 3, 4, 5, 6, 7];
        double[] y = [0, 1, 0, 1, 1, 0, 1];

        var curve = Lowess.Fit(x, y, span: 0.75, delta: 0);

        // At x = 1 the window is x = 1…5, h = max(1 − 1, 5 − 1) = 4. Distances r = 0, 1, 2, 3 (r = 4 > 0.999·h weighs 0):
        // w = 1, (1 − (1/4)³)³ = (63/64)³, (1 − (1/2)³)³ = (7/8)³, (1 − (3/4)³)³ = (37/64)³.
        // The weighted least-squares line β₀ + β₁x from the normal equations
        //   [Σw  Σwx ] [β₀]   [Σwy ]
        //   [Σwx Σwx²] [β₁] = [Σwxy],  evaluated at x = 1.
        double[] w = [1, Math.Pow(63.0 / 64, 3), Math.Pow(7.0 / 8, 3), Math.Pow(37.0 / 64, 3)];
        double[] xw = [1, 2, 3, 4];
        double[] yw = [0, 1, 0, 1];
        double s0 = 0, s1 = 0, s2 = 0, t0 = 0, t1 = 0;
        for (var k = 0; k < 4; k++)
        {
            s0 += w[k];
            s1 += w[k] * xw[k];
            s2 += w[k] * xw[k] * xw[k];
            t0 += w[k] * yw[k];
            t1 += w[k] * xw[k] * yw[k];
        }

        var beta1 = ((s0 * t1) - (s1 * t0)) / ((s0 * s2) - (s1 * s1));
        var beta0 = (t0 - (beta1 * s1)) / s0;
        Assert.Equal(beta0 + beta1, curve.Fitted[0], 1e-12);

        // At x = 4 the window moves to x = 2…6 (d1 = 3 > d2 = 2 at x = 2…6's left neighbour), h = 2: weights 1 at x = 4,
        // (7/8)³ = 0.669921875 at x = 3 and 5, 0 at x = 2 and 6 (r = h). Symmetric weights centre the line at x = 4, so
        // the fit is the weighted mean (0·w + 1 + 1·w) / (1 + 2w) = 1.669921875 / 2.33984375 = 0.7136894824707847.
        Assert.Equal(0.7136894824707847, curve.Fitted[3], 1e-12);
    }

    [Fact]
    public void Points_within_delta_are_interpolated_between_fitted_points()
    {
        // delta ≥ range: only the first and the last point are fitted; everything between lies on the straight line
        // joining those two fits.
        double[] x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        double[] y = [0, 0, 1, 0, 1, 1, 0, 1, 1, 1];

        var coarse = Lowess.Fit(x, y, delta: 100);
        var fine = Lowess.Fit(x, y, delta: 0);

        Assert.Equal(fine.Fitted[0], coarse.Fitted[0], 1e-12);
        Assert.Equal(fine.Fitted[^1], coarse.Fitted[^1], 1e-12);
        for (var i = 1; i < 9; i++)
        {
            var line = coarse.Fitted[0] + ((coarse.Fitted[^1] - coarse.Fitted[0]) * i / 9.0);
            Assert.Equal(line, coarse.Fitted[i], 1e-12);
        }
    }

    [Fact]
    public void Tied_x_get_one_fitted_value_and_interpolation_hits_the_fitted_points()
    {
        double[] x = [1, 2, 2, 2, 3, 4, 5, 6];
        double[] y = [0, 1, 0, 1, 1, 0, 1, 1];

        var curve = Lowess.Fit(x, y, delta: 0);

        Assert.Equal(curve.Fitted[1], curve.Fitted[2]);
        Assert.Equal(curve.Fitted[1], curve.Fitted[3]);
        var at = Lowess.Interpolate(curve, [2.0, 3.5, 0.0, 9.0]);
        Assert.Equal(curve.Fitted[1], at[0], 1e-12);
        Assert.Equal((curve.Fitted[4] + curve.Fitted[5]) / 2, at[1], 1e-12);
        Assert.Equal(curve.Fitted[0], at[2]);
        Assert.Equal(curve.Fitted[^1], at[3]);
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_message()
    {
        Assert.Throws<ArgumentException>(() => Lowess.Fit([], []));
        Assert.Throws<ArgumentException>(() => Lowess.Fit([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => Lowess.Fit([1.0, double.NaN], [1.0, 0.0]));
        Assert.Throws<ArgumentException>(() => Lowess.Fit([1.0, 2.0], [1.0, 0.0], span: 0));
    }
}
