using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tma.Host.Tests;

/// <summary>The OpenAPI document served by the host is the one committed under docs/ (set UPDATE_SNAPSHOTS=1 to refresh it after an intended change).</summary>
public sealed class OpenApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_served_openapi_document_matches_the_committed_one()
    {
        using var client = host.Client();
        var served = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        served.AsObject().Remove("servers");
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var committed = Path.Combine(HostFixture.RepositoryRoot, "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(committed, text);
        }

        Assert.True(File.Exists(committed), "docs/openapi.json is missing; run the host tests once with UPDATE_SNAPSHOTS=1.");
        Assert.Equal(await File.ReadAllTextAsync(committed), text);
        foreach (var path in new[] { "/v1/cases", "/v1/cases/{caseId}/assessments", "/v1/audit/verify", "/v1/exports", "/health", "/ready" })
        {
            Assert.NotNull(served["paths"]?[path]);
        }
    }
}

public sealed class RateLimitedHostFixture : HostFixture
{
    protected override int RequestsPerMinute => 5;
}

/// <summary>Each caller has its own budget; going over it gives 429 with Retry-After, and other callers are unaffected.</summary>
public sealed class RateLimitTests(RateLimitedHostFixture host) : IClassFixture<RateLimitedHostFixture>
{
    [Fact]
    public async Task A_caller_over_budget_gets_429_and_others_do_not()
    {
        using var greedy = host.Client(host.Auditor());
        using var other = host.Client(host.Researcher());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await greedy.GetAsync("/v1/packages")).StatusCode);
        }

        using var limited = await greedy.GetAsync("/v1/packages");
        using var fine = await other.GetAsync("/v1/packages");

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal("rate-limited", JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }
}
