using Tma.Models.Diagnostics;
using Tma.Research.Gate;

namespace Tma.Research.Tests.Gate;

public sealed class GatePolicyTests
{
    [Fact]
    public void Every_key_is_read()
    {
        var policy = GatePolicy.Parse("""
            minimum_auc: 0.7
            non_inferiority_margin: 0.02
            max_calibration_error: 0.05
            calibration_slope: [0.8, 1.2]
            max_subgroup_gap: { max: 0.1, at_or_above: high }
            max_ppv_drop: 0.05
            max_latency_ratio: 3
            version_must_increase: true
            seed: 42
            bootstrap: 200
            """);

        Assert.Empty(policy.Diagnostics);
        var p = policy.Value!;
        Assert.Equal((0.7, 0.02, 0.05), (p.MinimumAuc, p.NonInferiorityMargin, p.MaxCalibrationError));
        Assert.Equal(new GateRange(0.8, 1.2), p.CalibrationSlope);
        Assert.Equal((0.1, "high"), (p.MaxSubgroupGap, p.SubgroupLevel));
        Assert.Equal((0.05, 3.0, true, 42, 200), (p.MaxPpvDrop, p.MaxLatencyRatio, p.VersionMustIncrease, p.Seed, p.Bootstrap));
    }

    [Fact]
    public void An_unknown_key_is_located_with_a_suggestion()
    {
        var policy = GatePolicy.Parse("minimum_auc: 0.7\nnon_inferiority_marin: 0.02\n", "gate.yaml");

        Assert.Null(policy.Value);
        var error = Assert.Single(policy.Diagnostics);
        Assert.Equal(DiagnosticCodes.UnknownKey, error.Code);
        Assert.Equal(new SourceLocation("gate.yaml", 2, 1), error.Location);
        Assert.Contains("non_inferiority_margin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_types_and_values_are_all_reported_with_line_and_column()
    {
        var policy = GatePolicy.Parse("""
            minimum_auc: high
            calibration_slope: [1.2, 0.8]
            max_subgroup_gap: 0.1
            max_ppv_drop: 1.5
            version_must_increase: yes
            """);

        Assert.Null(policy.Value);
        var found = policy.Diagnostics.Select(d => (d.Code, d.Location.Line, d.Location.Column)).ToList();
        Assert.Contains((DiagnosticCodes.WrongType, 1, 14), found);
        Assert.Contains((GateDiagnosticCodes.BadPolicyValue, 2, 20), found);
        Assert.Contains((DiagnosticCodes.WrongType, 3, 19), found);
        Assert.Contains((GateDiagnosticCodes.BadPolicyValue, 4, 15), found);
        Assert.Contains((DiagnosticCodes.WrongType, 5, 24), found);
    }

    [Fact]
    public void A_subgroup_gap_needs_its_level()
    {
        var policy = GatePolicy.Parse("max_subgroup_gap: { max: 0.1 }\n");

        Assert.Null(policy.Value);
        Assert.Contains(policy.Diagnostics, d => d.Code == DiagnosticCodes.MissingField && d.Message.Contains("at_or_above", StringComparison.Ordinal));
    }

    [Fact]
    public void A_policy_without_checks_is_refused()
    {
        var policy = GatePolicy.Parse("seed: 3\n");

        Assert.Null(policy.Value);
        Assert.Equal(GateDiagnosticCodes.EmptyPolicy, Assert.Single(policy.Diagnostics).Code);
    }

    [Fact]
    public void A_syntax_error_and_a_missing_file_are_diagnostics()
    {
        Assert.Contains(GatePolicy.Parse("minimum_auc: [0.7\n").Diagnostics, d => d.Code == DiagnosticCodes.YamlSyntax && d.Location.Line >= 1);
        Assert.Equal(DiagnosticCodes.FileNotFound, Assert.Single(GatePolicy.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "gate.yaml")).Diagnostics).Code);
    }
}
