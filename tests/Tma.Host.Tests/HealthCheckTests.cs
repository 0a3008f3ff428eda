using System.Net;
using System.Text.Json;

namespace Tma.Host.Tests;

/// <summary>Readiness runs the store, key-provider and models checks and names each.</summary>
public sealed class HealthCheckTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Readiness_reports_every_check_healthy()
    {
        using var client = host.Client();

        var ready = await HostFixture.Read(await client.GetAsync("/ready"));
        var checks = ready.GetProperty("checks");

        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.True(ready.GetProperty("keys").GetBoolean());
        Assert.True(ready.GetProperty("store").GetBoolean());
        Assert.All(new[] { "store", "keys", "models" }, name => Assert.Equal("healthy", checks.GetProperty(name).GetProperty("status").GetString()));
        Assert.StartsWith("key k1 wraps and unwraps", checks.GetProperty("keys").GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>A host without a model in service is alive but not ready.</summary>
public sealed class NoModelsHealthCheckTests(NoModelsHealthCheckTests.EmptyModelsHost host) : IClassFixture<NoModelsHealthCheckTests.EmptyModelsHost>
{
    public sealed class EmptyModelsHost : HostFixture
    {
        protected override string ModelsDirectory => Directory.CreateDirectory(Path.Combine(WorkDirectory, "empty-models")).FullName;
    }

    [Fact]
    public async Task Without_models_the_host_is_alive_but_answers_503_on_readiness_naming_the_models_check()
    {
        using var client = host.Client();

        using var health = await client.GetAsync("/health");
        using var ready = await client.GetAsync("/ready");
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("not-ready", body.GetProperty("status").GetString());
        Assert.Equal(0, body.GetProperty("models").GetInt32());
        Assert.Equal("unhealthy", body.GetProperty("checks").GetProperty("models").GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
    }
}
