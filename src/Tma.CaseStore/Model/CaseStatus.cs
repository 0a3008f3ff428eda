namespace Tma.CaseStore;

/// <summary>Where a case is in the threat-management process. Legal transitions: see <see cref="CaseStatusTransitions"/>.</summary>
public enum CaseStatus
{
    /// <summary>A concern has been recognised and recorded (the initial status).</summary>
    Recognised = 1,

    /// <summary>The case is being assessed.</summary>
    Assessing = 2,

    /// <summary>Defusion measures are under way.</summary>
    Managing = 3,

    /// <summary>The case is being watched for change.</summary>
    Monitoring = 4,

    /// <summary>The case is closed (final; content becomes read-only).</summary>
    Closed = 5,
}

/// <summary>The status workflow: recognised → assessing → managing → monitoring → closed, with the few legal shortcuts and steps back.</summary>
public static class CaseStatusTransitions
{
    private static readonly Dictionary<CaseStatus, CaseStatus[]> Legal = new()
    {
        [CaseStatus.Recognised] = [CaseStatus.Assessing, CaseStatus.Closed],
        [CaseStatus.Assessing] = [CaseStatus.Managing, CaseStatus.Monitoring, CaseStatus.Closed],
        [CaseStatus.Managing] = [CaseStatus.Monitoring, CaseStatus.Assessing],
        [CaseStatus.Monitoring] = [CaseStatus.Managing, CaseStatus.Assessing, CaseStatus.Closed],
        [CaseStatus.Closed] = [],
    };

    /// <summary>The statuses a case in <paramref name="from"/> may move to.</summary>
    /// <param name="from">The current status.</param>
    /// <returns>The legal next statuses (empty for <see cref="CaseStatus.Closed"/>).</returns>
    public static IReadOnlyList<CaseStatus> From(CaseStatus from) => Legal.TryGetValue(from, out var next) ? next : [];

    /// <summary>Whether moving from <paramref name="from"/> to <paramref name="to"/> is legal.</summary>
    /// <param name="from">The current status.</param>
    /// <param name="to">The requested status.</param>
    /// <returns><see langword="true"/> when the transition is allowed.</returns>
    public static bool IsLegal(CaseStatus from, CaseStatus to) => From(from).Contains(to);
}
