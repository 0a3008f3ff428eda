using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tma.CaseStore;

/// <summary>
/// Names of the store's traces (<see cref="ActivitySource"/>) and metrics (<see cref="System.Diagnostics.Metrics"/>),
/// for OpenTelemetry: <c>AddSource(CaseStoreTelemetry.ActivitySourceName)</c>, <c>AddMeter(CaseStoreTelemetry.MeterName)</c>.
/// A span or measurement names the operation (its audit name, e.g. <c>assessment.add</c>) and its outcome only: never a
/// tenant, a user, a case id, a subject reference or any content. Without a listener nothing is recorded.
/// </summary>
public static class CaseStoreTelemetry
{
    /// <summary>The activity source's name: <c>Tma.CaseStore</c>.</summary>
    public const string ActivitySourceName = "Tma.CaseStore";

    /// <summary>The meter's name: <c>Tma.CaseStore</c>.</summary>
    public const string MeterName = "Tma.CaseStore";

    /// <summary>Histogram of operation durations in seconds (tags <c>tma.store.operation</c>, <c>tma.outcome</c>).</summary>
    public const string OperationDurationHistogram = "tma.store.operation.duration";

    /// <summary>Counter of audit entries committed (tags <c>tma.store.operation</c>, <c>tma.outcome</c>).</summary>
    public const string AuditAppendsCounter = "tma.store.audit.appends";

    /// <summary>Tag naming the operation by its audit name (<c>case.create</c>, <c>assessment.add</c>, …).</summary>
    public const string OperationTag = "tma.store.operation";

    /// <summary>Tag with the outcome as the audit trail records it: <c>allowed</c>, <c>denied</c>, <c>not_found</c> or <c>failed</c>.</summary>
    public const string OutcomeTag = "tma.outcome";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    internal static readonly Meter Meter = new(MeterName);

    /// <summary>Bucket boundaries in seconds, 0.5 ms to 10 s (the SDK's defaults, 0 to 10 000, suit milliseconds).</summary>
    internal static IReadOnlyList<double> DurationBuckets { get; } = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10];

    internal static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        OperationDurationHistogram, "s", "Duration of one store operation, audit entry and commit included.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    internal static readonly Counter<long> AuditAppends = Meter.CreateCounter<long>(AuditAppendsCounter, "{entry}", "Audit entries committed.");

    /// <summary>Starts the span of one operation; null (and free) when nobody listens.</summary>
    internal static Activity? Start(Operation operation)
    {
        var activity = Source.StartActivity(operation.AuditName, ActivityKind.Internal);
        activity?.SetTag(OperationTag, operation.AuditName);
        return activity;
    }

    /// <summary>Records the end of one operation: its duration, its committed audit entries and the span's outcome.</summary>
    internal static void Stop(Activity? activity, Operation operation, AuditOutcome outcome, long startedTimestamp, TimeProvider time, int auditEntries)
    {
        var outcomeName = OutcomeName(outcome);
        activity?.SetTag(OutcomeTag, outcomeName);
        if (outcome == AuditOutcome.Failed)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }

        if (OperationDuration.Enabled)
        {
            OperationDuration.Record(time.GetElapsedTime(startedTimestamp).TotalSeconds, new TagList { { OperationTag, operation.AuditName }, { OutcomeTag, outcomeName } });
        }

        if (AuditAppends.Enabled && auditEntries > 0)
        {
            AuditAppends.Add(auditEntries, new TagList { { OperationTag, operation.AuditName }, { OutcomeTag, outcomeName } });
        }
    }

    /// <summary>
    /// Records an allowed operation that did not run through the locked path once it is committed — the prepared path
    /// (prepared outside the tenant lock, committed by the tenant's commit queue) and a tenant's first creation: its
    /// span is created afterwards with its real start time, so that an attempt that falls back to the locked path leaves
    /// only the locked path's span, never two for one operation.
    /// </summary>
    internal static void RecordCommitted(Operation operation, DateTimeOffset startedAt, long startedTimestamp, TimeProvider time)
    {
        if (Source.HasListeners())
        {
            using var activity = Source.StartActivity(operation.AuditName, ActivityKind.Internal, parentContext: default, startTime: startedAt);
            activity?.SetTag(OperationTag, operation.AuditName);
            activity?.SetEndTime(startedAt.UtcDateTime + time.GetElapsedTime(startedTimestamp));
            Stop(activity, operation, AuditOutcome.Allowed, startedTimestamp, time, auditEntries: 1);
            return;
        }

        Stop(null, operation, AuditOutcome.Allowed, startedTimestamp, time, auditEntries: 1);
    }

    private static string OutcomeName(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Allowed => "allowed",
        AuditOutcome.Denied => "denied",
        AuditOutcome.NotFound => "not_found",
        _ => "failed",
    };
}
