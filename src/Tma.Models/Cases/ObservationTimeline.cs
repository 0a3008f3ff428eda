using Tma.Models.Definitions;

namespace Tma.Models.Cases;

/// <summary>
/// Decides an input's current value from its dated reports, as of the case date:
/// <list type="bullet">
/// <item>reports older than the input's <c>valid_for</c> are history, not current facts (the input is stale);</item>
/// <item>within the conflict window before the latest report, each source's latest known report counts; a source's
/// later report replaces its earlier one, and "unknown" contradicts nobody;</item>
/// <item>if those reports disagree, the input is contested: the contradiction is kept, and the value used for scoring
/// is the more concerning one (the highest level, or the lowest of a protective factor), or unknown for categories
/// and numbers, which have no "more concerning" direction.</item>
/// </list>
/// </summary>
internal static class ObservationTimeline
{
    /// <summary>One report of an input, resolved against its scale.</summary>
    public readonly record struct Report(DateTimeOffset At, double? Value, double? Relevance, Observation Source);

    public static (double? Value, double? Relevance, InputState State) Resolve(InputDefinition input, List<Report> reports, DateTimeOffset asOf, EvidencePolicy evidence)
    {
        reports.Sort(static (a, b) => a.At.CompareTo(b.At));
        var latest = reports[^1];
        var validFrom = input.ValidFor is { } validFor ? validFor.Before(asOf) : DateTimeOffset.MinValue;
        var windowStart = Max(evidence.ConflictWindow.Before(latest.At), validFrom);

        // The latest known report of each source inside the window, in order of time.
        var bySource = new List<Report>();
        for (var i = reports.Count - 1; i >= 0; i--)
        {
            var report = reports[i];
            if (report.At < windowStart)
            {
                break;
            }

            if (!bySource.Exists(r => r.Source.Source == report.Source.Source))
            {
                bySource.Add(report);
            }
        }

        bySource.RemoveAll(r => r.Value is null);
        bySource.Reverse();
        if (bySource.Count == 0)
        {
            // Nothing current is known: either the latest word is "unknown", or every known report is too old.
            var lastKnown = reports.FindLast(r => r.Value is not null);
            if (lastKnown.Source is not null && lastKnown.At < validFrom)
            {
                return (null, null, new InputState(InputStatus.Stale, Reported(input, lastKnown), []));
            }

            return (null, null, InputState.Unknown);
        }

        var low = bySource.Min(r => r.Value!.Value);
        var high = bySource.Max(r => r.Value!.Value);
        if (low == high)
        {
            var agreed = bySource[^1];
            return (agreed.Value, agreed.Relevance, new InputState(InputStatus.Observed, Reported(input, agreed), []));
        }

        // Contested. Ordered scales use the more concerning report until the contradiction is resolved.
        Report? used = input.IsOrdered
            ? bySource.FindLast(r => r.Value == (input.Protective ? low : high))
            : null;
        var conflicting = bySource.Select(r => Reported(input, r)).ToArray();
        var state = new InputState(InputStatus.Contested, used is { } u ? Reported(input, u) : null, conflicting, low, high);
        return used is { } chosen ? (chosen.Value, chosen.Relevance, state) : (null, null, state);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static ReportedValue Reported(InputDefinition input, Report report) =>
        new(input.Describe(report.Value), report.At, report.Source.Source, report.Source.Reliability, report.Source.Rater);
}
