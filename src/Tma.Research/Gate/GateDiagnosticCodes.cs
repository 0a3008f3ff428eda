namespace Tma.Research.Gate;

/// <summary>
/// Codes of the problems a release gate reports (TMA031x). Syntax, unknown keys and wrong types in the policy file keep
/// the general YAML codes (<see cref="Tma.Models.Diagnostics.DiagnosticCodes"/>); dataset and evaluation problems keep
/// theirs (TMA02xx, TMA030x).
/// </summary>
public static class GateDiagnosticCodes
{
    /// <summary>A policy value is out of its range (a negative margin, an AUC above 1, a slope range upside down).</summary>
    public const string BadPolicyValue = "TMA0310";

    /// <summary>The policy names no check, so it would pass every candidate.</summary>
    public const string EmptyPolicy = "TMA0311";

    /// <summary>The policy does not fit the models (a subgroup cut-off level the candidate does not have).</summary>
    public const string PolicyDoesNotFit = "TMA0312";

    /// <summary>The benchmark data was synthesised from the candidate or the baseline: a gate needs data neither model produced.</summary>
    public const string CircularData = "TMA0313";

    /// <summary>The benchmark data's <c>.truth.json</c> cannot be read (an unreadable policy file is TMA0007, as every YAML file).</summary>
    public const string UnreadableFile = "TMA0314";
}
