using Tma.CaseStore;

namespace Tma.Host;

/// <summary>The priority of every case the caller may list, in one request (the web UI's case list).</summary>
internal static class PriorityEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/cases/priorities", async (HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.GetCasePrioritiesAsync(http.Caller(), ct).ConfigureAwait(false)))
            .WithName("ListCasePriorities")
            .WithSummary("The priority of each case the caller may list (case manager: the tenant's cases; expert: member cases): the final level of the latest decision in effect, else the latest champion assessment's level and conclusion, and whether an override awaits confirmation. One audited read (case.priorities).");
    }
}
