using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tma.Host;

/// <summary>
/// The host's own metrics (meter <c>Tma.Host</c>): what an operator watches beyond ASP.NET Core's request metrics.
/// Tags name models, roles, outcomes and operations only: never a tenant, a user, a case or content.
/// </summary>
internal static class HostMetrics
{
    public const string MeterName = "Tma.Host";

    public const string AssessmentsStoredCounter = "tma.host.assessments.stored";

    public const string RateLimitRejectionsCounter = "tma.host.rate_limit.rejections";

    public const string KeyProviderCallsCounter = "tma.host.key_provider.calls";

    public const string KeyProviderDurationHistogram = "tma.host.key_provider.duration";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> AssessmentsStored = Meter.CreateCounter<long>(AssessmentsStoredCounter, "{assessment}", "Assessments stored, by model id, role (champion or challenger) and outcome (level or unassessable).");

    private static readonly Counter<long> RateLimitRejections = Meter.CreateCounter<long>(RateLimitRejectionsCounter, "{request}", "Requests refused with 429 by the per-caller rate limit.");

    private static readonly Counter<long> KeyProviderCalls = Meter.CreateCounter<long>(KeyProviderCallsCounter, "{call}", "Calls to the key provider (wrap, unwrap), by outcome.");

    // 0.5 ms to 10 s: a local key wraps in microseconds, a KMS or HSM round trip takes milliseconds to seconds.
    private static readonly Histogram<double> KeyProviderDuration = Meter.CreateHistogram<double>(
        KeyProviderDurationHistogram, "s", "Duration of one key-provider call (a KMS or HSM round trip in production).", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>One assessment stored: model id, <c>champion</c>/<c>challenger</c>, <c>level</c>/<c>unassessable</c>.</summary>
    public static void AssessmentStored(string modelId, bool isChallenger, bool assessable)
    {
        if (AssessmentsStored.Enabled)
        {
            AssessmentsStored.Add(1, new TagList
            {
                { "tma.model.id", modelId },
                { "tma.role", isChallenger ? "challenger" : "champion" },
                { "tma.outcome", assessable ? "level" : "unassessable" },
            });
        }
    }

    /// <summary>One request refused by the rate limit; whether the caller was authenticated, nothing about who.</summary>
    public static void RateLimited(bool authenticated) =>
        RateLimitRejections.Add(1, new KeyValuePair<string, object?>("tma.caller", authenticated ? "authenticated" : "anonymous"));

    /// <summary>One key-provider call: <c>wrap</c> or <c>unwrap</c>, <c>ok</c> or <c>error</c>, and how long it took.</summary>
    public static void KeyProviderCall(string operation, bool ok, TimeSpan elapsed)
    {
        if (KeyProviderCalls.Enabled || KeyProviderDuration.Enabled)
        {
            var tags = new TagList { { "tma.key.operation", operation }, { "tma.outcome", ok ? "ok" : "error" } };
            KeyProviderCalls.Add(1, tags);
            KeyProviderDuration.Record(elapsed.TotalSeconds, tags);
        }
    }
}
