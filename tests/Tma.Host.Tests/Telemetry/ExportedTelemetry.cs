using System.Collections;
using System.Diagnostics;
using OpenTelemetry.Metrics;

namespace Tma.Host.Tests;

/// <summary>What the in-memory exporters received: spans as they end, metric snapshots at each flush.</summary>
public sealed class ExportedTelemetry
{
    public Locked<Activity> Spans { get; } = new();

    public Locked<MetricSnapshot> Metrics { get; } = new();

    /// <summary>Waits (up to five seconds) for a span: server spans end just after the client has its response.</summary>
    public async Task<Activity> SpanAsync(Func<Activity, bool> match)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (Spans.Snapshot().FirstOrDefault(match) is { } span)
            {
                return span;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("No such span among: " + string.Join(", ", Spans.Snapshot().Select(s => s.DisplayName)));
    }

    /// <summary>Every string a span or metric carries: names, tag keys and values, events, baggage.</summary>
    /// <param name="ownedByTest">Metric points that belong to the test's own infrastructure (not the host), left out.</param>
    public IEnumerable<(string Where, string Text)> AllStrings(Func<MetricPoint, bool>? ownedByTest = null)
    {
        foreach (var span in Spans.Snapshot())
        {
            yield return ("span name", span.DisplayName);
            yield return ("operation name", span.OperationName);
            yield return ("status", span.StatusDescription ?? "");
            foreach (var (key, value) in span.TagObjects)
            {
                yield return ($"span `{span.DisplayName}` tag", key + "=" + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            }

            foreach (var e in span.Events)
            {
                yield return ($"span `{span.DisplayName}` event", e.Name + " " + string.Join(" ", e.Tags.Select(t => t.Key + "=" + t.Value)));
            }

            foreach (var (key, value) in span.Baggage)
            {
                yield return ("baggage", key + "=" + value);
            }
        }

        foreach (var metric in Metrics.Snapshot())
        {
            yield return ("metric name", metric.Name);
            foreach (var point in metric.MetricPoints.Where(p => ownedByTest is null || !ownedByTest(p)))
            {
                foreach (var tag in point.Tags)
                {
                    yield return ($"metric `{metric.Name}` tag", tag.Key + "=" + Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
    }

    /// <summary>The latest cumulative sum of a counter over the points whose tags include all of <paramref name="tags"/>.</summary>
    public long Sum(string metric, params (string Key, string Value)[] tags) =>
        Latest(metric)?.MetricPoints
            .Where(point => tags.All(t => Has(point, t.Key, t.Value)))
            .Sum(point => point.GetSumLong()) ?? 0;

    /// <summary>The latest cumulative count of a histogram over the points whose tags include all of <paramref name="tags"/>.</summary>
    public long Count(string metric, params (string Key, string Value)[] tags) =>
        Latest(metric)?.MetricPoints
            .Where(point => tags.All(t => Has(point, t.Key, t.Value)))
            .Sum(point => point.GetHistogramCount()) ?? 0;

    private MetricSnapshot? Latest(string metric) => Metrics.Snapshot().LastOrDefault(m => m.Name == metric);

    /// <summary>Whether the point has the tag <paramref name="key"/> with a value other than <paramref name="value"/>.</summary>
    public static bool HasOther(MetricPoint point, string key, string value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return !Equals(tag.Value as string, value);
            }
        }

        return false;
    }

    private static bool Has(MetricPoint point, string key, string value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key && Equals(tag.Value as string, value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A collection the exporters may add to from any thread.</summary>
    public sealed class Locked<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count
        {
            get
            {
                lock (_items)
                {
                    return _items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public T[] Snapshot()
        {
            lock (_items)
            {
                return [.. _items];
            }
        }

        public void Add(T item)
        {
            lock (_items)
            {
                _items.Add(item);
            }
        }

        public void Clear()
        {
            lock (_items)
            {
                _items.Clear();
            }
        }

        public bool Contains(T item)
        {
            lock (_items)
            {
                return _items.Contains(item);
            }
        }

        public void CopyTo(T[] array, int arrayIndex)
        {
            lock (_items)
            {
                _items.CopyTo(array, arrayIndex);
            }
        }

        public bool Remove(T item)
        {
            lock (_items)
            {
                return _items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Snapshot()).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
