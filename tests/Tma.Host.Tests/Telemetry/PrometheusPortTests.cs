using Microsoft.AspNetCore.TestHost;

namespace Tma.Host.Tests;

/// <summary>With <c>Tma:Telemetry:PrometheusPort</c>, <c>/metrics</c> answers only on connections to that local port.</summary>
public sealed class PrometheusPortFixture : HostFixture
{
    public const int Port = 9464;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Tma:Telemetry:Prometheus"] = "true",
        ["Tma:Telemetry:PrometheusPort"] = "9464",
    };
}

[Collection(TelemetryCollection.Name)]
public sealed class PrometheusPortTests(PrometheusPortFixture host) : IClassFixture<PrometheusPortFixture>
{
    [Theory]
    [InlineData(PrometheusPortFixture.Port, "localhost", 200)]
    [InlineData(5080, "localhost", 404)]
    [InlineData(5080, "localhost:9464", 404)] // the Host header is the client's to choose; the local port is not
    public async Task Metrics_answer_on_the_configured_local_port_only(int localPort, string hostHeader, int expected)
    {
        var context = await host.App.GetTestServer().SendAsync(http =>
        {
            http.Request.Method = "GET";
            http.Request.Path = "/metrics";
            http.Request.Host = new Microsoft.AspNetCore.Http.HostString(hostHeader);
            http.Connection.LocalPort = localPort;
        });

        Assert.Equal(expected, context.Response.StatusCode);
    }
}
