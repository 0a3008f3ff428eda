using Tma.Models.Diagnostics;

namespace Tma.Research.Gate;

/// <summary>
/// What a candidate model must show against its baseline to be released (<c>gate.yaml</c>, docs/releasing-models.md).
/// Every threshold is optional; a check whose key is absent is not run. Read one with <see cref="Load"/> or
/// <see cref="Parse"/>, which report every problem located (unknown keys with a "did you mean", wrong types, values
/// out of range) instead of a half-read policy.
/// </summary>
public sealed record GatePolicy
{
    /// <summary>Smallest acceptable AUC of the candidate's score (<c>minimum_auc</c>), in [0, 1]; null = not checked.</summary>
    public double? MinimumAuc { get; init; }

    /// <summary>
    /// Non-inferiority margin δ for AUC(candidate) − AUC(baseline) (<c>non_inferiority_margin</c>), ≥ 0: the check passes when
    /// the lower limit of the difference's DeLong confidence interval is at least −δ; null = not checked.
    /// </summary>
    public double? NonInferiorityMargin { get; init; }

    /// <summary>Largest acceptable expected calibration error of the candidate (<c>max_calibration_error</c>), in [0, 1]; null = not checked.</summary>
    public double? MaxCalibrationError { get; init; }

    /// <summary>Acceptable range of the candidate's calibration slope (<c>calibration_slope: [lo, hi]</c>); null = not checked.</summary>
    public GateRange? CalibrationSlope { get; init; }

    /// <summary>Largest acceptable TPR or FPR gap between subgroups (<c>max_subgroup_gap.max</c>), in [0, 1]; null = not checked.</summary>
    public double? MaxSubgroupGap { get; init; }

    /// <summary>The candidate's level at or above which a case counts as flagged for the subgroup gaps (<c>max_subgroup_gap.at_or_above</c>).</summary>
    public string? SubgroupLevel { get; init; }

    /// <summary>Largest acceptable drop of PPV from baseline to candidate at any band both have (<c>max_ppv_drop</c>), in [0, 1]; null = not checked.</summary>
    public double? MaxPpvDrop { get; init; }

    /// <summary>Largest acceptable ratio of the candidate's per-case scoring time to the baseline's (<c>max_latency_ratio</c>), &gt; 0; null = not measured.</summary>
    public double? MaxLatencyRatio { get; init; }

    /// <summary>The candidate's version must be greater than the baseline's (<c>version_must_increase</c>). Default false.</summary>
    public bool VersionMustIncrease { get; init; }

    /// <summary>Seed of every bootstrap of the underlying comparison (<c>seed</c>). Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Bootstrap resamples of the underlying comparison's intervals (<c>bootstrap</c>): 0 or at least 10. Default 0: no gate
    /// check depends on a bootstrap (the AUC interval is DeLong's), so the gate skips them for speed.
    /// </summary>
    public int Bootstrap { get; init; }

    /// <summary>True when the policy asks for at least one check.</summary>
    public bool HasChecks =>
        MinimumAuc is not null || NonInferiorityMargin is not null || MaxCalibrationError is not null || CalibrationSlope is not null
        || MaxSubgroupGap is not null || MaxPpvDrop is not null || MaxLatencyRatio is not null || VersionMustIncrease;

    /// <summary>Reads a policy file.</summary>
    /// <param name="path">The <c>gate.yaml</c> file.</param>
    /// <returns>The policy, or every problem located with file, line and column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static LoadResult<GatePolicy> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return GatePolicyReader.ReadFile(path);
    }

    /// <summary>Reads a policy from YAML text.</summary>
    /// <param name="yaml">The policy text.</param>
    /// <param name="file">The name used in diagnostics. Default <c>gate.yaml</c>.</param>
    /// <returns>The policy, or every problem located with line and column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="yaml"/> is null.</exception>
    public static LoadResult<GatePolicy> Parse(string yaml, string file = "gate.yaml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        return GatePolicyReader.ReadText(yaml, file);
    }
}
