using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Tma.Host.Tests;

/// <summary>A stand-in OTLP collector (http/protobuf): records the path and body of every export.</summary>
public sealed class FakeCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public FakeCollector()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    public ConcurrentQueue<(string Path, byte[] Body)> Exports { get; } = new();

    public void Dispose()
    {
        _listener.Close();
        _ = _loop.Exception;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Exports.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}

/// <summary><c>Tma:Telemetry:Otlp:Endpoint</c> sends traces and metrics to the collector (http/protobuf) as <c>tma-host</c>.</summary>
public sealed class OtlpFixture : HostFixture
{
    public FakeCollector Collector { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Tma:Telemetry:Otlp:Endpoint"] = Collector.Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Collector.Dispose();
    }
}

[Collection(TelemetryCollection.Name)]
public sealed class OtlpExportTests(OtlpFixture host) : IClassFixture<OtlpFixture>
{
    [Fact]
    public async Task Traces_and_metrics_reach_the_configured_collector_under_the_service_name_tma_host()
    {
        await host.FilledCaseAsync();

        Assert.True(host.App.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(host.App.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

        var exports = host.Collector.Exports.ToArray();
        Assert.Contains(exports, e => e.Path == "/v1/traces" && Contains(e.Body, "tma-host") && Contains(e.Body, "assessment.add"));
        Assert.Contains(exports, e => e.Path == "/v1/metrics" && Contains(e.Body, "tma-host") && Contains(e.Body, "tma.store.operation.duration"));
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
}
