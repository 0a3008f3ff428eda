using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>Issue 15 endpoints on SQLite.</summary>
public sealed class ProcessEndpointTests(HostFixture host) : ProcessEndpointContract<HostFixture>(host);

/// <summary>Issue 15 endpoints on PostgreSQL (skipped locally without TMA_TEST_POSTGRES; required in CI).</summary>
public sealed class PostgresProcessEndpointTests(PostgresHostFixture host) : ProcessEndpointContract<PostgresHostFixture>(host);

/// <summary>Review schedule, persons, four-eyes rule and the process's names through the HTTP API.</summary>
public abstract class ProcessEndpointContract<TFixture>(TFixture host) : IClassFixture<TFixture>
    where TFixture : HostFixture
{
    [SkippableFact]
    public async Task Guessing_another_tenants_case_person_or_decision_ids_answers_as_for_ids_that_do_not_exist()
    {
        await host.EnsureStartedAsync();
        var (id, version, assessment) = await host.FilledCaseAsync();
        (version, var person) = await host.AddedPersonAsync(id, version);
        (version, var decision) = await host.PendingOverrideAsync(id, assessment, version);
        using var manager = host.Client(host.Manager());
        await HostFixture.Read(await manager.PutAsJsonAsync($"/v1/cases/{id}/review", new { dueAt = "2026-01-01T00:00:00Z", expectedVersion = version }, HostFixture.Json));
        version++;

        // Same user ids, other tenant.
        using var otherManager = host.Client(host.Manager(host.TenantB));
        using var otherExpert = host.Client(host.Expert(host.TenantB));
        Func<Guid, Guid, Guid, HttpRequestMessage>[] requests =
        [
            (c, _, _) => Json(HttpMethod.Put, $"/v1/cases/{c}/review", new { dueAt = "2026-02-01T00:00:00Z", expectedVersion = version }),
            (c, _, _) => Json(HttpMethod.Post, $"/v1/cases/{c}/persons", new { role = "witness", reference = "guess", expectedVersion = version }),
            (c, _, _) => new HttpRequestMessage(HttpMethod.Get, $"/v1/cases/{c}/persons"),
            (c, p, _) => new HttpRequestMessage(HttpMethod.Delete, $"/v1/cases/{c}/persons/{p}?expectedVersion={version}"),
            (c, _, d) => Json(HttpMethod.Post, $"/v1/cases/{c}/decisions/{d}/confirm", new { expectedVersion = version }),
            (c, _, d) => Json(HttpMethod.Post, $"/v1/cases/{c}/decisions/{d}/reject", new { reason = "guess", expectedVersion = version }),
        ];
        foreach (var request in requests)
        {
            using var guessed = await otherManager.SendAsync(request(id, person, decision));
            using var unknown = await otherManager.SendAsync(request(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()));
            Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
            Assert.Equal((unknown.StatusCode, await CodeAsync(unknown)), (guessed.StatusCode, await CodeAsync(guessed)));
        }

        // Same tenant, not involved (a case manager neither owner nor member; an expert not a member): the same answer.
        using var uninvolved = host.Client(new Caller("manager-9", host.TenantA, CallerRole.CaseManager));
        foreach (var request in requests)
        {
            using var guessed = await uninvolved.SendAsync(request(id, person, decision));
            Assert.Equal((HttpStatusCode.NotFound, "not-found"), (guessed.StatusCode, await CodeAsync(guessed)));
        }

        using var stranger = host.Client(new Caller("expert-9", host.TenantA, CallerRole.Expert));
        using var persons = await stranger.GetAsync($"/v1/cases/{id}/persons");
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (persons.StatusCode, await CodeAsync(persons)));
        using var auditor = host.Client(host.Auditor());
        var denied = (await HostFixture.Read(await auditor.GetAsync("/v1/audit?limit=10000"))).EnumerateArray()
            .Where(e => e.TryGetProperty("caseId", out var c) && c.GetGuid() == id && e.GetProperty("outcome").GetString() == "denied")
            .Select(e => $"{e.GetProperty("actorId").GetString()} {e.GetProperty("action").GetString()} {e.GetProperty("detail").GetString()}")
            .ToArray();
        Assert.Contains("manager-9 case.person.list not-found", denied);
        Assert.Contains("manager-9 decision.confirm not-found", denied);
        Assert.Contains("expert-9 case.person.list not-found", denied);

        // Within the tenant, a guessed person or decision id on the caller's own case is not found either.
        using var unknownPerson = await manager.DeleteAsync($"/v1/cases/{id}/persons/{Guid.NewGuid()}?expectedVersion={version}");
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (unknownPerson.StatusCode, await CodeAsync(unknownPerson)));
        using var unknownDecision = await manager.PostAsJsonAsync($"/v1/cases/{id}/decisions/{Guid.NewGuid()}/confirm", new { expectedVersion = version }, HostFixture.Json);
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (unknownDecision.StatusCode, await CodeAsync(unknownDecision)));

        // The tenant-wide lists of the other tenant do not show the case.
        Assert.DoesNotContain((await HostFixture.Read(await otherManager.GetAsync("/v1/reviews/due?before=2030-01-01T00:00:00Z"))).EnumerateArray(), r => r.GetProperty("caseId").GetGuid() == id);
        Assert.DoesNotContain((await HostFixture.Read(await otherExpert.GetAsync("/v1/reviews/due?before=2030-01-01T00:00:00Z"))).EnumerateArray(), r => r.GetProperty("caseId").GetGuid() == id);
        Assert.DoesNotContain((await HostFixture.Read(await otherManager.GetAsync("/v1/decisions/pending"))).EnumerateArray(), r => r.GetProperty("caseId").GetGuid() == id);
    }

    [SkippableFact]
    public async Task A_review_is_scheduled_listed_when_due_and_cleared()
    {
        await host.EnsureStartedAsync();
        var (id, version, _) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());
        using var expert = host.Client(host.Expert());

        var summary = await HostFixture.Read(await manager.PutAsJsonAsync($"/v1/cases/{id}/review", new { dueAt = "2026-11-20T08:00:00Z", reason = "after the hearing", expectedVersion = version }, HostFixture.Json));
        Assert.Equal("2026-11-20T08:00:00+00:00", summary.GetProperty("nextReviewAt").GetString());
        var read = await HostFixture.Read(await expert.GetAsync($"/v1/cases/{id}"));
        Assert.Equal("after the hearing", read.GetProperty("review").GetProperty("reason").GetString());
        Assert.Equal("team", read.GetProperty("review").GetProperty("source").GetString());

        var due = await HostFixture.Read(await expert.GetAsync("/v1/reviews/due?before=2026-11-20T08:00:00Z"));
        var entry = Assert.Single(due.EnumerateArray(), r => r.GetProperty("caseId").GetGuid() == id);
        Assert.Equal("recognised", entry.GetProperty("status").GetString());
        var early = await HostFixture.Read(await expert.GetAsync("/v1/reviews/due?before=2026-11-20T07:59:59.999Z"));
        Assert.DoesNotContain(early.EnumerateArray(), r => r.GetProperty("caseId").GetGuid() == id);

        // For a non-member expert the persons' case does not exist (need-to-know), and no due review of it is listed.
        using var stranger = host.Client(new Caller("expert-9", host.TenantA, CallerRole.Expert));
        Assert.DoesNotContain((await HostFixture.Read(await stranger.GetAsync("/v1/reviews/due?before=2030-01-01T00:00:00Z"))).EnumerateArray(), r => r.GetProperty("caseId").GetGuid() == id);
        using var refused = await stranger.GetAsync($"/v1/cases/{id}/persons");
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (refused.StatusCode, await CodeAsync(refused)));

        var cleared = await HostFixture.Read(await manager.PutAsJsonAsync($"/v1/cases/{id}/review", new { dueAt = (string?)null, expectedVersion = version + 1 }, HostFixture.Json));
        Assert.False(cleared.TryGetProperty("nextReviewAt", out _));
        Assert.DoesNotContain((await HostFixture.Read(await manager.GetAsync("/v1/reviews/due?before=2030-01-01T00:00:00Z"))).EnumerateArray(), r => r.GetProperty("caseId").GetGuid() == id);

        // dueAt must be present (a body without it does not silently clear the review).
        using var missing = await manager.PutAsJsonAsync($"/v1/cases/{id}/review", new { expectedVersion = version + 2 }, HostFixture.Json);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task An_assessment_defaults_the_next_review_to_when_its_first_fact_goes_stale()
    {
        await host.EnsureStartedAsync();
        var (id, _, _) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());

        // As of 2026-10-15 the case has two reports of leakage (valid_for: P90D): 2026-10-01 + 90 days = 2026-12-30 and
        // 2026-10-12 + 90 days = 2027-01-10. The first to leave its window sets the default: 2026-12-30.
        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/assessments", new { model = "warning-behaviours-triage@^2.0", asOf = "2026-10-15T00:00:00Z" }, HostFixture.Json));

        var review = (await HostFixture.Read(await manager.GetAsync($"/v1/cases/{id}"))).GetProperty("review");
        Assert.Equal(("2026-12-30T00:00:00+00:00", "model"), (review.GetProperty("dueAt").GetString(), review.GetProperty("source").GetString()));
    }

    [SkippableFact]
    public async Task Persons_are_added_listed_and_removed_and_bad_input_names_the_field()
    {
        await host.EnsureStartedAsync();
        var (id, version, _) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());
        using var expert = host.Client(host.Expert());

        using var created = await manager.PostAsJsonAsync($"/v1/cases/{id}/persons", new { role = "affected_person", reference = "hr-0815", note = "threatened by e-mail", expectedVersion = version }, HostFixture.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var person = await HostFixture.Read(created);
        var persons = (await HostFixture.Read(await expert.GetAsync($"/v1/cases/{id}/persons"))).EnumerateArray().ToArray();
        Assert.Equal(["person_of_concern", "affected_person"], persons.Select(p => p.GetProperty("role").GetString()));
        Assert.True(persons[0].GetProperty("isCaseSubject").GetBoolean());

        using var subject = await manager.DeleteAsync($"/v1/cases/{id}/persons/{id}?expectedVersion={version + 1}");
        Assert.Equal((HttpStatusCode.Conflict, "case-subject"), (subject.StatusCode, await CodeAsync(subject)));
        await HostFixture.Read(await manager.DeleteAsync($"/v1/cases/{id}/persons/{person.GetProperty("id").GetGuid()}?expectedVersion={version + 1}"));
        Assert.Single((await HostFixture.Read(await expert.GetAsync($"/v1/cases/{id}/persons"))).EnumerateArray());

        using var badRole = await manager.PostAsJsonAsync($"/v1/cases/{id}/persons", new { role = "suspect", reference = "x", expectedVersion = version + 2 }, HostFixture.Json);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        using var empty = await manager.PostAsJsonAsync($"/v1/cases/{id}/persons", new { role = "witness", reference = " ", expectedVersion = version + 2 }, HostFixture.Json);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid-input"), (empty.StatusCode, await CodeAsync(empty)));
        Assert.Contains("reference", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(" at Tma.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_override_waits_for_a_second_case_manager()
    {
        await host.EnsureStartedAsync();
        var (id, version, assessment) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());
        using var second = host.Client(host.SecondManager());
        (version, var decision) = await host.PendingOverrideAsync(id, assessment, version);

        var listed = (await HostFixture.Read(await manager.GetAsync($"/v1/cases/{id}/decisions"))).EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == decision);
        Assert.Equal("pending", listed.GetProperty("status").GetString());
        var pending = Assert.Single((await HostFixture.Read(await manager.GetAsync("/v1/decisions/pending"))).EnumerateArray(), p => p.GetProperty("decisionId").GetGuid() == decision);
        Assert.True(pending.GetProperty("canConfirm").GetBoolean());

        // manager-2 recorded it and is not involved in the case: for them the case does not exist; the owner confirms.
        using var own = await second.PostAsJsonAsync($"/v1/cases/{id}/decisions/{decision}/confirm", new { expectedVersion = version }, HostFixture.Json);
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (own.StatusCode, await CodeAsync(own)));
        using var stale = await manager.PostAsJsonAsync($"/v1/cases/{id}/decisions/{decision}/confirm", new { expectedVersion = version - 1 }, HostFixture.Json);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var confirmed = await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/decisions/{decision}/confirm", new { comment = "agreed in conference", expectedVersion = version }, HostFixture.Json));
        Assert.Equal(("confirmed", "manager-1", "agreed in conference"), (confirmed.GetProperty("status").GetString(), confirmed.GetProperty("review").GetProperty("reviewedBy").GetString(), confirmed.GetProperty("review").GetProperty("comment").GetString()));
        Assert.True(confirmed.GetProperty("isInEffect").GetBoolean());

        // The owner's own override: manager-2 (now a member) must answer it; the owner cannot.
        version = (await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/members", new { userId = "manager-2", role = "case_manager", expectedVersion = version + 1 }, HostFixture.Json))).GetProperty("version").GetInt64();
        var mine = await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/decisions", new { assessmentId = assessment, finalLevel = "monitor", rationale = "lower", agreement = "overrode", expectedVersion = version }, HostFixture.Json));
        version++;
        using var self = await manager.PostAsJsonAsync($"/v1/cases/{id}/decisions/{mine.GetProperty("id").GetGuid()}/confirm", new { expectedVersion = version }, HostFixture.Json);
        Assert.Equal((HttpStatusCode.Conflict, "own-decision"), (self.StatusCode, await CodeAsync(self)));
        var rejected = await HostFixture.Read(await second.PostAsJsonAsync($"/v1/cases/{id}/decisions/{mine.GetProperty("id").GetGuid()}/reject", new { reason = "no new facts", expectedVersion = version }, HostFixture.Json));
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task The_process_names_its_stages_in_english_and_german()
    {
        await host.EnsureStartedAsync();
        using var client = host.Client(host.Auditor());

        var process = await HostFixture.Read(await client.GetAsync("/v1/process"));

        var stages = process.GetProperty("stages").EnumerateArray().ToArray();
        Assert.Equal(["recognised", "assessing", "managing", "monitoring", "closed"], stages.Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(("Defusion", "Entschärfen"), (stages[2].GetProperty("label").GetProperty("en").GetString(), stages[2].GetProperty("label").GetProperty("de").GetString()));
        Assert.Equal(["assessing", "closed"], stages[0].GetProperty("next").EnumerateArray().Select(n => n.GetString()));
        foreach (var group in new[] { "stages", "personRoles", "decisionStatuses", "reviewSources" })
        {
            Assert.All(process.GetProperty(group).EnumerateArray(), e => Assert.True(e.GetProperty("label").GetProperty("de").GetString()!.Length > 0 && e.GetProperty("label").GetProperty("en").GetString()!.Length > 0));
        }
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, object body) => new(method, path) { Content = JsonContent.Create(body, options: HostFixture.Json) };

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
