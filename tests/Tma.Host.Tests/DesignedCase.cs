using System.Net.Http.Json;
using System.Text.Json;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>
/// A hand-designed case for the timeline and the report, built through the API: a team of three, persons (one removed),
/// observations over two months with a correction, an out-of-date report and a contested one, two assessments as of different dates, a decision that follows the
/// model (with the assessor's judgement), an override recorded by one case manager and confirmed by another (with a
/// <c>&lt;script&gt;</c> in its rationale), a task done and one open, a note and a document (neither belongs in the
/// report), a review date and stage changes.
/// </summary>
internal static class DesignedCase
{
    public const string NoteText = "NOTE-TEXT-never-in-the-report: HR meeting moved to Tuesday";
    public const string DocumentName = "DOCUMENT-NAME-interview.txt";
    public const string ScriptRationale = "Weapons access reported by the partner <script>alert('x')</script> – needs active management";
    public const string CompletionNote = "Konsil am 18.11. gehalten.";
    public const string TaskTitle = "Forensisches Konsil (Dr. K.)";
    public const string RemovedReference = "REMOVED-REF-0815";

    public sealed record Ids(Guid CaseId, Guid First, Guid Second, Guid Override);

    public static async Task<Ids> CreateAsync(HostFixture host)
    {
        using var manager = host.Client(host.Manager());
        using var second = host.Client(host.SecondManager());
        using var expert = host.Client(host.Expert());
        var created = await HostFixture.Read(await manager.PostAsJsonAsync("/v1/cases", new { subjectReference = "pers-2231", category = "violence", retainUntil = "2031-01-01T00:00:00Z" }, HostFixture.Json));
        var id = created.GetProperty("summary").GetProperty("id").GetGuid();

        async Task<long> VersionAsync() => (await HostFixture.Read(await manager.GetAsync($"/v1/cases/{id}"))).GetProperty("summary").GetProperty("version").GetInt64();

        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/members", new { userId = "expert-1", role = "psychologist", expectedVersion = await VersionAsync() }, HostFixture.Json));
        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/members", new { userId = "manager-2", role = "case_manager", expectedVersion = await VersionAsync() }, HostFixture.Json));
        await HostFixture.Read(await manager.PutAsJsonAsync($"/v1/cases/{id}/status", new { status = "assessing", expectedVersion = await VersionAsync() }, HostFixture.Json));
        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/persons", new { role = "witness", reference = "hr-4711", note = "saw the incident", expectedVersion = await VersionAsync() }, HostFixture.Json));
        var reporter = await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/persons", new { role = "reporter", reference = RemovedReference, expectedVersion = await VersionAsync() }, HostFixture.Json));
        await HostFixture.Read(await manager.DeleteAsync($"/v1/cases/{id}/persons/{reporter.GetProperty("id").GetGuid()}?expectedVersion={await VersionAsync()}"));

        // September: possible leakage and fixation; a first assessment as of mid-September.
        var leakage = await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "leakage", value = "absent", observedAt = "2026-09-01T00:00:00Z", source = "colleague", reliability = "second_hand" }, HostFixture.Json));
        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "leakage", value = "possible", observedAt = "2026-09-01T00:00:00Z", source = "colleague", supersedes = leakage.GetProperty("id").GetGuid(), reliability = "second_hand" }, HostFixture.Json));
        await HostFixture.Read(await expert.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "fixation", value = "possible", observedAt = "2026-09-05T00:00:00Z", source = "interview", reliability = "first_hand" }, HostFixture.Json));
        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "grievance", value = "present", observedAt = "2026-09-05T00:00:00Z", source = "HR file", reliability = "documented" }, HostFixture.Json));
        // An old report that has left its validity window (90 days) by mid-September: out of date, not a current fact.
        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "pathway", value = "absent", observedAt = "2026-05-01T00:00:00Z", source = "HR file", reliability = "documented" }, HostFixture.Json));
        var first = (await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/assessments", new { model = "warning-behaviours-triage@^2.0", asOf = "2026-09-15T00:00:00Z" }, HostFixture.Json))).GetProperty("id").GetGuid();
        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/decisions", new
        {
            assessmentId = first,
            finalLevel = "monitor",
            rationale = "Agree with the model: watch and re-assess.",
            agreement = "followed",
            expectedVersion = await VersionAsync(),
            judgement = new Dictionary<string, string> { ["priority"] = "elevated", ["imminence"] = "low", ["formulation"] = "Grievance after the transfer; no sign of planning." },
        }, HostFixture.Json));

        // October: leakage present, fixation present (a partner reports weapons access); a second assessment.
        await HostFixture.Read(await expert.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "leakage", value = "present", observedAt = "2026-10-10T00:00:00Z", source = "e-mail", reliability = "documented" }, HostFixture.Json));
        await HostFixture.Read(await expert.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "fixation", value = "present", observedAt = "2026-10-12T00:00:00Z", source = "partner", reliability = "hearsay" }, HostFixture.Json));
        // The line manager reports the opposite within the model's conflict window (14 days): contested.
        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/observations", new { inputId = "leakage", value = "absent", observedAt = "2026-10-11T00:00:00Z", source = "line manager", reliability = "first_hand" }, HostFixture.Json));
        var secondAssessment = (await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/assessments", new { model = "warning-behaviours-triage@^2.0", asOf = "2026-10-15T00:00:00Z" }, HostFixture.Json))).GetProperty("id").GetGuid();

        // An override, pending, then confirmed by the second case manager.
        var decision = await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/decisions", new
        {
            assessmentId = secondAssessment,
            finalLevel = "manage",
            rationale = ScriptRationale,
            agreement = "overrode",
            expectedVersion = await VersionAsync(),
            judgement = new Dictionary<string, string> { ["priority"] = "high", ["imminence"] = "moderate", ["formulation"] = "Escalating fixation on the former manager." },
        }, HostFixture.Json));
        var overrideId = decision.GetProperty("id").GetGuid();
        await HostFixture.Read(await second.PostAsJsonAsync($"/v1/cases/{id}/decisions/{overrideId}/confirm", new { comment = "agreed in the case conference", expectedVersion = await VersionAsync() }, HostFixture.Json));

        // Tasks: one done (by the expert), one still open.
        var task = await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/tasks", new { title = TaskTitle, ownerId = "expert-1", dueAt = "2026-11-20T12:00:00Z", fromAssessment = new { assessmentId = secondAssessment, actionId = "psych-consult" } }, HostFixture.Json));
        var taskId = task.GetProperty("id").GetGuid();
        await HostFixture.Read(await expert.PutAsJsonAsync($"/v1/cases/{id}/tasks/{taskId}", new { status = "in_progress", expectedVersion = 1 }, HostFixture.Json));
        await HostFixture.Read(await expert.PutAsJsonAsync($"/v1/cases/{id}/tasks/{taskId}", new { status = "done", completionNote = CompletionNote, expectedVersion = 2 }, HostFixture.Json));
        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/tasks", new { title = "Zutritt zum Gelände prüfen lassen", ownerId = "manager-1", dueAt = "2031-01-15T12:00:00Z" }, HostFixture.Json));

        // Team conversation and a document: in the timeline, never in the report.
        await HostFixture.Read(await expert.PostAsJsonAsync($"/v1/cases/{id}/notes", new { text = NoteText }, HostFixture.Json));
        await HostFixture.Read(await manager.PostAsync($"/v1/cases/{id}/documents?name={DocumentName}", new StringContent("interview transcript", System.Text.Encoding.UTF8, "text/plain")));

        await HostFixture.Read(await manager.PutAsJsonAsync($"/v1/cases/{id}/review", new { dueAt = "2031-01-20T08:00:00Z", reason = "after the hearing", expectedVersion = await VersionAsync() }, HostFixture.Json));
        await HostFixture.Read(await manager.PutAsJsonAsync($"/v1/cases/{id}/status", new { status = "managing", expectedVersion = await VersionAsync() }, HostFixture.Json));
        return new Ids(id, first, secondAssessment, overrideId);
    }

    /// <summary>The audit entries of an action on a case (as an auditor reads them).</summary>
    public static async Task<IReadOnlyList<JsonElement>> AuditAsync(HostFixture host, Guid caseId, string action)
    {
        using var auditor = host.Client(host.Auditor());
        var entries = await HostFixture.Read(await auditor.GetAsync("/v1/audit?limit=10000"));
        return [.. entries.EnumerateArray().Where(e => e.GetProperty("action").GetString() == action && e.TryGetProperty("caseId", out var c) && c.ValueKind == JsonValueKind.String && c.GetGuid() == caseId)];
    }
}
