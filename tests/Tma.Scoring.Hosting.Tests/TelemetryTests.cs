using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tma.Scoring.Hosting.Tests;

[Collection(RegistryCollection.Name)]
public sealed class TelemetryTests : IDisposable
{
    private readonly RegistryFixture _fixture = new();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];

    public TelemetryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TmaScoringTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _fixture.Dispose();
    }

    [Fact]
    public async Task Loads_failures_and_assessments_are_measured_with_model_tags_and_no_case_data()
    {
        _fixture.Release("1.0.0");
        _fixture.Release("2.0.0");
        RegistryFixture.Tamper(_fixture.Release("3.0.0"));
        _fixture.Release("4.0.0", sign: false);
        await using var registry = _fixture.Registry();

        await registry.AssessAsync(_fixture.Id + "@^1", RegistryFixture.Case("present"));
        await registry.AssessWithChallengerAsync(_fixture.Id + "@^1", _fixture.Id + "@^2", RegistryFixture.Case("absent"));

        var mine = Mine();
        Assert.Equal(2, mine.Count(m => m.Instrument == TmaScoringTelemetry.ModelLoadsCounter));
        Assert.All(mine.Where(m => m.Instrument == TmaScoringTelemetry.ModelLoadsCounter), m => Assert.Equal("folder", m.Tags["tma.source"]));
        var assessments = mine.Where(m => m.Instrument == TmaScoringTelemetry.AssessmentsCounter).ToList();
        Assert.Equal(["primary", "champion", "challenger"], assessments.Select(m => (string)m.Tags["tma.role"]!));
        Assert.Equal(["1.0.0", "1.0.0", "2.0.0"], assessments.Select(m => (string)m.Tags["tma.model.version"]!));
        Assert.All(assessments, m => Assert.Equal("ok", m.Tags["tma.outcome"]));
        Assert.Equal(3, mine.Count(m => m.Instrument == TmaScoringTelemetry.AssessmentDurationHistogram));
        Assert.All(mine.SelectMany(m => m.Tags.Values), v => Assert.DoesNotContain("present", v?.ToString() ?? "", StringComparison.Ordinal));

        // Refusals carry no model id (an untrusted archive's claims are not repeated), only reason and source.
        var failures = Measurements().Where(m => m.Instrument == TmaScoringTelemetry.ModelLoadFailuresCounter).Select(m => (string)m.Tags["tma.reason"]!).ToList();
        Assert.Equal(["integrity", "signature"], failures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Assessments_are_traced_with_the_model_and_role()
    {
        _fixture.Release("1.0.0");
        await using var registry = _fixture.Registry();
        await registry.StartAsync();
        var activities = new List<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TmaScoringTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (activities)
                {
                    activities.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);

        await registry.AssessAsync(_fixture.Id, RegistryFixture.Case("present"));

        Activity assess;
        lock (activities)
        {
            assess = Assert.Single(activities, a => a.OperationName == TmaScoringTelemetry.AssessActivity && (string?)a.GetTagItem("tma.model.id") == _fixture.Id);
        }

        Assert.Equal("1.0.0", assess.GetTagItem("tma.model.version"));
        Assert.Equal("primary", assess.GetTagItem("tma.role"));
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
        }
    }

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measurements()
    {
        lock (_measurements)
        {
            return [.. _measurements];
        }
    }

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Mine() =>
        [.. Measurements().Where(m => m.Tags.TryGetValue("tma.model.id", out var id) && (string?)id == _fixture.Id)];
}
