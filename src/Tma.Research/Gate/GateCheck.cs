namespace Tma.Research.Gate;

/// <summary>One check of a release gate, as printed in the table and written to JUnit XML and Markdown.</summary>
/// <param name="Name">Stable name, the policy key (e.g. <c>non_inferiority_margin</c>).</param>
/// <param name="Status">Pass, fail or not applicable.</param>
/// <param name="Value">The measured value, formatted invariantly (e.g. <c>-0.0123</c>); <c>n/a</c> when not applicable.</param>
/// <param name="Threshold">What the policy requires, e.g. <c>≥ -0.02</c> or <c>[0.8, 1.2]</c>.</param>
/// <param name="Measured">The measured value as a number, or null when not applicable or not numeric.</param>
/// <param name="Explanation">In plain words: what was measured, on which figures, and why it passed, failed or does not apply.</param>
public sealed record GateCheck(string Name, GateCheckStatus Status, string Value, string Threshold, double? Measured, string Explanation);
