using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>Every endpoint × every role on SQLite.</summary>
public sealed class EndpointAccessTests(HostFixture host) : EndpointAccessContract<HostFixture>(host);

/// <summary>Every endpoint × every role on PostgreSQL (skipped locally without TMA_TEST_POSTGRES; required in CI).</summary>
public sealed class PostgresEndpointAccessTests(PostgresHostFixture host) : EndpointAccessContract<PostgresHostFixture>(host);

/// <summary>Every endpoint × every role: allowed roles get past authorization, the others get 403 with a stable code.</summary>
public abstract class EndpointAccessContract<TFixture>(TFixture host) : IClassFixture<TFixture>
    where TFixture : HostFixture
{
    private static readonly CallerRole[] AllRoles = [CallerRole.CaseManager, CallerRole.Expert, CallerRole.Auditor, CallerRole.Researcher, CallerRole.Administrator];

    public static TheoryData<string, CallerRole> Matrix()
    {
        var data = new TheoryData<string, CallerRole>();
        foreach (var endpoint in Endpoints.Keys)
        {
            foreach (var role in AllRoles)
            {
                data.Add(endpoint, role);
            }
        }

        return data;
    }

    // The tasks the task endpoints act on (an open one and a started one, both the expert's), per test.
    private static readonly AsyncLocal<(Guid Open, Guid Started)> TaskIds = new();

    // name -> (allowed roles, request factory given case id, version, assessment id and document id)
    private static readonly Dictionary<string, (CallerRole[] Allowed, Func<Guid, long, Guid, Guid, HttpRequestMessage> Request)> Endpoints = new()
    {
        ["list cases"] = ([CallerRole.CaseManager, CallerRole.Expert], (_, _, _, _) => Get("/v1/cases")),
        ["case priorities"] = ([CallerRole.CaseManager, CallerRole.Expert], (_, _, _, _) => Get("/v1/cases/priorities")),
        ["create case"] = ([CallerRole.CaseManager], (_, _, _, _) => Post("/v1/cases", new { subjectReference = "subject-ref-x", category = "bullying", retainUntil = "2031-01-01T00:00:00Z" })),
        ["get case"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Get($"/v1/cases/{id}")),
        ["change status"] = ([CallerRole.CaseManager], (id, v, _, _) => Put($"/v1/cases/{id}/status", new { status = "assessing", expectedVersion = v })),
        ["assign owner"] = ([CallerRole.CaseManager], (id, v, _, _) => Put($"/v1/cases/{id}/owner", new { ownerId = "manager-2", expectedVersion = v })),
        ["set retention"] = ([CallerRole.CaseManager], (id, v, _, _) => Put($"/v1/cases/{id}/retention", new { retainUntil = "2032-01-01T00:00:00Z", expectedVersion = v })),
        ["add member"] = ([CallerRole.CaseManager], (id, v, _, _) => Post($"/v1/cases/{id}/members", new { userId = "expert-2", role = "labour_law", expectedVersion = v })),
        ["remove member"] = ([CallerRole.CaseManager], (id, v, _, _) => new HttpRequestMessage(HttpMethod.Delete, $"/v1/cases/{id}/members/expert-9?expectedVersion={v}")),
        ["list observations"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Get($"/v1/cases/{id}/observations")),
        ["add observation"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Post($"/v1/cases/{id}/observations", new { inputId = "fixation", value = "possible", observedAt = "2026-10-13T00:00:00Z", source = "interview" })),
        ["upload document"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => new HttpRequestMessage(HttpMethod.Post, $"/v1/cases/{id}/documents?name=note.txt") { Content = new StringContent("a note", Encoding.UTF8, "text/plain") }),
        ["list documents"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Get($"/v1/cases/{id}/documents")),
        ["download document"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, document) => Get($"/v1/cases/{id}/documents/{document}")),
        ["run assessment"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Post($"/v1/cases/{id}/assessments", new { model = "warning-behaviours-triage" })),
        ["list assessments"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Get($"/v1/cases/{id}/assessments")),
        ["risk curve"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Get($"/v1/cases/{id}/risk-curve")),
        ["risk curve image"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Get($"/v1/cases/{id}/risk-curve.png")),
        ["record decision"] = ([CallerRole.CaseManager], (id, v, a, _) => Post($"/v1/cases/{id}/decisions", new { assessmentId = a, finalLevel = "manage", rationale = "agree", agreement = "followed", expectedVersion = v })),
        ["list decisions"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Get($"/v1/cases/{id}/decisions")),
        ["add task"] = ([CallerRole.CaseManager], (id, _, _, _) => Post($"/v1/cases/{id}/tasks", new { title = "call HR", ownerId = "expert-1", dueAt = "2031-01-01T00:00:00Z" })),
        ["list tasks"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Get($"/v1/cases/{id}/tasks")),
        ["start task"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Put($"/v1/cases/{id}/tasks/{TaskIds.Value.Open}", new { status = "in_progress", expectedVersion = 1 })),
        ["complete task"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Put($"/v1/cases/{id}/tasks/{TaskIds.Value.Started}", new { status = "done", completionNote = "spoke to HR", expectedVersion = 2 })),
        ["cancel task"] = ([CallerRole.CaseManager], (id, _, _, _) => Put($"/v1/cases/{id}/tasks/{TaskIds.Value.Open}", new { status = "cancelled", cancellationReason = "not needed", expectedVersion = 1 })),
        ["reassign task"] = ([CallerRole.CaseManager], (id, _, _, _) => Put($"/v1/cases/{id}/tasks/{TaskIds.Value.Open}", new { ownerId = "manager-1", dueAt = "2031-02-01T00:00:00Z", expectedVersion = 1 })),
        ["list own tasks"] = ([CallerRole.CaseManager, CallerRole.Expert], (_, _, _, _) => Get("/v1/tasks?owner=me&status=overdue")),
        ["add note"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Post($"/v1/cases/{id}/notes", new { text = "HR meeting on Monday" })),
        ["list notes"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Get($"/v1/cases/{id}/notes")),
        ["audit trail"] = ([CallerRole.Auditor], (_, _, _, _) => Get("/v1/audit")),
        ["verify audit"] = ([CallerRole.Auditor], (_, _, _, _) => Get("/v1/audit/verify")),
        ["export"] = ([CallerRole.Researcher], (_, _, _, _) => Post("/v1/exports", new { k = 2 })),
        ["export judgements"] = ([CallerRole.Researcher], (_, _, _, _) => Post("/v1/exports/judgements", new { model = "warning-behaviours-triage" })),
        ["create tenant"] = ([CallerRole.Administrator], (_, _, _, _) => new HttpRequestMessage(HttpMethod.Post, "/v1/tenant")),
        ["rotate keys"] = ([CallerRole.Administrator], (_, _, _, _) => new HttpRequestMessage(HttpMethod.Post, "/v1/tenant/keys/rotate")),
        // Issue 15. The last argument is the person or decision that the test prepares for these endpoints (see below).
        ["process names"] = (AllRoles, (_, _, _, _) => Get("/v1/process")),
        ["set review"] = ([CallerRole.CaseManager], (id, v, _, _) => Put($"/v1/cases/{id}/review", new { dueAt = "2026-12-01T00:00:00Z", reason = "quarterly", expectedVersion = v })),
        ["due reviews"] = ([CallerRole.CaseManager, CallerRole.Expert], (_, _, _, _) => Get("/v1/reviews/due?before=2030-01-01T00:00:00Z")),
        ["add person"] = ([CallerRole.CaseManager], (id, v, _, _) => Post($"/v1/cases/{id}/persons", new { role = "witness", reference = "hr-1", note = "saw it", expectedVersion = v })),
        ["list persons"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Get($"/v1/cases/{id}/persons")),
        ["remove person"] = ([CallerRole.CaseManager], (id, v, _, person) => new HttpRequestMessage(HttpMethod.Delete, $"/v1/cases/{id}/persons/{person}?expectedVersion={v}")),
        ["confirm decision"] = ([CallerRole.CaseManager], (id, v, _, decision) => Post($"/v1/cases/{id}/decisions/{decision}/confirm", new { comment = "agreed", expectedVersion = v })),
        ["reject decision"] = ([CallerRole.CaseManager], (id, v, _, decision) => Post($"/v1/cases/{id}/decisions/{decision}/reject", new { reason = "no new facts", expectedVersion = v })),
        ["pending decisions"] = ([CallerRole.CaseManager], (_, _, _, _) => Get("/v1/decisions/pending")),
        ["observation form"] = ([CallerRole.CaseManager, CallerRole.Expert], (_, _, _, _) => Get("/v1/packages/warning-behaviours-triage/form")),
        ["case timeline"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Get($"/v1/cases/{id}/timeline")),
        ["case report"] = ([CallerRole.CaseManager, CallerRole.Expert], (id, _, _, _) => Get($"/v1/cases/{id}/report?language=de")),
        // Issue 15, web UI: who the caller is (any role).
        ["me"] = (AllRoles, (_, _, _, _) => Get("/v1/me")),
    };

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_is_allowed_or_denied_by_the_store_rules(string endpoint, CallerRole role)
    {
        await host.EnsureStartedAsync();
        var (id, version, assessment) = await host.FilledCaseAsync();
        if (endpoint.EndsWith(" task", StringComparison.Ordinal))
        {
            TaskIds.Value = await TeamTasks.CreateAsync(host, id);
        }

        var (allowed, request) = Endpoints[endpoint];
        using var client = host.Client(new Caller(role switch
        {
            CallerRole.CaseManager => "manager-1",
            CallerRole.Expert => "expert-1",
            _ => role.ToString().ToLowerInvariant() + "-1",
        }, role == CallerRole.Administrator && endpoint == "create tenant" ? "tenant-c-" + Guid.NewGuid().ToString("N")[..6] : host.TenantA, role));

        var target = host.LastDocument;
        (version, target) = endpoint switch
        {
            "confirm decision" or "reject decision" => await host.PendingOverrideAsync(id, assessment, version),
            "remove person" => await host.AddedPersonAsync(id, version),
            _ => (version, target),
        };

        using var response = await client.SendAsync(request(id, version, assessment, target));
        var body = await response.Content.ReadAsStringAsync();

        if (allowed.Contains(role))
        {
            Assert.True(response.IsSuccessStatusCode, $"{endpoint} as {role}: {(int)response.StatusCode} {body}");
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("access-denied", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        }
    }

    // The team-process endpoints (Operation.TeamOnly): need-to-know, a caller not involved in the case finds no case.
    private static readonly string[] TeamProcess =
    [
        "set review", "add person", "list persons", "remove person", "confirm decision", "reject decision",
        "add task", "list tasks", "start task", "complete task", "cancel task", "reassign task", "add note", "list notes",
        "case timeline", "case report",
    ];

    // Older case endpoints open to experts: a non-member expert is denied access (403), as before.
    private static readonly string[] OlderForExperts = ["get case", "list observations", "add observation", "list documents", "list assessments", "list decisions", "risk curve"];

    public static TheoryData<string, CallerRole> NotInvolved()
    {
        var data = new TheoryData<string, CallerRole>();
        foreach (var endpoint in TeamProcess)
        {
            foreach (var role in Endpoints[endpoint].Allowed)
            {
                data.Add(endpoint, role);
            }
        }

        foreach (var endpoint in OlderForExperts)
        {
            data.Add(endpoint, CallerRole.Expert);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(NotInvolved))]
    public async Task A_caller_not_involved_in_the_case_gets_not_found_on_the_team_process(string endpoint, CallerRole role)
    {
        await host.EnsureStartedAsync();
        var (id, version, assessment) = await host.FilledCaseAsync();
        if (endpoint.EndsWith(" task", StringComparison.Ordinal))
        {
            TaskIds.Value = await TeamTasks.CreateAsync(host, id);
        }

        var target = host.LastDocument;
        (version, target) = endpoint switch
        {
            "confirm decision" or "reject decision" => await host.PendingOverrideAsync(id, assessment, version),
            "remove person" => await host.AddedPersonAsync(id, version),
            _ => (version, target),
        };

        // A case manager of the tenant who is neither owner nor member; an expert of the tenant who is not a member.
        using var client = host.Client(new Caller(role == CallerRole.CaseManager ? "manager-9" : "expert-9", host.TenantA, role));
        using var response = await client.SendAsync(Endpoints[endpoint].Request(id, version, assessment, target));
        var body = await response.Content.ReadAsStringAsync();

        var expected = TeamProcess.Contains(endpoint) ? (HttpStatusCode.NotFound, "not-found") : (HttpStatusCode.Forbidden, "access-denied");
        Assert.True(expected == (response.StatusCode, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()), $"{endpoint} as {role}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task The_packages_endpoint_lists_the_loaded_models_for_any_authenticated_caller()
    {
        await host.EnsureStartedAsync();
        using var client = host.Client(host.Auditor());

        var packages = await HostFixture.Read(await client.GetAsync("/v1/packages"));

        Assert.Contains(packages.EnumerateArray(), p => p.GetProperty("id").GetString() == "warning-behaviours-triage");
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: HostFixture.Json) };

    private static HttpRequestMessage Put(string path, object body) => new(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: HostFixture.Json) };
}
