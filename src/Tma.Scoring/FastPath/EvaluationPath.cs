namespace Tma.Scoring.FastPath;

/// <summary>Which engine evaluates the indicator conditions of a rules model.</summary>
public enum EvaluationPath
{
    /// <summary>
    /// The fastest path that is exactly equal to the reference: the compiled path for models without temporal helpers
    /// (<c>rose_within</c>, <c>observed_within</c>), NRules for models with them. Batch scoring always uses the compiled
    /// path (dataset rows carry no observations). The default.
    /// </summary>
    Auto,

    /// <summary>The reference semantics: one NRules session per case, temporal helpers as rule joins over observations.</summary>
    NRules,

    /// <summary>
    /// Conditions compiled to one delegate over the dense value arrays. <see cref="RiskModelCompiler"/> refuses it for
    /// single-case models with temporal helpers; for batch scoring it is the same as <see cref="Auto"/>.
    /// </summary>
    Compiled,
}
