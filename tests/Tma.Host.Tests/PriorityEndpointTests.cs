using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tma.Host.Tests;

/// <summary>GET /v1/cases/priorities: the case list's priorities in one request.</summary>
public sealed class PriorityEndpointTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_model_level_then_the_decision_for_exactly_the_listed_cases()
    {
        var (id, version, assessmentId) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());
        using var expert = host.Client(host.Expert());
        var point = (await HostFixture.Read(await manager.GetAsync($"/v1/cases/{id}/risk-curve"))).GetProperty("points").EnumerateArray().Last();

        var before = await PriorityAsync(manager, id);
        Assert.Equal("model", before.GetProperty("source").GetString());
        Assert.Contains(before.GetProperty("conclusion").GetString(), new[] { "level", "lowerBound", "unassessable" });
        Assert.Equal(point.GetProperty("packageId").GetString(), before.GetProperty("packageId").GetString());
        if (before.GetProperty("conclusion").GetString() != "unassessable")
        {
            Assert.Equal(point.GetProperty("level").GetString(), before.GetProperty("level").GetString());
        }

        Assert.False(before.GetProperty("pendingOverride").GetBoolean());

        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/decisions", new { assessmentId, finalLevel = "manage", rationale = "agree", agreement = "followed", expectedVersion = version }, HostFixture.Json));
        var after = await PriorityAsync(expert, id);
        Assert.Equal(("decision", "manage", false), (after.GetProperty("source").GetString(), after.GetProperty("level").GetString(), after.GetProperty("pendingOverride").GetBoolean()));
        Assert.False(after.TryGetProperty("conclusion", out _));

        // Exactly the cases GET /v1/cases lists, for either role; another tenant sees none of them.
        foreach (var client in new[] { manager, expert })
        {
            var cases = (await HostFixture.Read(await client.GetAsync("/v1/cases"))).EnumerateArray().Select(c => c.GetProperty("id").GetGuid());
            var priorities = (await HostFixture.Read(await client.GetAsync("/v1/cases/priorities"))).EnumerateArray().Select(p => p.GetProperty("caseId").GetGuid());
            Assert.Equal(cases, priorities);
        }

        using var otherTenant = host.Client(host.Manager("tenant-b"));
        using var response = await otherTenant.GetAsync("/v1/cases/priorities");
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Assert.DoesNotContain(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray(), p => p.GetProperty("caseId").GetGuid() == id);
        }
    }

    [Fact]
    public async Task An_auditor_is_refused()
    {
        using var auditor = host.Client(host.Auditor());
        using var response = await auditor.GetAsync("/v1/cases/priorities");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<JsonElement> PriorityAsync(HttpClient client, Guid id) =>
        (await HostFixture.Read(await client.GetAsync("/v1/cases/priorities"))).EnumerateArray().Single(p => p.GetProperty("caseId").GetGuid() == id);
}
