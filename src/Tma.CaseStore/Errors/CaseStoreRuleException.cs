namespace Tma.CaseStore;

/// <summary>
/// Well-formed input that breaks a rule of the case process: a task owner who is not on the case team, a link to an
/// action that the assessment did not recommend. <see cref="CaseStoreException.Code"/> names the rule and
/// <see cref="Field"/> the input field; nothing was written.
/// </summary>
public sealed class CaseStoreRuleException : CaseStoreException
{
    internal CaseStoreRuleException(string code, string field, string message)
        : base(code, message)
    {
        Field = field;
    }

    /// <summary>The input field that breaks the rule, as the API names it (for example <c>ownerId</c> or <c>fromAssessment.actionId</c>).</summary>
    public string Field { get; }
}
