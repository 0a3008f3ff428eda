using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class AveragePrecisionTests
{
    [Fact]
    public void Hand_computed_average_precision()
    {
        // Descending: 0.9 T, 0.8 F, 0.7 T, 0.6 F; 2 positives.
        // ≥0.9: R ½, P 1 → ½·1;  ≥0.8: R unchanged → 0;  ≥0.7: R 1, P ⅔ → ½·⅔;  ≥0.6: R unchanged → 0.
        // AP = ½ + ⅓ = 0.8333…
        Assert.Equal(0.5 + (1.0 / 3.0), AveragePrecision.Compute([0.9, 0.8, 0.7, 0.6], [true, false, true, false]), 12);
    }

    [Fact]
    public void Tied_scores_form_one_threshold()
    {
        // 0.5 T, 0.5 F (tied), 0.2 T: ≥0.5: R ½, P ½ → ¼;  ≥0.2: R 1, P ⅔ → ½·⅔ = ⅓.  AP = 7/12.
        Assert.Equal(7.0 / 12.0, AveragePrecision.Compute([0.5, 0.5, 0.2], [true, false, true]), 12);
    }

    [Fact]
    public void Perfect_ranking_gives_one_and_a_constant_score_gives_the_base_rate()
    {
        Assert.Equal(1.0, AveragePrecision.Compute([4, 3, 2, 1], [true, true, false, false]), 12);
        Assert.Equal(0.25, AveragePrecision.Compute([1, 1, 1, 1], [true, false, false, false]), 12);
    }

    [Fact]
    public void No_positive_case_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => AveragePrecision.Compute([1, 2], [false, false]));
        Assert.Contains("No case has the outcome", ex.Message, StringComparison.Ordinal);
    }
}
