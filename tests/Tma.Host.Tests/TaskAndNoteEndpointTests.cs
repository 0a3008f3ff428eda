using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>Tasks the endpoint tests act on.</summary>
internal static class TeamTasks
{
    /// <summary>Two tasks of the expert on the case: one open (version 1), one started (version 2).</summary>
    public static async Task<(Guid Open, Guid Started)> CreateAsync(HostFixture host, Guid caseId)
    {
        using var manager = host.Client(host.Manager());
        using var expert = host.Client(host.Expert());
        var open = await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{caseId}/tasks", new { title = "interview the line manager", ownerId = "expert-1", dueAt = "2031-01-01T00:00:00Z" }, HostFixture.Json));
        var started = await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{caseId}/tasks", new { title = "read the e-mails", ownerId = "expert-1", dueAt = "2031-01-01T00:00:00Z" }, HostFixture.Json));
        var startedId = started.GetProperty("id").GetGuid();
        await HostFixture.Read(await expert.PutAsJsonAsync($"/v1/cases/{caseId}/tasks/{startedId}", new { status = "in_progress", expectedVersion = 1 }, HostFixture.Json));
        return (open.GetProperty("id").GetGuid(), startedId);
    }
}

/// <summary>Tasks and notes over HTTP on SQLite.</summary>
public sealed class TaskAndNoteEndpointTests(HostFixture host) : TaskAndNoteEndpointContract<HostFixture>(host);

/// <summary>Tasks and notes over HTTP on PostgreSQL (skipped locally without TMA_TEST_POSTGRES; required in CI).</summary>
public sealed class PostgresTaskAndNoteEndpointTests(PostgresHostFixture host) : TaskAndNoteEndpointContract<PostgresHostFixture>(host);

/// <summary>The team's tasks and notes: the process around the score, with stable codes for every refusal.</summary>
public abstract class TaskAndNoteEndpointContract<TFixture>(TFixture host) : IClassFixture<TFixture>
    where TFixture : HostFixture
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [SkippableFact]
    public async Task A_recommended_action_becomes_a_task_that_its_owner_starts_and_completes()
    {
        await host.EnsureStartedAsync();
        var (id, _, assessmentId) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());
        using var expert = host.Client(host.Expert());
        var assessments = await HostFixture.Read(await manager.GetAsync($"/v1/cases/{id}/assessments"));
        var action = assessments.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == assessmentId).GetProperty("assessment").GetProperty("actions")[0];

        var created = await SendAsync(manager.PostAsJsonAsync($"/v1/cases/{id}/tasks", new { ownerId = "expert-1", dueAt = "2026-01-01T00:00:00Z", fromAssessment = new { assessmentId, actionId = action.GetProperty("id").GetString() } }, HostFixture.Json));
        var taskId = created.Body.GetProperty("id").GetGuid();
        var overdue = await HostFixture.Read(await expert.GetAsync("/v1/tasks?owner=me&status=overdue"));
        var started = await SendAsync(expert.PutAsJsonAsync($"/v1/cases/{id}/tasks/{taskId}", new { status = "in_progress", expectedVersion = 1 }, HostFixture.Json));
        var withoutNote = await SendAsync(expert.PutAsJsonAsync($"/v1/cases/{id}/tasks/{taskId}", new { status = "done", expectedVersion = 2 }, HostFixture.Json));
        var done = await SendAsync(expert.PutAsJsonAsync($"/v1/cases/{id}/tasks/{taskId}", new { status = "done", completionNote = "referred on 2 Jan", expectedVersion = 2 }, HostFixture.Json));
        var overdueAfter = await HostFixture.Read(await expert.GetAsync("/v1/tasks?owner=me&status=overdue"));
        var listed = await HostFixture.Read(await expert.GetAsync($"/v1/cases/{id}/tasks"));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(action.GetProperty("step").GetString(), created.Body.GetProperty("title").GetString());
        Assert.Equal(action.GetProperty("id").GetString(), created.Body.GetProperty("fromAssessment").GetProperty("actionId").GetString());
        Assert.Equal("open", created.Body.GetProperty("status").GetString());
        Assert.Contains(overdue.EnumerateArray(), t => t.GetProperty("id").GetGuid() == taskId && t.GetProperty("isOverdue").GetBoolean());
        Assert.Equal((HttpStatusCode.OK, "in_progress", 2L), (started.Status, started.Body.GetProperty("status").GetString(), started.Body.GetProperty("version").GetInt64()));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid-input"), (withoutNote.Status, withoutNote.Body.GetProperty("code").GetString()));
        Assert.Contains(withoutNote.Body.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("completionNote:", StringComparison.Ordinal));
        Assert.Equal((HttpStatusCode.OK, "done", "expert-1", "referred on 2 Jan"), (done.Status, done.Body.GetProperty("status").GetString(), done.Body.GetProperty("completedBy").GetString(), done.Body.GetProperty("completionNote").GetString()));
        Assert.DoesNotContain(overdueAfter.EnumerateArray(), t => t.GetProperty("id").GetGuid() == taskId);
        Assert.Single(listed.EnumerateArray(), t => t.GetProperty("id").GetGuid() == taskId && t.GetProperty("completedAt").ValueKind == JsonValueKind.String);
    }

    [SkippableFact]
    public async Task Refusals_carry_a_stable_code_and_name_the_field()
    {
        await host.EnsureStartedAsync();
        var (id, _, assessmentId) = await host.FilledCaseAsync();
        var (open, _) = await TeamTasks.CreateAsync(host, id);
        using var manager = host.Client(host.Manager());
        using var expert = host.Client(host.Expert());

        var outsider = await SendAsync(manager.PostAsJsonAsync($"/v1/cases/{id}/tasks", new { title = "t", ownerId = "expert-9", dueAt = "2031-01-01T00:00:00Z" }, HostFixture.Json));
        var noSuchAction = await SendAsync(manager.PostAsJsonAsync($"/v1/cases/{id}/tasks", new { ownerId = "expert-1", dueAt = "2031-01-01T00:00:00Z", fromAssessment = new { assessmentId, actionId = "call-the-cavalry" } }, HostFixture.Json));
        var noDue = await SendAsync(manager.PostAsJsonAsync($"/v1/cases/{id}/tasks", new { title = "t", ownerId = "expert-1" }, HostFixture.Json));
        var unknownStatus = await SendAsync(manager.PutAsJsonAsync($"/v1/cases/{id}/tasks/{open}", new { status = "finished", expectedVersion = 1 }, HostFixture.Json));
        var stale = await SendAsync(manager.PutAsJsonAsync($"/v1/cases/{id}/tasks/{open}", new { status = "in_progress", expectedVersion = 7 }, HostFixture.Json));
        var expertCancels = await SendAsync(expert.PutAsJsonAsync($"/v1/cases/{id}/tasks/{open}", new { status = "cancelled", cancellationReason = "r", expectedVersion = 1 }, HostFixture.Json));
        var badFilter = await SendAsync(expert.GetAsync("/v1/tasks?owner=me&status=late"));
        var otherOwner = await SendAsync(expert.GetAsync("/v1/tasks?owner=manager-1"));
        var noTask = await SendAsync(manager.PutAsJsonAsync($"/v1/cases/{id}/tasks/{Guid.NewGuid()}", new { status = "in_progress", expectedVersion = 1 }, HostFixture.Json));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "owner-not-member", "ownerId"), (outsider.Status, outsider.Body.GetProperty("code").GetString(), outsider.Body.GetProperty("field").GetString()));
        Assert.DoesNotContain("expert-9", outsider.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "action-not-recommended", "fromAssessment.actionId"), (noSuchAction.Status, noSuchAction.Body.GetProperty("code").GetString(), noSuchAction.Body.GetProperty("field").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid-input"), (noDue.Status, noDue.Body.GetProperty("code").GetString()));
        Assert.Contains(noDue.Body.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("dueAt:", StringComparison.Ordinal));
        Assert.Equal((HttpStatusCode.BadRequest, "bad-request"), (unknownStatus.Status, unknownStatus.Body.GetProperty("code").GetString()));
        Assert.Equal((HttpStatusCode.Conflict, "concurrency-conflict", 1L), (stale.Status, stale.Body.GetProperty("code").GetString(), stale.Body.GetProperty("actualVersion").GetInt64()));
        Assert.Equal((HttpStatusCode.Forbidden, "access-denied"), (expertCancels.Status, expertCancels.Body.GetProperty("code").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid-input"), (badFilter.Status, badFilter.Body.GetProperty("code").GetString()));
        Assert.Contains(badFilter.Body.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("status:", StringComparison.Ordinal));
        Assert.Contains(otherOwner.Body.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("owner:", StringComparison.Ordinal));
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (noTask.Status, noTask.Body.GetProperty("code").GetString()));
    }

    [SkippableFact]
    public async Task Another_tenant_and_non_members_cannot_reach_tasks_or_notes_by_guessing_ids()
    {
        await host.EnsureStartedAsync();
        var (id, _, _) = await host.FilledCaseAsync();
        var (open, _) = await TeamTasks.CreateAsync(host, id);
        using var manager = host.Client(host.Manager());
        var note = await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/notes", new { text = "secret-note-text" }, HostFixture.Json));
        var noteId = note.GetProperty("id").GetGuid();

        // Other tenant, a non-member expert, and a case manager of the tenant who is neither owner nor member (need-to-know).
        foreach (var caller in new[] { host.Manager(host.TenantB), host.Expert(host.TenantB), new Caller("expert-2", host.TenantA, CallerRole.Expert), new Caller("manager-9", host.TenantA, CallerRole.CaseManager) })
        {
            using var intruder = host.Client(caller);
            var attempts = new List<HttpResponseMessage>
            {
                await intruder.GetAsync($"/v1/cases/{id}/tasks"),
                await intruder.PutAsJsonAsync($"/v1/cases/{id}/tasks/{open}", new { status = "in_progress", expectedVersion = 1 }, HostFixture.Json),
                await intruder.GetAsync($"/v1/cases/{id}/notes"),
                await intruder.PostAsJsonAsync($"/v1/cases/{id}/notes", new { text = "x", replyTo = noteId }, HostFixture.Json),
            };
            if (caller.Role == CallerRole.CaseManager)
            {
                attempts.Add(await intruder.PostAsJsonAsync($"/v1/cases/{id}/tasks", new { title = "t", ownerId = "expert-1", dueAt = "2031-01-01T00:00:00Z" }, HostFixture.Json));
            }

            foreach (var response in attempts)
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{caller.UserId}@{caller.TenantId} {response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {text}");
                Assert.Equal("not-found", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
                Assert.DoesNotContain("secret-note-text", text, StringComparison.Ordinal);
                Assert.DoesNotContain("interview the line manager", text, StringComparison.Ordinal);
                response.Dispose();
            }

            var own = await intruder.GetStringAsync("/v1/tasks?owner=me");
            Assert.DoesNotContain(open.ToString(), own, StringComparison.Ordinal);
        }

        // Tenant B's own case with tenant A's task and note ids: nothing there either.
        using var managerB = host.Client(host.Manager(host.TenantB));
        var bCase = await HostFixture.Read(await managerB.PostAsJsonAsync("/v1/cases", new { subjectReference = "b-subject", category = "other", retainUntil = "2031-01-01T00:00:00Z" }, HostFixture.Json));
        var bId = bCase.GetProperty("summary").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await managerB.PutAsJsonAsync($"/v1/cases/{bId}/tasks/{open}", new { status = "in_progress", expectedVersion = 1 }, HostFixture.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await managerB.PostAsJsonAsync($"/v1/cases/{bId}/notes", new { text = "x", replyTo = noteId }, HostFixture.Json)).StatusCode);
    }

    [SkippableFact]
    public async Task Notes_are_appended_by_members_and_every_read_is_audited()
    {
        await host.EnsureStartedAsync();
        var (id, _, _) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());
        using var expert = host.Client(host.Expert());

        var first = await SendAsync(expert.PostAsJsonAsync($"/v1/cases/{id}/notes", new { text = "HR meeting on Monday" }, HostFixture.Json));
        var correction = await SendAsync(manager.PostAsJsonAsync($"/v1/cases/{id}/notes", new { text = "Correction: on Tuesday", replyTo = first.Body.GetProperty("id").GetGuid() }, HostFixture.Json));
        var notes = await HostFixture.Read(await expert.GetAsync($"/v1/cases/{id}/notes"));
        var empty = await SendAsync(expert.PostAsJsonAsync($"/v1/cases/{id}/notes", new { text = "" }, HostFixture.Json));
        var edit = await SendAsync(expert.PutAsJsonAsync($"/v1/cases/{id}/notes/{first.Body.GetProperty("id").GetGuid()}", new { text = "changed" }, HostFixture.Json));
        using var auditor = host.Client(host.Auditor());
        var trail = await HostFixture.Read(await auditor.GetAsync("/v1/audit?limit=10000"));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(first.Body.GetProperty("id").GetGuid(), correction.Body.GetProperty("replyTo").GetGuid());
        Assert.Equal(new[] { "HR meeting on Monday", "Correction: on Tuesday" }, notes.EnumerateArray().Select(n => n.GetProperty("text").GetString()));
        Assert.Equal(("expert-1", "manager-1"), (notes[0].GetProperty("authorId").GetString(), notes[1].GetProperty("authorId").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid-input"), (empty.Status, empty.Body.GetProperty("code").GetString()));
        Assert.True(edit.Status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"notes cannot be edited: {(int)edit.Status}");
        Assert.Contains(trail.EnumerateArray(), e => e.GetProperty("action").GetString() == "note.read" && e.GetProperty("actorId").GetString() == "expert-1" && e.TryGetProperty("caseId", out var c) && c.GetGuid() == id);
        Assert.Contains(trail.EnumerateArray(), e => e.GetProperty("action").GetString() == "note.add" && e.GetProperty("actorId").GetString() == "manager-1" && e.TryGetProperty("detail", out var d) && d.GetString() == "reply" && e.GetProperty("caseId").GetGuid() == id);
    }
}
