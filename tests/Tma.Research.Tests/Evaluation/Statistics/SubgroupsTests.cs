using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class SubgroupsTests
{
    [Fact]
    public void Per_group_rows_and_largest_gaps_by_hand()
    {
        // Threshold 0.5.
        //  A: (.9 T) (.6 T) (.4 T) (.7 F) (.2 F)  → TP 2, FN 1, FP 1, TN 1: TPR ⅔, FPR ½
        //  B: (.8 T) (.3 F) (.1 F) (.2 F)         → TP 1, FN 0, FP 0, TN 3: TPR 1, FPR 0
        //  C: (.3 T) (.6 F) (.9 F)                → TP 0, FN 1, FP 2, TN 0: TPR 0, FPR 1
        // TPR gap: B (1) − C (0) = 1.  FPR gap: C (1) − B (0) = 1.
        double[] scores = [0.9, 0.6, 0.4, 0.7, 0.2, 0.8, 0.3, 0.1, 0.2, 0.3, 0.6, 0.9];
        bool[] outcomes = [true, true, true, false, false, true, false, false, false, true, false, false];
        string[] groups = ["A", "A", "A", "A", "A", "B", "B", "B", "B", "C", "C", "C"];

        var report = Subgroups.AtThreshold(scores, outcomes, groups, 0.5);

        Assert.Equal(["A", "B", "C"], report.Groups.Select(g => g.Group));
        var a = report.Groups[0].Row;
        Assert.Equal((2, 1, 1, 1), (a.TruePositives, a.FalsePositives, a.TrueNegatives, a.FalseNegatives));
        Assert.Equal(0.6, a.BaseRate.Estimate, 12);
        Assert.Equal(("B", "C", 1.0), (report.TruePositiveRateGap!.HigherGroup, report.TruePositiveRateGap.LowerGroup, report.TruePositiveRateGap.Difference));
        Assert.Equal(("C", "B", 1.0), (report.FalsePositiveRateGap!.HigherGroup, report.FalsePositiveRateGap.LowerGroup, report.FalsePositiveRateGap.Difference));
    }

    [Fact]
    public void Groups_without_cases_of_a_class_are_left_out_of_that_gap()
    {
        // Group X has no case with the outcome, so its TPR is undefined; only Y has a TPR, so there is no TPR gap.
        double[] scores = [0.9, 0.1, 0.8, 0.2];
        bool[] outcomes = [false, false, true, false];
        string[] groups = ["X", "X", "Y", "Y"];

        var report = Subgroups.AtThreshold(scores, outcomes, groups, 0.5);

        Assert.Null(report.TruePositiveRateGap);
        Assert.Equal(("X", "Y", 0.5), (report.FalsePositiveRateGap!.HigherGroup, report.FalsePositiveRateGap.LowerGroup, report.FalsePositiveRateGap.Difference));
    }

    [Fact]
    public void Band_subgroups_flag_at_or_above_the_named_band()
    {
        string[] bands = ["low", "high", "moderate", "high"];
        bool[] outcomes = [false, true, true, false];
        string[] groups = ["A", "A", "B", "B"];

        var report = Subgroups.AtBand(bands, outcomes, groups, ["low", "moderate", "high"], "moderate");

        Assert.Equal("band ≥ moderate", report.CutoffLabel);
        Assert.Equal(1, report.Groups[0].Row.TruePositives);
        Assert.Equal(1, report.Groups[1].Row.TruePositives);
        Assert.Equal(1, report.Groups[1].Row.FalsePositives);
        Assert.Throws<ArgumentException>(() => Subgroups.AtBand(bands, outcomes, groups, ["low", "moderate", "high"], "urgent"));
    }
}
