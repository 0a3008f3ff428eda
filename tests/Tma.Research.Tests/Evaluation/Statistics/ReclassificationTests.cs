using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class ReclassificationTests
{
    // Three cases with the outcome and three without; old and new predicted probabilities.
    private static readonly double[] Old = [0.4, 0.6, 0.5, 0.3, 0.2, 0.4];
    private static readonly double[] New = [0.6, 0.7, 0.4, 0.1, 0.2, 0.5];
    private static readonly bool[] Outcomes = [true, true, true, false, false, false];

    [Fact]
    public void Idi_and_its_standard_error_by_hand()
    {
        // Differences new − old. Events: +0.2, +0.1, −0.1, mean 0.2/3 = 0.0667; squared deviations from the mean
        // 0.01778 + 0.00111 + 0.02778 = 0.04667, /(3 − 1) = 0.02333 (variance), /3 = 0.007778 (SE² of the mean).
        // Non-events: −0.2, 0, +0.1, mean −0.0333; the same squared deviations, SE² 0.007778.
        // IDI = 0.0667 − (−0.0333) = 0.1; SE = √(0.007778 + 0.007778) = √0.015556 = 0.1247219; z = 0.8017837;
        // p = 2Φ(−0.8017837) = 0.4226781; 95 % CI 0.1 ∓ 1.959964·0.1247219 = 0.1 ∓ 0.2444505.
        var result = Reclassification.IntegratedDiscrimination(Old, New, Outcomes);

        Assert.Equal(0.1, result.Improvement.Estimate, 12);
        Assert.Equal(0.1247219, result.Improvement.StandardError, 7);
        Assert.Equal(0.8017837, result.Improvement.Z, 6);
        Assert.Equal(0.4226781, result.Improvement.PValue, 6);
        Assert.Equal(0.1 - 0.2444505, result.Improvement.Lower, 6);
        Assert.Equal(0.1 + 0.2444505, result.Improvement.Upper, 6);

        // Means: events new (0.6 + 0.7 + 0.4)/3 = 0.5667, old 0.5; non-events new 0.2667, old 0.3.
        Assert.Equal(1.7 / 3, result.MeanNewEvents, 12);
        Assert.Equal(0.5, result.MeanOldEvents, 12);
        Assert.Equal(0.8 / 3, result.MeanNewNonEvents, 12);
        Assert.Equal(0.3, result.MeanOldNonEvents, 12);
        Assert.Equal(result.SlopeNew - result.SlopeOld, result.Improvement.Estimate, 12);
    }

    [Fact]
    public void Continuous_nri_and_its_standard_error_by_hand()
    {
        // Events: up (0.4→0.6), up (0.6→0.7), down (0.5→0.4): (2 − 1)/3 = 1/3.
        // Non-events: down (0.3→0.1), equal (0.2→0.2), up (0.4→0.5): (1 − 1)/3 = 0. NRI = 1/3.
        // Pencina 2008 SE = √((2 + 1)/3/3 + (1 + 1)/3/3) = √(5/9) = 0.7453560; z = 0.4472136; p = 0.6547208.
        var result = Reclassification.ContinuousNri(Old, New, Outcomes);

        Assert.Equal(1.0 / 3.0, result.EventPart, 12);
        Assert.Equal(0.0, result.NonEventPart, 12);
        Assert.Equal(1.0 / 3.0, result.Improvement.Estimate, 12);
        Assert.Equal((2, 1, 1, 1), (result.UpEvents, result.DownEvents, result.UpNonEvents, result.DownNonEvents));
        Assert.Equal(Math.Sqrt(5.0 / 9.0), result.Improvement.StandardError, 12);
        Assert.Equal(0.4472136, result.Improvement.Z, 6);
        Assert.Equal(0.6547208, result.Improvement.PValue, 6);
    }

    [Fact]
    public void The_same_model_twice_improves_nothing()
    {
        var idi = Reclassification.IntegratedDiscrimination(Old, Old, Outcomes);
        var nri = Reclassification.ContinuousNri(Old, Old, Outcomes);

        Assert.Equal((0.0, 0.0, 0.0, 1.0), (idi.Improvement.Estimate, idi.Improvement.StandardError, idi.Improvement.Z, idi.Improvement.PValue));
        Assert.Equal((0.0, 0.0, 0.0, 1.0), (nri.Improvement.Estimate, nri.Improvement.StandardError, nri.Improvement.Z, nri.Improvement.PValue));
    }

    [Fact]
    public void Categorical_nri_from_movements_by_hand()
    {
        // 10 events: 4 up, 1 down → 0.3; 20 non-events: 2 up, 6 down → 0.2. NRI 0.5.
        // SE = √((4 + 1)/10² + (2 + 6)/20²) = √(0.05 + 0.02) = √0.07 = 0.2645751.
        var result = Reclassification.FromMovements(4, 1, 10, 2, 6, 20);

        Assert.Equal(0.5, result.Improvement.Estimate, 12);
        Assert.Equal(Math.Sqrt(0.07), result.Improvement.StandardError, 12);
    }

    [Fact]
    public void Probabilities_outside_the_unit_interval_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Reclassification.IntegratedDiscrimination([0.1, 1.2, 0.3, 0.4], [0.1, 0.2, 0.3, 0.4], [true, true, false, false]));
        Assert.Contains("[0, 1]", ex.Message, StringComparison.Ordinal);
    }
}
