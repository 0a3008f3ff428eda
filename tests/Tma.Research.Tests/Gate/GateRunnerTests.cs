using Tma.Research.Evaluation;
using Tma.Research.Gate;

namespace Tma.Research.Tests.Gate;

public sealed class GateRunnerTests : IDisposable
{
    private readonly GateFixtures _files = new();

    /// <summary>Every check, with thresholds a candidate equal to the baseline meets; latency generous (tests never judge timing).</summary>
    private static readonly GatePolicy Full = new()
    {
        MinimumAuc = 0.6,
        NonInferiorityMargin = 0.02,
        MaxCalibrationError = 0.05,
        CalibrationSlope = new GateRange(0.8, 1.2),
        MaxSubgroupGap = 0.1,
        SubgroupLevel = "high",
        MaxPpvDrop = 0.05,
        MaxLatencyRatio = 1_000,
        VersionMustIncrease = true,
    };

    public void Dispose() => _files.Dispose();

    private static GateCheck Check(GateResult result, string name) => Assert.Single(result.Checks, c => c.Name == name);

    [Fact]
    public void A_candidate_equal_to_the_baseline_passes_every_check_that_applies()
    {
        var baseline = _files.Rules("baseline");
        var candidate = _files.Rules("candidate", version: "1.1.0");
        var data = _files.Synth(candidate);

        var result = GateRunner.Run(candidate, baseline, data, Full);

        Assert.Empty(result.Diagnostics);
        var gate = result.Value!;
        Assert.True(gate.Passed, string.Join(Environment.NewLine, gate.Checks));
        Assert.Equal(["minimum_auc", "non_inferiority_margin", "max_calibration_error", "calibration_slope", "max_subgroup_gap", "max_ppv_drop", "max_latency_ratio", "version_must_increase"], gate.Checks.Select(c => c.Name));

        // Identical scores: the paired DeLong difference and its interval are exactly 0.
        Assert.Equal(0.0, Check(gate, "non_inferiority_margin").Measured);
        Assert.Equal(0.0, Check(gate, "max_ppv_drop").Measured);
        Assert.Equal(6_000, gate.Rows);
    }

    [Fact]
    public void A_points_score_makes_the_calibration_checks_not_applicable_with_the_reason_never_a_pass()
    {
        var baseline = _files.Rules("baseline");
        var candidate = _files.Rules("candidate", version: "1.1.0");
        var result = GateRunner.Run(candidate, baseline, _files.Synth(candidate), Full).Value!;

        foreach (var name in new[] { "max_calibration_error", "calibration_slope" })
        {
            var check = Check(result, name);
            Assert.Equal(GateCheckStatus.NotApplicable, check.Status);
            Assert.Null(check.Measured);
            Assert.Contains("not a probability", check.Explanation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_candidate_without_the_strongest_items_fails_non_inferiority()
    {
        var baseline = _files.Rules("baseline");
        var candidate = _files.Rules("candidate", version: "1.1.0", scoredItems: [1]);
        var data = _files.Synth(baseline);
        var reference = Evaluator.Compare(data, baseline, candidate, EvaluationOptions.Default with { BootstrapResamples = 0 }).Value!;

        var result = GateRunner.Run(candidate, baseline, data, new GatePolicy { NonInferiorityMargin = 0.02 }).Value!;

        var check = Check(result, "non_inferiority_margin");
        Assert.Equal(GateCheckStatus.Fail, check.Status);
        Assert.False(result.Passed);

        // The judged value is the lower limit of the candidate − baseline interval: the mirror of the A − B interval's upper limit.
        Assert.Equal(-reference.ScoreAuc.Upper, check.Measured!.Value, 12);
        Assert.True(reference.B.Score.Auc.Auc < reference.A.Score.Auc.Auc - 0.05, "the one-item model must discriminate clearly worse");
    }

    [Fact]
    public void A_small_loss_inside_the_margin_passes_and_the_same_loss_fails_a_tighter_margin()
    {
        var baseline = _files.Rules("baseline");
        var candidate = _files.Rules("candidate", version: "1.1.0", scoredItems: [.. Enumerable.Range(1, 7)]);
        var data = _files.Synth(baseline);

        var loose = GateRunner.Run(candidate, baseline, data, new GatePolicy { NonInferiorityMargin = 0.2 }).Value!;
        var tight = GateRunner.Run(candidate, baseline, data, new GatePolicy { NonInferiorityMargin = 0.0 }).Value!;

        Assert.True(loose.Passed);
        var measured = Check(loose, "non_inferiority_margin").Measured!.Value;
        Assert.InRange(measured, -0.2, 0.0);
        Assert.Equal(GateCheckStatus.Fail, Check(tight, "non_inferiority_margin").Status);
    }

    [Fact]
    public void A_candidate_below_the_minimum_auc_fails_it()
    {
        var baseline = _files.Rules("baseline");
        var candidate = _files.Rules("candidate", version: "1.1.0", scoredItems: [1]);
        var result = GateRunner.Run(candidate, baseline, _files.Synth(baseline), new GatePolicy { MinimumAuc = 0.75 }).Value!;

        Assert.Equal(GateCheckStatus.Fail, Check(result, "minimum_auc").Status);
    }

    [Fact]
    public void Data_with_shifted_groups_fails_the_subgroup_gap_and_unshifted_data_passes()
    {
        var baseline = _files.Rules("baseline");
        var candidate = _files.Rules("candidate", version: "1.1.0");
        var policy = new GatePolicy { MaxSubgroupGap = 0.1, SubgroupLevel = "high" };

        var shifted = GateRunner.Run(candidate, baseline, _files.Synth(candidate, groupShift: 1.5, name: "shifted.csv"), policy).Value!;
        var even = GateRunner.Run(candidate, baseline, _files.Synth(candidate, groupShift: 0.0, name: "even.csv"), policy).Value!;

        var gap = Check(shifted, "max_subgroup_gap");
        Assert.Equal(GateCheckStatus.Fail, gap.Status);
        Assert.True(gap.Measured > 0.1);
        Assert.Contains("band ≥ high", gap.Explanation, StringComparison.Ordinal);
        Assert.Equal(GateCheckStatus.Pass, Check(even, "max_subgroup_gap").Status);
    }

    [Fact]
    public void Lowering_the_top_band_fails_the_ppv_drop()
    {
        var baseline = _files.Rules("baseline", moderateFrom: 1, highFrom: 5);
        var candidate = _files.Rules("candidate", version: "1.1.0", moderateFrom: 1, highFrom: 2);
        var data = _files.Synth(candidate);
        var reference = Evaluator.Compare(data, baseline, candidate, EvaluationOptions.Default with { BootstrapResamples = 0 }).Value!;
        double Ppv(EvaluationReport r) => r.Levels.Cutoffs!.Rows.Single(x => x.Cutoff.Label == "band ≥ high").Cutoff.PositivePredictiveValue.Estimate;

        var result = GateRunner.Run(candidate, baseline, data, new GatePolicy { MaxPpvDrop = 0.05, NonInferiorityMargin = 0.02 }).Value!;

        var check = Check(result, "max_ppv_drop");
        Assert.Equal(GateCheckStatus.Fail, check.Status);
        Assert.Equal(Ppv(reference.A) - Ppv(reference.B), check.Measured!.Value, 12);
        Assert.Contains("band ≥ high", check.Explanation, StringComparison.Ordinal);

        // Same points, other bands: discrimination of the score is unchanged.
        Assert.Equal(GateCheckStatus.Pass, Check(result, "non_inferiority_margin").Status);
    }

    [Theory]
    [InlineData("1.0.0", GateCheckStatus.Fail)]
    [InlineData("0.9.0", GateCheckStatus.Fail)]
    [InlineData("1.0.1-rc.1", GateCheckStatus.Pass)]
    [InlineData("1.1.0", GateCheckStatus.Pass)]
    public void The_version_must_be_greater_than_the_baseline(string version, GateCheckStatus expected)
    {
        var baseline = _files.Rules("baseline");
        var candidate = _files.Rules("candidate", version: version);
        var result = GateRunner.Run(candidate, baseline, _files.Synth(candidate, rows: 1_000), new GatePolicy { VersionMustIncrease = true }).Value!;

        Assert.Equal(expected, Check(result, "version_must_increase").Status);
    }

    [Fact]
    public void A_squeezed_probability_fails_calibration_error_and_slope_while_discrimination_is_unchanged()
    {
        var data = _files.Probabilities();
        var policy = new GatePolicy { NonInferiorityMargin = 0.01, MaxCalibrationError = 0.05, CalibrationSlope = new GateRange(0.8, 1.2) };

        var squeezed = GateRunner.RunScoreColumns(data, "squeezed", "p", scoresAreProbabilities: true, policy).Value!;
        var same = GateRunner.RunScoreColumns(data, "p", "squeezed", scoresAreProbabilities: true, policy).Value!;

        Assert.Equal(GateCheckStatus.Pass, Check(squeezed, "non_inferiority_margin").Status);
        Assert.Equal(GateCheckStatus.Fail, Check(squeezed, "max_calibration_error").Status);
        var slope = Check(squeezed, "calibration_slope");
        Assert.Equal(GateCheckStatus.Fail, slope.Status);
        Assert.True(slope.Measured > 1.2, "compressed probabilities are too timid: slope above 1");

        // The true probabilities as candidate are calibrated.
        Assert.True(same.Passed, string.Join(Environment.NewLine, same.Checks));
    }

    [Fact]
    public void Score_columns_without_probability_make_calibration_and_version_not_applicable()
    {
        var data = _files.Probabilities();
        var result = GateRunner.RunScoreColumns(data, "p", "squeezed", false, new GatePolicy { MaxCalibrationError = 0.05, VersionMustIncrease = true, MaxLatencyRatio = 2 }).Value!;

        Assert.All(result.Checks, c => Assert.Equal(GateCheckStatus.NotApplicable, c.Status));
        Assert.True(result.Passed);
    }

    [Fact]
    public void A_noise_score_fails_the_minimum_auc_and_non_inferiority()
    {
        var data = _files.Probabilities();
        var result = GateRunner.RunScoreColumns(data, "noise", "p", true, new GatePolicy { MinimumAuc = 0.6, NonInferiorityMargin = 0.05 }).Value!;

        Assert.All(result.Checks, c => Assert.Equal(GateCheckStatus.Fail, c.Status));
    }

    [Fact]
    public void All_outcomes_equal_is_a_diagnostic_not_a_pass()
    {
        var baseline = _files.Rules("baseline");
        var candidate = _files.Rules("candidate", version: "1.1.0");
        var data = _files.Synth(candidate, rows: 200);
        var lines = File.ReadAllLines(data);
        var outcome = lines[0].Split(',').ToList().IndexOf("outcome");
        File.WriteAllLines(data, [lines[0], .. lines.Skip(1).Select(l => { var cells = l.Split(','); cells[outcome] = "0"; return string.Join(',', cells); })]);

        var result = GateRunner.Run(candidate, baseline, data, Full);

        Assert.Null(result.Value);
        Assert.Contains(result.Diagnostics, d => d.Code == EvaluationDiagnosticCodes.OneOutcome);
    }

    [Fact]
    public void A_dataset_of_another_model_and_a_missing_file_are_diagnostics()
    {
        var baseline = _files.Rules("baseline");
        var candidate = _files.Rules("candidate", version: "1.1.0");
        var other = _files.PathOf("other.csv");
        File.WriteAllText(other, "something,outcome\n1,0\n0,1\n1,1\n0,0\n");

        Assert.Contains(GateRunner.Run(candidate, baseline, other, Full).Diagnostics, d => d.Severity == Tma.Models.Diagnostics.Severity.Error && d.Location.File == other);
        Assert.NotEmpty(GateRunner.Run(candidate, baseline, _files.PathOf("missing.csv"), Full).Diagnostics);
    }

    [Fact]
    public void A_subgroup_level_the_candidate_does_not_have_is_a_diagnostic()
    {
        var baseline = _files.Rules("baseline");
        var candidate = _files.Rules("candidate", version: "1.1.0");
        var data = _files.Synth(candidate, rows: 1_000);

        var unknown = GateRunner.Run(candidate, baseline, data, new GatePolicy { MaxSubgroupGap = 0.1, SubgroupLevel = "urgent" });
        var lowest = GateRunner.Run(candidate, baseline, data, new GatePolicy { MaxSubgroupGap = 0.1, SubgroupLevel = "low" });

        Assert.Equal(GateDiagnosticCodes.PolicyDoesNotFit, Assert.Single(unknown.Diagnostics).Code);
        Assert.Equal(GateDiagnosticCodes.PolicyDoesNotFit, Assert.Single(lowest.Diagnostics).Code);
    }

    [Fact]
    public void A_policy_without_checks_is_refused()
    {
        var baseline = _files.Rules("baseline");
        var result = GateRunner.Run(baseline, baseline, _files.Synth(baseline, rows: 500), new GatePolicy());

        Assert.Equal(GateDiagnosticCodes.EmptyPolicy, Assert.Single(result.Diagnostics).Code);
    }
}
