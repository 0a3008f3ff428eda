namespace Tma.Models.Cases;

/// <summary>Where an input's current value comes from, and whether it can be relied on.</summary>
public enum InputStatus
{
    /// <summary>Nothing is known (never given, never observed, or observed as unknown).</summary>
    Unknown,

    /// <summary>Given directly as a current value (the case's <c>inputs</c>), not as a dated observation.</summary>
    Given,

    /// <summary>The latest observation, within the input's validity window, uncontested.</summary>
    Observed,

    /// <summary>Last observed longer ago than the input's <c>valid_for</c>: history, not a current fact; the input counts as unknown.</summary>
    Stale,

    /// <summary>Sources disagree within the conflict window; the contradiction is shown, not resolved by "latest wins".</summary>
    Contested,
}

/// <summary>One dated report of an input, as the explanation names it.</summary>
/// <param name="Value">The level or category id, or the number, as reported.</param>
/// <param name="ObservedAt">When it was observed.</param>
/// <param name="Source">The (pseudonymous) source, if known.</param>
/// <param name="Reliability">How directly the source knows it, if stated.</param>
/// <param name="Rater">Who recorded it, if known.</param>
public sealed record ReportedValue(string Value, DateTimeOffset ObservedAt, string? Source, SourceReliability? Reliability, string? Rater);

/// <summary>
/// What a case says about one input after resolution: its status, the report its current value rests on, and for a
/// contested input every disagreeing report.
/// </summary>
/// <param name="Status">Where the current value comes from.</param>
/// <param name="Report">The report the current value rests on (observed, contested); for a stale input the old report.</param>
/// <param name="Conflicting">For a contested input: the latest report of each disagreeing source, oldest first.</param>
/// <param name="Low">For a contested input: the lowest reported level position (or number); null otherwise.</param>
/// <param name="High">For a contested input: the highest reported level position (or number); null otherwise.</param>
public sealed record InputState(InputStatus Status, ReportedValue? Report, IReadOnlyList<ReportedValue> Conflicting, double? Low = null, double? High = null)
{
    /// <summary>The state of an input given directly.</summary>
    public static InputState Given { get; } = new(InputStatus.Given, null, []);

    /// <summary>The state of an input nothing is known about.</summary>
    public static InputState Unknown { get; } = new(InputStatus.Unknown, null, []);
}
