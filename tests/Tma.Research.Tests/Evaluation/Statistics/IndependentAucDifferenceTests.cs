using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class IndependentAucDifferenceTests
{
    [Fact]
    public void Wald_difference_of_independent_aucs_by_hand()
    {
        // AUC 0.8 (SE 0.05) against 0.7 (SE 0.04): D = 0.1, SE = √(0.0025 + 0.0016) = √0.0041 = 0.0640312,
        // z = 1.5617376, p = 2Φ(−1.5617376) = 0.1183498, CI 0.1 ∓ 1.959964·0.0640312 = −0.0254989, 0.2254989.
        var first = new AucResult(0.8, 0.05, 0.7, 0.9, 0.95, AucIntervalMethod.Wald, 50, 50);
        var second = new AucResult(0.7, 0.04, 0.62, 0.78, 0.95, AucIntervalMethod.Wald, 80, 80);

        var result = IndependentAucDifference.Compute(first, second);

        Assert.Equal(0.1, result.Difference, 12);
        Assert.Equal(Math.Sqrt(0.0041), result.StandardError, 12);
        Assert.Equal(1.5617376, result.Z, 6);
        Assert.Equal(0.1183498, result.PValue, 6);
        Assert.Equal(-0.0254989, result.Lower, 6);
        Assert.Equal(0.2254989, result.Upper, 6);
    }
}
