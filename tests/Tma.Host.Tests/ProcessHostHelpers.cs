using System.Net.Http.Json;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>Set-up steps for the issue-15 endpoints (a pending override, a recorded person) through the API.</summary>
public static class ProcessHostHelpers
{
    /// <summary>A second case manager of tenant A (not the owner, not a member).</summary>
    public static Caller SecondManager(this HostFixture host, string tenant = "tenant-a") => new("manager-2", tenant, CallerRole.CaseManager);

    /// <summary>Records an override of the model by manager-2 on the case; returns the case's new version and the pending decision's id.</summary>
    public static async Task<(long Version, Guid DecisionId)> PendingOverrideAsync(this HostFixture host, Guid caseId, Guid assessmentId, long version)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var second = host.Client(host.SecondManager());
        var decision = await HostFixture.Read(await second.PostAsJsonAsync($"/v1/cases/{caseId}/decisions", new { assessmentId, finalLevel = "urgent", rationale = "weapons access", agreement = "overrode", expectedVersion = version }, HostFixture.Json));
        return (version + 1, decision.GetProperty("id").GetGuid());
    }

    /// <summary>Records a witness on the case as manager-1; returns the case's new version and the person's id.</summary>
    public static async Task<(long Version, Guid PersonId)> AddedPersonAsync(this HostFixture host, Guid caseId, long version)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var manager = host.Client(host.Manager());
        var person = await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{caseId}/persons", new { role = "witness", reference = "hr-4711", expectedVersion = version }, HostFixture.Json));
        return (version + 1, person.GetProperty("id").GetGuid());
    }
}
