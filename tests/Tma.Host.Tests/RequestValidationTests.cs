using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>Malformed, mistyped, oversized and conflicting requests get problem details with stable codes, never a stack trace.</summary>
public sealed class RequestValidationTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("{\"subjectReference\": \"s\", \"category\": ", "bad-request")]
    [InlineData("{\"subjectReference\": 42, \"category\": \"violence\", \"retainUntil\": \"2031-01-01T00:00:00Z\"}", "bad-request")]
    [InlineData("{\"subjectReference\": \"s\", \"category\": \"violence\", \"retainUntil\": \"2031-01-01T00:00:00Z\", \"subjetName\": \"x\"}", "bad-request")]
    [InlineData("{\"subjectReference\": \"s\", \"category\": \"arson\", \"retainUntil\": \"2031-01-01T00:00:00Z\"}", "bad-request")]
    [InlineData("{\"subjectReference\": \"s\", \"category\": 1, \"retainUntil\": \"2031-01-01T00:00:00Z\"}", "bad-request")]
    public async Task Malformed_json_wrong_types_and_unknown_fields_are_bad_requests(string json, string code)
    {
        using var client = host.Client(host.Manager());

        using var response = await client.PostAsync("/v1/cases", new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_body_is_refused_with_413()
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var client = host.Client(host.Manager());

        using var response = await client.PostAsync($"/v1/cases/{id}/documents?name=big.bin", new ByteArrayContent(new byte[200 * 1024]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload-too-large", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Store_validation_problems_are_listed()
    {
        using var client = host.Client(host.Manager());

        using var response = await client.PostAsJsonAsync("/v1/cases", new { subjectReference = "", category = "violence", retainUntil = "2031-01-01T00:00:00Z" }, HostFixture.Json);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-input", body.GetProperty("code").GetString());
        Assert.True(body.GetProperty("errors").GetArrayLength() >= 1);
    }

    [Theory]
    [InlineData("leakge", "present", "inputId", "inputId: `leakge` is not an input of any model in service — did you mean `leakage`?")]
    [InlineData("leakage", "presnt", "value", "value: `presnt` is not a level of `leakage` — did you mean `present`?")]
    [InlineData("leakage", "sometimes", "value", "value: `sometimes` is not a level of `leakage`")]
    public async Task An_observation_that_fits_no_model_in_service_is_refused_with_422_and_not_stored(string input, string value, string field, string message)
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var client = host.Client(host.Manager());
        var before = JsonDocument.Parse(await client.GetStringAsync($"/v1/cases/{id}/observations")).RootElement.GetArrayLength();

        using var response = await client.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = input, value, observedAt = "2026-10-20T00:00:00Z", source = "x" }, HostFixture.Json);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var after = JsonDocument.Parse(await client.GetStringAsync($"/v1/cases/{id}/observations")).RootElement.GetArrayLength();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("observation-does-not-fit", body.GetProperty("code").GetString());
        Assert.Equal(field, body.GetProperty("field").GetString());
        Assert.StartsWith(message, body.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task An_observation_of_another_models_input_is_stored_and_makes_that_assessment_422()
    {
        // naq01 belongs to the bullying model, not to the triage: a legitimate observation for the case, which the
        // triage then names as not its input instead of ignoring it.
        var (id, _, _) = await host.FilledCaseAsync();
        using var client = host.Client(host.Manager());
        await HostFixture.Read(await client.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "naq01", value = "weekly", observedAt = "2026-10-20T00:00:00Z", source = "x" }, HostFixture.Json));

        using var response = await client.PostAsJsonAsync($"/v1/cases/{id}/assessments", new { model = "warning-behaviours-triage" }, HostFixture.Json);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("case-does-not-fit-model", body.GetProperty("code").GetString());
        Assert.Contains("unknown input `naq01`", body.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_observations_source_reliability_is_stored_and_shown_and_an_unknown_grade_is_a_bad_request()
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var client = host.Client(host.Manager());

        using var stored = await client.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "fixation", value = "present", observedAt = "2026-10-20T00:00:00Z", source = "interview", reliability = "first_hand" }, HostFixture.Json);
        using var typo = await client.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "fixation", value = "present", observedAt = "2026-10-20T00:00:00Z", source = "interview", reliability = "rumour" }, HostFixture.Json);
        var list = JsonDocument.Parse(await client.GetStringAsync($"/v1/cases/{id}/observations")).RootElement;

        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        Assert.Equal("first_hand", JsonDocument.Parse(await stored.Content.ReadAsStringAsync()).RootElement.GetProperty("reliability").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Equal("bad-request", JsonDocument.Parse(await typo.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Single(list.EnumerateArray(), o => o.GetProperty("inputId").GetString() == "fixation" && o.GetProperty("reliability").GetString() == "first_hand");
    }

    [Fact]
    public async Task An_unknown_model_reference_is_404()
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var client = host.Client(host.Manager());

        using var response = await client.PostAsJsonAsync($"/v1/cases/{id}/assessments", new { model = "warning-behaviours-triage@^9" }, HostFixture.Json);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model-not-found", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Concurrent_conflicting_updates_let_exactly_one_win()
    {
        var (id, version, _) = await host.FilledCaseAsync();
        using var a = host.Client(host.Manager());
        using var b = host.Client(host.Manager());

        var responses = await Task.WhenAll(
            a.PutAsJsonAsync($"/v1/cases/{id}/status", new { status = "assessing", expectedVersion = version }, HostFixture.Json),
            b.PutAsJsonAsync($"/v1/cases/{id}/owner", new { ownerId = "manager-2", expectedVersion = version }, HostFixture.Json));

        Assert.Single(responses, r => r.IsSuccessStatusCode);
        var loser = Assert.Single(responses, r => !r.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
        Assert.Equal("concurrency-conflict", JsonDocument.Parse(await loser.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_no_cors_by_default()
    {
        using var client = host.Client(host.Manager());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/cases");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(request);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

/// <summary>Tenant isolation on SQLite.</summary>
public sealed class TenantIsolationTests(HostFixture host) : TenantIsolationContract<HostFixture>(host);

/// <summary>Tenant isolation on PostgreSQL (skipped locally without TMA_TEST_POSTGRES; required in CI).</summary>
public sealed class PostgresTenantIsolationTests(PostgresHostFixture host) : TenantIsolationContract<PostgresHostFixture>(host);

/// <summary>Tenants are isolated: guessing another tenant's ids reaches nothing and reveals nothing.</summary>
public abstract class TenantIsolationContract<TFixture>(TFixture host) : IClassFixture<TFixture>
    where TFixture : HostFixture
{
    [SkippableFact]
    public async Task Another_tenant_cannot_reach_a_case_by_guessing_its_id()
    {
        await host.EnsureStartedAsync();
        var (id, version, assessment) = await host.FilledCaseAsync();
        using var intruder = host.Client(host.Manager(host.TenantB));

        var attempts = new[]
        {
            await intruder.GetAsync($"/v1/cases/{id}"),
            await intruder.GetAsync($"/v1/cases/{id}/observations"),
            await intruder.GetAsync($"/v1/cases/{id}/assessments"),
            await intruder.GetAsync($"/v1/cases/{id}/risk-curve"),
            await intruder.GetAsync($"/v1/cases/{id}/documents"),
            await intruder.PutAsJsonAsync($"/v1/cases/{id}/status", new { status = "closed", expectedVersion = version }, HostFixture.Json),
            await intruder.PostAsJsonAsync($"/v1/cases/{id}/decisions", new { assessmentId = assessment, finalLevel = "none", rationale = "x", agreement = "overrode", expectedVersion = version }, HostFixture.Json),
        };

        foreach (var response in attempts)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("subject-ref", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var intruderList = await intruder.GetAsync("/v1/cases");
        Assert.DoesNotContain(id.ToString(), await intruderList.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>Reads of case content are audited with the caller; the audit chain verifies over the API.</summary>
public sealed class AuditTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Reading_case_content_is_audited_with_the_caller_and_the_chain_verifies()
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var expert = host.Client(host.Expert());
        (await expert.GetAsync($"/v1/cases/{id}/observations")).EnsureSuccessStatusCode();
        using var auditor = host.Client(host.Auditor());

        var trail = await HostFixture.Read(await auditor.GetAsync("/v1/audit"));
        var verification = await HostFixture.Read(await auditor.GetAsync("/v1/audit/verify"));

        Assert.Contains(trail.EnumerateArray(), e => e.GetRawText().Contains("expert-1", StringComparison.Ordinal) && e.GetRawText().Contains("observation.read", StringComparison.Ordinal));
        Assert.True(verification.GetProperty("isValid").GetBoolean());
    }
}
