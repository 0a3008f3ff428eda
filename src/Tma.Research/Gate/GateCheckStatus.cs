namespace Tma.Research.Gate;

/// <summary>The outcome of one gate check.</summary>
public enum GateCheckStatus
{
    /// <summary>The candidate meets the threshold.</summary>
    Pass,

    /// <summary>The candidate does not meet the threshold: the gate fails.</summary>
    Fail,

    /// <summary>
    /// The check cannot be computed for these models or this data (e.g. calibration of a points score); the reason is in
    /// <see cref="GateCheck.Explanation"/>. It neither passes nor fails the gate, and it is always reported.
    /// </summary>
    NotApplicable,
}
