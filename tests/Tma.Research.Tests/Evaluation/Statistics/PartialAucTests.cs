using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class PartialAucTests
{
    // Cases with the outcome score 0.9, 0.8, 0.4 (P = 3); without, 0.8, 0.6, 0.3, 0.2 (N = 4); one tie at 0.8.
    // The empirical ROC, thresholds descending, as (FPR, TPR):
    //   +∞ (0, 0) · 0.9 (0, 1/3) · 0.8 (1/4, 2/3) [tie: diagonal step] · 0.6 (1/2, 2/3) · 0.4 (1/2, 1) · 0.3 (3/4, 1) · 0.2 (1, 1)
    private static readonly double[] Scores = [0.9, 0.8, 0.4, 0.8, 0.6, 0.3, 0.2];
    private static readonly bool[] Outcomes = [true, true, true, false, false, false, false];

    [Fact]
    public void Specificity_range_by_hand_with_interpolation_at_the_range_end()
    {
        // Specificity 0.8–1 is FPR 0–0.2, inside the diagonal segment (0, 1/3)–(1/4, 2/3) of slope (1/3)/(1/4) = 4/3.
        // Interpolated TPR at FPR 0.2: 1/3 + 4/3·0.2 = 0.6. Trapezoid: 0.2·(1/3 + 0.6)/2 = 7/75 = 0.09333…
        // McClish: min = 0.2²/2 = 0.02 = 1/50, max = 0.2; (1 + (7/75 − 1/50)/(9/50))/2 = (1 + 11/27)/2 = 19/27.
        var result = PartialAuc.Compute(Scores, Outcomes);

        Assert.Equal(7.0 / 75.0, result.Area, 12);
        Assert.Equal(19.0 / 27.0, result.Corrected, 12);
        Assert.Equal(0.02, result.MinimumArea, 12);
        Assert.Equal(0.2, result.MaximumArea, 12);
        Assert.Equal(PartialAucFocus.Specificity, result.Focus);
    }

    [Fact]
    public void Sensitivity_range_by_hand()
    {
        // Sensitivity 0.8–1: ∫ (1 − FPR) dTPR over TPR ∈ [0.8, 1]. Only the vertical step at FPR 1/2 from TPR 2/3 to 1
        // crosses it, where 1 − FPR = 0.5: area 0.2·0.5 = 0.1. McClish: (1 + (0.1 − 0.02)/0.18)/2 = (1 + 4/9)/2 = 13/18.
        var result = PartialAuc.Compute(Scores, Outcomes, 0.8, 1.0, PartialAucFocus.Sensitivity);

        Assert.Equal(0.1, result.Area, 12);
        Assert.Equal(13.0 / 18.0, result.Corrected, 12);
    }

    [Theory]
    [InlineData(PartialAucFocus.Specificity)]
    [InlineData(PartialAucFocus.Sensitivity)]
    public void The_full_range_is_the_auc_and_its_correction_is_the_identity(PartialAucFocus focus)
    {
        // Mann-Whitney by hand: 0.9 beats all 4 (4), 0.8 beats 3 and ties 1 (3.5), 0.4 beats 2 (2): 9.5/12.
        // Over [0, 1] min = 0.5, max = 1, so (1 + (A − 0.5)/0.5)/2 = A.
        var result = PartialAuc.Compute(Scores, Outcomes, 0.0, 1.0, focus);

        Assert.Equal(9.5 / 12.0, result.Area, 12);
        Assert.Equal(9.5 / 12.0, result.Corrected, 12);
    }

    [Theory]
    [InlineData(PartialAucFocus.Specificity)]
    [InlineData(PartialAucFocus.Sensitivity)]
    public void Perfect_separation_gives_the_full_rectangle_and_a_corrected_value_of_one(PartialAucFocus focus)
    {
        double[] scores = [5, 6, 7, 1, 2, 3, 4];
        bool[] outcomes = [true, true, true, false, false, false, false];

        var result = PartialAuc.Compute(scores, outcomes, 0.8, 1.0, focus);

        // Closed form: the curve runs along the top (TPR = 1 for all FPR > 0), so the area is the range's width 1 − 0.8.
        Assert.Equal(0.2, result.Area, 12);
        Assert.Equal(1.0, result.Corrected, 12);
    }

    [Theory]
    [InlineData(0.8, 1.0, PartialAucFocus.Specificity, 0.02)]
    [InlineData(0.6, 0.9, PartialAucFocus.Specificity, 0.075)]
    [InlineData(0.6, 0.9, PartialAucFocus.Sensitivity, 0.075)]
    public void A_score_equal_for_everyone_follows_the_diagonal_and_is_corrected_to_one_half(double from, double to, PartialAucFocus focus, double diagonalArea)
    {
        // One tie group: the ROC is the diagonal TPR = FPR. Specificity [0.8, 1] is FPR [0, 0.2]: ∫₀^0.2 x dx = 0.02.
        // Specificity [0.6, 0.9] is FPR [0.1, 0.4]: ∫ x dx = (0.16 − 0.01)/2 = 0.075. Sensitivity [0.6, 0.9]:
        // ∫_{0.6}^{0.9} (1 − t) dt = 0.075 too.
        double[] scores = [1, 1, 1, 1, 1];
        bool[] outcomes = [true, false, true, false, false];

        var result = PartialAuc.Compute(scores, outcomes, from, to, focus);

        Assert.Equal(diagonalArea, result.Area, 12);
        Assert.Equal(diagonalArea, result.MinimumArea, 12);
        Assert.Equal(0.5, result.Corrected, 12);
    }

    [Theory]
    [InlineData(0.8, 0.8)]
    [InlineData(-0.1, 1.0)]
    [InlineData(0.5, 1.1)]
    [InlineData(0.9, 0.8)]
    public void An_invalid_range_is_rejected(double from, double to)
    {
        var ex = Assert.Throws<ArgumentException>(() => PartialAuc.Compute(Scores, Outcomes, from, to));
        Assert.Contains("0 ≤ from < to ≤ 1", ex.Message, StringComparison.Ordinal);
    }
}
