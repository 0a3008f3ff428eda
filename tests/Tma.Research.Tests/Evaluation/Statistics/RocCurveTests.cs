using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class RocCurveTests
{
    [Fact]
    public void One_point_per_distinct_threshold_with_ties_moving_together()
    {
        // Scores (outcome): 3 (T), 2 (T), 2 (F), 1 (F); 2 positives, 2 negatives.
        // ≥ +∞: (0, 0); ≥ 3: TP 1 → (0, ½); ≥ 2: TP 2, FP 1 → (½, 1); ≥ 1: (1, 1).
        double[] scores = [3, 2, 2, 1];
        bool[] outcomes = [true, true, false, false];

        var curve = RocCurve.Compute(scores, outcomes);

        Assert.Equal(4, curve.Count);
        Assert.Equal(double.PositiveInfinity, curve[0].Threshold);
        Assert.Equal((0.0, 0.0), (curve[0].FalsePositiveRate, curve[0].TruePositiveRate));
        Assert.Equal((3.0, 0.0, 0.5), (curve[1].Threshold, curve[1].FalsePositiveRate, curve[1].TruePositiveRate));
        Assert.Equal((2.0, 0.5, 1.0), (curve[2].Threshold, curve[2].FalsePositiveRate, curve[2].TruePositiveRate));
        Assert.Equal((1.0, 1.0, 1.0), (curve[3].Threshold, curve[3].FalsePositiveRate, curve[3].TruePositiveRate));
    }

    [Property(MaxTest = 300)]
    public Property Trapezoid_area_under_the_curve_equals_the_mann_whitney_auc() =>
        Prop.ForAll(StatisticsTestData.LabelledScores(), static d =>
        {
            var curve = RocCurve.Compute(d.Scores, d.Outcomes);
            var area = 0.0;
            for (var k = 1; k < curve.Count; k++)
            {
                area += (curve[k].FalsePositiveRate - curve[k - 1].FalsePositiveRate)
                    * (curve[k].TruePositiveRate + curve[k - 1].TruePositiveRate) / 2;
            }

            var distinct = d.Scores.Distinct().Count();
            return Math.Abs(area - Auc.PointEstimate(d.Scores, d.Outcomes)) < 1e-12 && curve.Count == distinct + 1;
        });

    [Property(MaxTest = 300)]
    public Property Thinning_keeps_the_corners_order_and_the_limit() =>
        Prop.ForAll(StatisticsTestData.LabelledScores(), Gen.Choose(2, 8).ToArbitrary(), static (d, max) =>
        {
            var curve = RocCurve.Compute(d.Scores, d.Outcomes);
            var thin = RocCurve.Thin(curve, max);
            var positions = thin.Select(p => curve.ToList().IndexOf(p)).ToArray();
            return thin.Count <= max
                && thin.Count >= Math.Min(2, curve.Count)
                && ReferenceEquals(thin[0], curve[0])
                && ReferenceEquals(thin[^1], curve[^1])
                && positions.Zip(positions.Skip(1)).All(static p => p.First < p.Second);
        });

    [Fact]
    public void Thinning_a_large_curve_spreads_points_along_it()
    {
        var (scores, outcomes) = StatisticsTestData.Binormal(5000, 5000, 1.0, 21);
        var curve = RocCurve.Compute(scores, outcomes);

        var thin = RocCurve.Thin(curve, 50);

        Assert.InRange(thin.Count, 45, 50);
        var largestStep = thin.Zip(thin.Skip(1)).Max(p =>
            Math.Abs(p.Second.FalsePositiveRate - p.First.FalsePositiveRate) + Math.Abs(p.Second.TruePositiveRate - p.First.TruePositiveRate));
        Assert.True(largestStep < 2.0 / 49 * 1.5, $"largest step {largestStep}");
        Assert.Throws<ArgumentException>(() => RocCurve.Thin(curve, 1));
    }
}
