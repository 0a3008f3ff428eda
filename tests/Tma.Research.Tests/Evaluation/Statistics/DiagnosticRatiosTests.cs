using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class DiagnosticRatiosTests
{
    // z = Φ⁻¹(0.975) = 1.959963984540054 throughout.
    [Fact]
    public void Likelihood_ratios_odds_ratio_and_mcc_by_hand()
    {
        // TP 40, FP 10, TN 90, FN 20: sensitivity 40/60 = 2/3, specificity 90/100 = 0.9.
        // LR+ = (2/3)/0.1 = 6.6667; SE(ln) = √(1/40 − 1/60 + 1/10 − 1/100) = √0.0983333 = 0.3135815;
        //   exp(ln 6.6667 ∓ 1.959964·0.3135815) = 3.605684, 12.326216.
        // LR− = (1/3)/0.9 = 0.3703704; SE(ln) = √(1/20 − 1/60 + 1/90 − 1/100) = √0.0344444 = 0.1855921; 0.2574304, 0.5328593.
        // DOR = 40·90/(10·20) = 18; Woolf SE = √(1/40 + 1/10 + 1/90 + 1/20) = 0.4314060; 7.727857, 41.926242.
        // MCC = (40·90 − 10·20)/√(50·60·100·110) = 3400/5744.563 = 0.5918640.
        var lrPlus = DiagnosticRatios.PositiveLikelihoodRatio(40, 10, 90, 20);
        var lrMinus = DiagnosticRatios.NegativeLikelihoodRatio(40, 10, 90, 20);
        var dor = DiagnosticRatios.DiagnosticOddsRatio(40, 10, 90, 20);

        Assert.Equal(20.0 / 3.0, lrPlus.Estimate, 10);
        Assert.Equal(0.31358146, lrPlus.LogStandardError, 7);
        Assert.Equal(3.605684, lrPlus.Lower, 5);
        Assert.Equal(12.326216, lrPlus.Upper, 5);
        Assert.False(lrPlus.ContinuityCorrected);
        Assert.Equal(10.0 / 27.0, lrMinus.Estimate, 10);
        Assert.Equal(0.2574304, lrMinus.Lower, 6);
        Assert.Equal(0.5328593, lrMinus.Upper, 6);
        Assert.Equal(18.0, dor.Estimate, 10);
        Assert.Equal(0.4314060, dor.LogStandardError, 6);
        Assert.Equal(7.727857, dor.Lower, 5);
        Assert.Equal(41.926242, dor.Upper, 5);

        // DOR = LR+ / LR− (Glas et al. 2003).
        Assert.Equal(lrPlus.Estimate / lrMinus.Estimate, dor.Estimate, 10);
        Assert.Equal(0.5918640, DiagnosticRatios.MatthewsCorrelation(40, 10, 90, 20), 6);
    }

    [Fact]
    public void A_zero_cell_gets_the_haldane_correction_and_says_so()
    {
        // TP 10, FP 0, TN 20, FN 5. LR+ divides by FP = 0: +0.5 on every cell → (10.5/16)/(0.5/21) = 27.5625.
        // DOR: (10.5·20.5)/(0.5·5.5) = 78.272727, SE √(1/10.5 + 1/0.5 + 1/20.5 + 1/5.5) = 1.5250694.
        // LR− needs FN and TN only, both > 0: (5/15)/(20/20) = 1/3 uncorrected, SE √(1/5 − 1/15 + 1/20 − 1/20) = 0.3651484.
        // MCC = (10·20 − 0)/√(10·15·20·25) = 200/273.861 = 0.7302967.
        var lrPlus = DiagnosticRatios.PositiveLikelihoodRatio(10, 0, 20, 5);
        var lrMinus = DiagnosticRatios.NegativeLikelihoodRatio(10, 0, 20, 5);
        var dor = DiagnosticRatios.DiagnosticOddsRatio(10, 0, 20, 5);

        Assert.True(lrPlus.ContinuityCorrected);
        Assert.Equal(27.5625, lrPlus.Estimate, 10);
        Assert.False(lrMinus.ContinuityCorrected);
        Assert.Equal(1.0 / 3.0, lrMinus.Estimate, 12);
        Assert.Equal(0.3651484, lrMinus.LogStandardError, 6);
        Assert.True(dor.ContinuityCorrected);
        Assert.Equal(215.25 / 2.75, dor.Estimate, 10);
        Assert.Equal(1.5250694, dor.LogStandardError, 6);
        Assert.Equal(0.7302967, DiagnosticRatios.MatthewsCorrelation(10, 0, 20, 5), 6);
    }

    [Fact]
    public void Undefined_cases_are_nan()
    {
        // No case with the outcome: sensitivity and every ratio are undefined. Everyone flagged: TN + FN = 0, MCC undefined.
        Assert.True(double.IsNaN(DiagnosticRatios.PositiveLikelihoodRatio(0, 5, 5, 0).Estimate));
        Assert.True(double.IsNaN(DiagnosticRatios.DiagnosticOddsRatio(0, 5, 5, 0).Estimate));
        Assert.True(double.IsNaN(DiagnosticRatios.MatthewsCorrelation(7, 3, 0, 0)));

        // Everyone flagged (TP 7, FP 3, TN 0, FN 0): sensitivity 1, specificity 0. LR+ = 1/1 = 1 with SE
        // √(1/7 − 1/7 + 1/3 − 1/3) = 0; LR− = 0/0 and DOR = 0/0 are undefined, not Haldane-corrected.
        var lrPlus = DiagnosticRatios.PositiveLikelihoodRatio(7, 3, 0, 0);
        Assert.Equal((1.0, 1.0, 1.0), (lrPlus.Estimate, lrPlus.Lower, lrPlus.Upper));
        Assert.True(double.IsNaN(DiagnosticRatios.NegativeLikelihoodRatio(7, 3, 0, 0).Estimate));
        Assert.True(double.IsNaN(DiagnosticRatios.DiagnosticOddsRatio(7, 3, 0, 0).Estimate));

        // Nothing flagged: LR+ = 0/0.
        Assert.True(double.IsNaN(DiagnosticRatios.PositiveLikelihoodRatio(0, 0, 3, 7).Estimate));

        // Perfect agreement of flag and outcome: MCC = 1 (closed form: TP·TN/√(TP·TP·TN·TN)).
        Assert.Equal(1.0, DiagnosticRatios.MatthewsCorrelation(4, 0, 6, 0), 12);
    }

    [Fact]
    public void Cutoff_rows_carry_the_ratios()
    {
        var row = CutoffTable.ForFlags([true, true, false, false, true, false], [true, true, true, false, false, false], "rule");

        // TP 2, FP 1, TN 2, FN 1: LR+ = (2/3)/(1/3) = 2; LR− = (1/3)/(2/3) = 0.5; DOR = 4; MCC = (4 − 1)/√(3·3·3·3) = 1/3.
        Assert.Equal(2.0, row.PositiveLikelihoodRatio!.Estimate, 12);
        Assert.Equal(0.5, row.NegativeLikelihoodRatio!.Estimate, 12);
        Assert.Equal(4.0, row.DiagnosticOddsRatio!.Estimate, 12);
        Assert.Equal(1.0 / 3.0, row.MatthewsCorrelation!.Value, 12);
    }

    [Fact]
    public void Negative_counts_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => DiagnosticRatios.DiagnosticOddsRatio(-1, 1, 1, 1));
    }
}
