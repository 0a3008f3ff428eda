using Tma.CaseStore;

namespace Tma.Host;

/// <summary>The case team's tasks: on one case, and the caller's own across their cases.</summary>
internal static class TaskEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/cases/{caseId:guid}/tasks", async (Guid caseId, AddTaskRequest body, HttpContext http, Store store, CancellationToken ct) =>
        {
            var task = await store.AddTaskAsync(http.Caller(), caseId, new NewCaseTask(body.Title, body.OwnerId, body.DueAt, body.Description, body.FromAssessment), ct).ConfigureAwait(false);
            return Results.Created($"/v1/cases/{caseId}/tasks/{task.Id}", task);
        }).WithName("AddTask").WithSummary("Gives a task to a member of the case (case manager); fromAssessment links it to a recommended action of one of the case's assessments, whose step becomes the default title.");

        api.MapGet("/cases/{caseId:guid}/tasks", async (Guid caseId, HttpContext http, Store store, CancellationToken ct) =>
            Results.Ok(await store.GetTasksAsync(http.Caller(), caseId, ct).ConfigureAwait(false)))
            .WithName("ListTasks").WithSummary("The case's tasks, soonest due first (case manager, member expert).");

        api.MapPut("/cases/{caseId:guid}/tasks/{taskId:guid}", async (Guid caseId, Guid taskId, UpdateTaskRequest body, HttpContext http, Store store, CancellationToken ct) =>
        {
            var change = new CaseTaskChange
            {
                Status = body.Status,
                OwnerId = body.OwnerId,
                DueAt = body.DueAt,
                CompletionNote = body.CompletionNote,
                CancellationReason = body.CancellationReason,
            };
            return Results.Ok(await store.UpdateTaskAsync(http.Caller(), caseId, taskId, change, body.ExpectedVersion, ct).ConfigureAwait(false));
        }).WithName("UpdateTask").WithSummary("Starts, puts back, completes (with a completion note) or cancels (with a reason) a task, or changes its owner or due date; expectedVersion is the task's version.");

        api.MapGet("/tasks", async (string? owner, string? status, HttpContext http, Store store, CancellationToken ct) =>
        {
            var problems = new List<string>();
            if (owner is not null && owner != "me")
            {
                problems.Add("owner: only `me` is supported");
            }

            if (Filter(status) is not { } filter)
            {
                problems.Add("status: one of `open`, `overdue`, `done`, `cancelled`, `all`");
                filter = CaseTaskFilter.All;
            }

            if (problems.Count > 0)
            {
                return Problems.Of(StatusCodes.Status400BadRequest, "invalid-input", "Invalid input: " + string.Join("; ", problems), new Dictionary<string, object?> { ["errors"] = problems });
            }

            return Results.Ok(await store.ListOwnTasksAsync(http.Caller(), filter, ct).ConfigureAwait(false));
        }).WithName("ListOwnTasks").WithSummary("The caller's tasks across their cases (owner=me); status=open (open or in progress), overdue (still to do, due before now), done, cancelled or all (the default).");
    }

    private static CaseTaskFilter? Filter(string? status) => status switch
    {
        null or "all" => CaseTaskFilter.All,
        "open" => CaseTaskFilter.Open,
        "overdue" => CaseTaskFilter.Overdue,
        "done" => CaseTaskFilter.Done,
        "cancelled" => CaseTaskFilter.Cancelled,
        _ => null,
    };
}
