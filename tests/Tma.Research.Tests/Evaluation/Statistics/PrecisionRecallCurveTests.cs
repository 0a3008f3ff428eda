using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class PrecisionRecallCurveTests
{
    [Fact]
    public void One_point_per_distinct_threshold_computed_by_hand()
    {
        // Scores (outcome): 3 (T), 2 (T), 2 (F), 1 (F), 1 (T); 3 with the outcome.
        // ≥ 3: TP 1, FP 0 → recall 1/3, precision 1;  ≥ 2: TP 2, FP 1 → recall 2/3, precision 2/3;
        // ≥ 1: TP 3, FP 2 → recall 1, precision 3/5.
        double[] scores = [3, 2, 2, 1, 1];
        bool[] outcomes = [true, true, false, false, true];

        var curve = PrecisionRecallCurve.Compute(scores, outcomes);

        Assert.Equal(3, curve.Count);
        Assert.Equal((3.0, 1, 0), (curve[0].Threshold, curve[0].TruePositives, curve[0].FalsePositives));
        Assert.Equal(1.0 / 3, curve[0].Recall, 12);
        Assert.Equal(1.0, curve[0].Precision, 12);
        Assert.Equal(2.0 / 3, curve[1].Recall, 12);
        Assert.Equal(2.0 / 3, curve[1].Precision, 12);
        Assert.Equal(1.0, curve[2].Recall, 12);
        Assert.Equal(0.6, curve[2].Precision, 12);

        // Read step-wise, the area is 1/3·1 + 1/3·2/3 + 1/3·3/5 = 15/45 + 10/45 + 9/45 = 34/45: the average precision.
        var stepArea = curve.Select((p, k) => (p.Recall - (k == 0 ? 0 : curve[k - 1].Recall)) * p.Precision).Sum();
        Assert.Equal(34.0 / 45, stepArea, 12);
        Assert.Equal(34.0 / 45, AveragePrecision.Compute(scores, outcomes), 12);
    }

    [Fact]
    public void Thinning_keeps_both_ends_and_at_most_the_asked_points()
    {
        var random = new Random(4);
        var scores = Enumerable.Range(0, 2000).Select(_ => random.NextDouble()).ToArray();
        var outcomes = scores.Select(s => random.NextDouble() < s).ToArray();
        var curve = PrecisionRecallCurve.Compute(scores, outcomes);

        var thin = PrecisionRecallCurve.Thin(curve, 50);

        Assert.InRange(thin.Count, 2, 50);
        Assert.Equal(curve[0], thin[0]);
        Assert.Equal(curve[^1], thin[^1]);
        Assert.Equal(1.0, thin[^1].Recall);
    }

    [Fact]
    public void No_case_with_the_outcome_is_rejected() =>
        Assert.Throws<ArgumentException>(() => PrecisionRecallCurve.Compute([1, 2], [false, false]));
}
