using System.Net.Http.Json;

namespace Tma.Host.Tests;

/// <summary>A host-named challenger is scored alongside every assessment of its package and recorded, never shown.</summary>
public sealed class ChallengerFixture : HostFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Tma:Challengers"] = "warning-behaviours-triage=warning-behaviours-triage@^2.0",
    };
}

public sealed class ChallengerTests(ChallengerFixture host) : IClassFixture<ChallengerFixture>
{
    [Fact]
    public async Task The_configured_challenger_is_recorded_for_every_assessment_but_not_shown()
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());

        var run = await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/assessments", new { model = "warning-behaviours-triage" }, HostFixture.Json));
        var all = await HostFixture.Read(await manager.GetAsync($"/v1/cases/{id}/assessments"));
        var shown = await HostFixture.Read(await manager.GetAsync($"/v1/cases/{id}/risk-curve"));

        Assert.Equal("warning-behaviours-triage", run.GetProperty("challenger").GetProperty("assessment").GetProperty("model").GetProperty("id").GetString());
        Assert.Equal(2, all.EnumerateArray().Count(a => a.GetProperty("isChallenger").GetBoolean()));
        Assert.Equal(2, shown.GetProperty("points").GetArrayLength());
    }
}
