namespace Tma.Models.Definitions;

/// <summary>How a model treats dated observations from several sources (<c>evidence:</c> in <c>model.yaml</c>).</summary>
/// <param name="ConflictWindow">
/// Two observations of one input from different sources that give different values and lie within this period of each
/// other (and of the latest one) contradict each other; the assessment shows both instead of taking the latest.
/// </param>
public sealed record EvidencePolicy(IsoPeriod ConflictWindow)
{
    /// <summary>The default: reports from different sources within 14 days of each other must agree.</summary>
    public static EvidencePolicy Default { get; } = new(new IsoPeriod(0, 0, 14));
}
