using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Tests.Evaluation.Statistics;

public sealed class ConcordanceTests
{
    // The six rows of SurvivalTestData.SixRows (time, event, score):
    //   A 2 1 .90 · B 3 0 .95 · C 4 1 .70 · D 4 0 .20 · E 5 1 .70 · F 6 0 .10
    // Comparable pairs (earlier event first; D censored at C's time outlives C):
    //   A–B discordant (.90 < .95), A–C, A–D, A–E, A–F concordant
    //   C–D concordant, C–E tied (.70 = .70), C–F concordant
    //   E–F concordant
    //   → 7 concordant, 1 tied, 1 discordant, 9 pairs; Harrell's C = (7 + ½)/9 = .8333.
    [Fact]
    public void Harrell_C_by_hand_with_every_comparable_pair()
    {
        var (times, events, scores) = SurvivalTestData.SixRows();

        var result = HarrellC.Compute(times, events, scores);

        Assert.Equal((9L, 7L, 1L, 1L), (result.ComparablePairs, result.Concordant, result.Tied, result.Discordant));
        Assert.Equal(7.5 / 9, result.C, 12);
    }

    [Fact]
    public void Infinitesimal_jackknife_standard_error_by_hand()
    {
        // Per row k: A_k = concordant + ½ tied over the pairs containing k, M_k = those pairs; ∂C/∂w_k = (A_k − C·M_k)/M, M = 9, C = 5/6.
        //   A: A 4,   M 5 → (4 − 25/6)/9   = −1/54
        //   B: A 0,   M 1 → (0 − 5/6)/9    = −5/54
        //   C: A 3.5, M 4 → (3.5 − 20/6)/9 = 1/54
        //   D: A 2,   M 2 → (2 − 10/6)/9   = 2/54
        //   E: A 2.5, M 3 → 0
        //   F: A 3,   M 3 → (3 − 2.5)/9    = 3/54
        //   Var = (1 + 25 + 1 + 4 + 0 + 9)/54² = 40/2916, SE = √40/54 = .11712.
        var (times, events, scores) = SurvivalTestData.SixRows();

        var result = HarrellC.Compute(times, events, scores);

        Assert.Equal(Math.Sqrt(40) / 54, result.StandardError, 12);
        Assert.Equal(Math.Max(0, (7.5 / 9) - (1.959963984540054 * Math.Sqrt(40) / 54)), result.Lower, 9);
        Assert.Equal(1.0, result.Upper, 12); // .8333 + .2296 clipped to 1
    }

    [Fact]
    public void Censoring_weights_are_the_reverse_Kaplan_Meier_left_limits()
    {
        // Censoring KM Ĝ (censoring is the "event"): t=3 n 5, one censored → .8; t=4 n 4, D censored → .8·¾ = .6; t=6 n 1 → 0.
        // Left limits at the event times: Ĝ(2−) = 1, Ĝ(4−) = .8 (D at 4 is left out), Ĝ(5−) = .6.
        var (times, events, _) = SurvivalTestData.SixRows();

        var weights = CensoringWeights.Estimate(times, events);

        Assert.Equal(1.0, weights.Before(2), 12);
        Assert.Equal(0.8, weights.Before(4), 12);
        Assert.Equal(0.6, weights.At(4), 12);
        Assert.Equal(0.6, weights.Before(5), 12);
        Assert.Equal(0.0, weights.At(6), 12);
    }

    [Fact]
    public void Uno_C_by_hand_with_inverse_squared_censoring_weights()
    {
        // Weights 1/Ĝ(T_i−)² of the events: A 1, C 1/.8² = 25/16, E 1/.6² = 25/9.
        // τ = 6: numerator = 1·(4 + 0) + 25/16·(2 + ½) + 25/9·1, denominator = 1·5 + 25/16·3 + 25/9·1 → .85710.
        // τ = 5: E (T = 5, not < τ) drops out: (4 + 125/32)/(5 + 75/16) = .81613.
        var (times, events, scores) = SurvivalTestData.SixRows();

        Assert.Equal((4 + (25.0 / 16 * 2.5) + (25.0 / 9)) / (5 + (25.0 / 16 * 3) + (25.0 / 9)), UnoC.Compute(times, events, scores, 6), 12);
        Assert.Equal((4 + (25.0 / 16 * 2.5)) / (5 + (25.0 / 16 * 3)), UnoC.Compute(times, events, scores, 5), 12);
        Assert.Equal(0.85710, UnoC.Compute(times, events, scores, 6), 5);
    }

    [Fact]
    public void Time_dependent_AUC_by_hand()
    {
        // τ = 4.5: cases (event, T ≤ τ) A and C with weights 1/Ĝ(T−) = 1 and 1/.8 = 1.25; controls (T > τ) E .70 and F .10;
        // B and D are censored before τ (weight 0).
        //   A .90 is above both controls → 1; C .70 ties E and is above F → (½ + 1)/2 = .75.
        //   AUC = (1·1 + 1.25·.75)/(1 + 1.25) = 1.9375/2.25 = .86111 (unweighted it would be .875).
        var (times, events, scores) = SurvivalTestData.SixRows();

        var result = TimeDependentAuc.Compute(times, events, scores, 4.5);

        Assert.Equal(1.9375 / 2.25, result.Auc, 12);
        Assert.Equal((2, 2, 2), (result.Cases, result.Controls, result.CensoredBeforeHorizon));
    }

    [Fact]
    public void Without_censoring_Uno_C_beyond_the_last_time_equals_Harrell_C()
    {
        // Ĝ ≡ 1 without censoring, so every weight is 1 and the two sums are Harrell's.
        var random = new Random(7);
        var times = Enumerable.Range(0, 300).Select(_ => (double)random.Next(1, 60)).ToArray();
        var events = times.Select(_ => true).ToArray();
        var scores = Enumerable.Range(0, 300).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray();

        Assert.Equal(HarrellC.Compute(times, events, scores).C, UnoC.Compute(times, events, scores, 1000), 12);
    }

    [Fact]
    public void Perfect_ordering_gives_one_and_reversed_ordering_zero()
    {
        double[] times = [1, 2, 3, 4, 5, 6];
        bool[] events = [true, false, true, true, false, true];
        double[] risk = [6, 5, 4, 3, 2, 1];

        Assert.Equal(1.0, HarrellC.Compute(times, events, risk).C);
        Assert.Equal(1.0, UnoC.Compute(times, events, risk, 6));
        Assert.Equal(0.0, HarrellC.Compute(times, events, [.. risk.Select(r => -r)]).C);
        Assert.Equal(1.0, TimeDependentAuc.Compute(times, events, risk, 3.5).Auc);
    }

    [Fact]
    public void Harrell_C_agrees_with_the_quadratic_definition_on_random_data()
    {
        // An O(N²) loop over all pairs with the same definition, written independently of the Fenwick sweep.
        var random = new Random(11);
        var n = 400;
        var times = Enumerable.Range(0, n).Select(_ => (double)random.Next(1, 40)).ToArray();
        var events = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.6).ToArray();
        var scores = Enumerable.Range(0, n).Select(_ => (double)random.Next(0, 10)).ToArray();
        long concordant = 0, tied = 0, discordant = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var comparable = events[i] && (times[i] < times[j] || (times[i] == times[j] && !events[j]));
                if (!comparable)
                {
                    continue;
                }

                if (scores[i] > scores[j])
                {
                    concordant++;
                }
                else if (scores[i] == scores[j])
                {
                    tied++;
                }
                else
                {
                    discordant++;
                }
            }
        }

        var result = HarrellC.Compute(times, events, scores);

        Assert.Equal((concordant, tied, discordant), (result.Concordant, result.Tied, result.Discordant));
        Assert.Equal((concordant + (0.5 * tied)) / (concordant + tied + discordant), result.C, 12);
    }

    [Fact]
    public void No_comparable_pair_gives_NaN()
    {
        Assert.True(double.IsNaN(HarrellC.Compute([1, 2], [false, false], [1, 2]).C));
        Assert.True(double.IsNaN(TimeDependentAuc.Compute([1, 2], [true, true], [1, 2], 5).Auc)); // no control
    }
}
