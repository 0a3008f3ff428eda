using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tma.Scoring.Hosting;

/// <summary>
/// Names of the engine's metrics (<see cref="System.Diagnostics.Metrics"/>) and traces (<see cref="ActivitySource"/>),
/// for OpenTelemetry: <c>AddMeter(TmaScoringTelemetry.MeterName)</c>, <c>AddSource(TmaScoringTelemetry.ActivitySourceName)</c>.
/// No tag ever carries case data: only model ids, versions, roles, sources and failure reasons.
/// </summary>
public static class TmaScoringTelemetry
{
    /// <summary>The meter's name: <c>Tma.Scoring</c>.</summary>
    public const string MeterName = "Tma.Scoring";

    /// <summary>The activity source's name: <c>Tma.Scoring</c>.</summary>
    public const string ActivitySourceName = "Tma.Scoring";

    /// <summary>Counter of assessments made through registry models (tags: <c>tma.model.id</c>, <c>tma.model.version</c>, <c>tma.role</c>, <c>tma.outcome</c>).</summary>
    public const string AssessmentsCounter = "tma.assessments";

    /// <summary>Histogram of assessment durations in seconds (same tags as <see cref="AssessmentsCounter"/>).</summary>
    public const string AssessmentDurationHistogram = "tma.assessment.duration";

    /// <summary>Counter of package versions loaded into service (tags: <c>tma.model.id</c>, <c>tma.model.version</c>, <c>tma.source</c>).</summary>
    public const string ModelLoadsCounter = "tma.model.loads";

    /// <summary>Counter of package versions refused (tags: <c>tma.reason</c>, <c>tma.source</c>).</summary>
    public const string ModelLoadFailuresCounter = "tma.model.load_failures";

    /// <summary>Activity of one assessment.</summary>
    public const string AssessActivity = "tma.assess";

    /// <summary>Activity of loading (verifying, extracting, compiling) one package version.</summary>
    public const string LoadActivity = "tma.model.load";

    /// <summary>Activity of one registry rescan.</summary>
    public const string RescanActivity = "tma.registry.rescan";

    internal static readonly ActivitySource Source = new(ActivitySourceName, EngineInfo.Version.ToString());

    internal static readonly Meter Meter = new(MeterName, EngineInfo.Version.ToString());

    internal static readonly Counter<long> Assessments = Meter.CreateCounter<long>(AssessmentsCounter, "{assessment}", "Assessments made through registry models.");

    // Buckets from 0.1 ms: an assessment takes microseconds to milliseconds, far below the SDK's default buckets (0–10 000).
    internal static readonly Histogram<double> AssessmentDuration = Meter.CreateHistogram<double>(
        AssessmentDurationHistogram, "s", "Duration of one assessment.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });

    internal static readonly Counter<long> ModelLoads = Meter.CreateCounter<long>(ModelLoadsCounter, "{package}", "Package versions loaded into service.");

    internal static readonly Counter<long> ModelLoadFailures = Meter.CreateCounter<long>(ModelLoadFailuresCounter, "{package}", "Package versions refused.");
}
