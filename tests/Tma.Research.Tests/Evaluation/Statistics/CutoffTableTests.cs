using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class CutoffTableTests
{
    private static readonly double[] Scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];
    private static readonly bool[] Outcomes = [true, false, true, false, true, false, false, false];

    [Fact]
    public void Threshold_row_by_hand()
    {
        // Flagged (≥ 0.55): .9 T, .8 F, .7 T, .6 F → TP 2, FP 2.  Unflagged: .5 T, .4 F, .3 F, .2 F → FN 1, TN 3.
        // Sens 2/3, spec 3/5, PPV 2/4, NPV 3/4, NND 1/PPV = 2, NSD TN/FN = 3, base rate 3/8.
        var table = CutoffTable.AtThresholds(Scores, Outcomes, [0.55]);
        var row = table.Rows.Single();

        Assert.Equal((8, 3, 0.375), (table.N, table.Events, table.BaseRate.Estimate));
        Assert.Equal((2, 2, 3, 1), (row.TruePositives, row.FalsePositives, row.TrueNegatives, row.FalseNegatives));
        Assert.Equal(2.0 / 3, row.Sensitivity.Estimate, 12);
        Assert.Equal(0.6, row.Specificity.Estimate, 12);
        Assert.Equal(0.5, row.PositivePredictiveValue.Estimate, 12);
        Assert.Equal(0.75, row.NegativePredictiveValue.Estimate, 12);
        Assert.Equal(2.0, row.NumberNeededToDetain, 12);
        Assert.Equal(3.0, row.NumberSafelyDischarged, 12);
        Assert.Equal(0.55, row.Threshold);
        Assert.Equal(WilsonInterval.Compute(2, 3), row.Sensitivity);
    }

    [Fact]
    public void A_score_equal_to_the_threshold_is_flagged()
    {
        var row = CutoffTable.AtThresholds(Scores, Outcomes, [0.5]).Rows[0];
        Assert.Equal(3, row.TruePositives);
        Assert.Equal(0, row.FalseNegatives);
        Assert.Equal(double.PositiveInfinity, row.NumberSafelyDischarged);
    }

    [Fact]
    public void Threshold_above_every_score_flags_nobody()
    {
        var row = CutoffTable.AtThresholds(Scores, Outcomes, [2.0]).Rows[0];
        Assert.Equal(0, row.TruePositives + row.FalsePositives);
        Assert.True(double.IsNaN(row.PositivePredictiveValue.Estimate));
        Assert.True(double.IsNaN(row.NumberNeededToDetain));
    }

    [Fact]
    public void Band_rows_flag_at_or_above_each_band()
    {
        // low: (F, F, T) · moderate: (F, T) · high: (T, T, F).  Events 4 of 8.
        // ≥ high: TP 2, FP 1, FN 2, TN 3.  ≥ moderate: TP 3, FP 2, FN 1, TN 2.  ≥ low: everyone flagged.
        string[] bands = ["low", "low", "low", "moderate", "moderate", "high", "high", "high"];
        bool[] outcomes = [false, false, true, false, true, true, true, false];

        var table = CutoffTable.ForBands(bands, outcomes, ["low", "moderate", "high"]);

        Assert.Equal(["band ≥ low", "band ≥ moderate", "band ≥ high"], table.Rows.Select(r => r.Label));
        Assert.Equal((4, 4, 0, 0), Cells(table.Rows[0]));
        Assert.Equal((3, 2, 2, 1), Cells(table.Rows[1]));
        Assert.Equal((2, 1, 3, 2), Cells(table.Rows[2]));
        Assert.Equal(1.5, table.Rows[2].NumberNeededToDetain, 12);
        Assert.Equal(1.5, table.Rows[2].NumberSafelyDischarged, 12);
        Assert.Equal(0.5, table.BaseRate.Estimate);

        static (int, int, int, int) Cells(CutoffRow r) => (r.TruePositives, r.FalsePositives, r.TrueNegatives, r.FalseNegatives);
    }

    [Property(MaxTest = 300)]
    public Property Sorted_thresholds_agree_with_direct_counting() =>
        Prop.ForAll(StatisticsTestData.LabelledScores(), Gen.Choose(-1, 11).ToArbitrary(), static (d, t) =>
        {
            var row = CutoffTable.AtThresholds(d.Scores, d.Outcomes, [t]).Rows[0];
            var flagged = d.Scores.Select(s => s >= t).ToArray();
            var direct = CutoffTable.ForFlags(flagged, d.Outcomes, "direct");
            return (row.TruePositives, row.FalsePositives, row.TrueNegatives, row.FalseNegatives)
                == (direct.TruePositives, direct.FalsePositives, direct.TrueNegatives, direct.FalseNegatives);
        });

    [Fact]
    public void Unknown_band_is_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => CutoffTable.ForBands(["low", "hgih"], [true, false], ["low", "high"]));
        Assert.Contains("bands[1]", ex.Message, StringComparison.Ordinal);
    }
}
