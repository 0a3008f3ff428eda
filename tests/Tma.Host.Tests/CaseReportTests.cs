using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>The case timeline and the case report on SQLite.</summary>
public sealed class CaseReportTests(HostFixture host) : CaseReportContract<HostFixture>(host);

/// <summary>The case timeline and the case report on PostgreSQL (skipped locally without TMA_TEST_POSTGRES; required in CI).</summary>
public sealed class PostgresCaseReportTests(PostgresHostFixture host) : CaseReportContract<PostgresHostFixture>(host);

/// <summary>The timeline (contract item 5) and the report for management (contract item 6) of a hand-designed case.</summary>
public abstract class CaseReportContract<TFixture>(TFixture host) : IClassFixture<TFixture>
    where TFixture : HostFixture
{
    private static readonly string[] SectionsInOrder = ["summary", "persons", "risk-curve", "assessments", "decisions", "tasks", "timeline"];

    [SkippableFact]
    public async Task The_timeline_tells_what_happened_oldest_first_with_who_and_when_in_both_languages()
    {
        await host.EnsureStartedAsync();
        var ids = await DesignedCase.CreateAsync(host);
        using var expert = host.Client(host.Expert());

        var timeline = await HostFixture.Read(await expert.GetAsync($"/v1/cases/{ids.CaseId}/timeline"));

        Assert.Equal(ids.CaseId, timeline.GetProperty("caseId").GetGuid());
        var events = timeline.GetProperty("events").EnumerateArray().ToArray();
        var times = events.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToArray();
        Assert.Equal(times.Order(), times);
        foreach (var e in events)
        {
            Assert.False(string.IsNullOrEmpty(e.GetProperty("actorId").GetString()), e.ToString());
            Assert.False(string.IsNullOrEmpty(e.GetProperty("title").GetProperty("en").GetString()), e.ToString());
            Assert.False(string.IsNullOrEmpty(e.GetProperty("title").GetProperty("de").GetString()), e.ToString());
        }

        // The designed sequence, in order (kind, actor).
        var sequence = events.Select(e => (Kind: e.GetProperty("kind").GetString()!, Actor: e.GetProperty("actorId").GetString()!)).ToArray();
        (string, string)[] expected =
        [
            ("opened", "manager-1"), ("member", "manager-1"), ("member", "manager-1"), ("status", "manager-1"),
            ("person", "manager-1"), ("person", "manager-1"), ("person", "manager-1"),
            ("observation", "manager-1"), ("observation", "manager-1"), ("observation", "expert-1"), ("observation", "manager-1"), ("observation", "manager-1"),
            ("assessment", "manager-1"), ("decision", "manager-1"),
            ("observation", "expert-1"), ("observation", "expert-1"), ("observation", "manager-1"), ("assessment", "manager-1"),
            ("decision", "manager-1"), ("decision_review", "manager-2"),
            ("task", "manager-1"), ("task_done", "expert-1"), ("task", "manager-1"),
            ("note", "expert-1"), ("document", "manager-1"), ("review", "manager-1"), ("status", "manager-1"),
        ];
        Assert.Equal(expected, sequence);

        string Text(int index, string part, string language) => events[index].GetProperty(part).GetProperty(language).GetString()!;
        Assert.Equal("Case opened", Text(0, "title", "en"));
        Assert.Equal("Fall eröffnet", Text(0, "title", "de"));
        Assert.Equal("expert-1 (psychologist)", Text(1, "detail", "en"));
        Assert.Equal("Recognition → Assessment", Text(3, "detail", "en"));
        Assert.Equal("Erkennen → Einschätzen", Text(3, "detail", "de"));
        Assert.Equal("Person removed", Text(6, "title", "en"));
        Assert.DoesNotContain(DesignedCase.RemovedReference, events[6].ToString(), StringComparison.Ordinal);
        Assert.Equal("Observation corrected", Text(8, "title", "en"));
        Assert.StartsWith("Leakage", Text(8, "detail", "en"), StringComparison.Ordinal);
        Assert.Contains("(observed 2026-09-01)", Text(8, "detail", "en"), StringComparison.Ordinal);
        Assert.Contains("(beobachtet am 01.09.2026)", Text(8, "detail", "de"), StringComparison.Ordinal);
        Assert.Equal(ids.First, events[12].GetProperty("refId").GetGuid());
        Assert.Equal("Override confirmed", Text(19, "title", "en"));
        Assert.Equal("Abweichung bestätigt", Text(19, "title", "de"));
        Assert.Equal(ids.Override, events[19].GetProperty("refId").GetGuid());
        Assert.Equal($"{DesignedCase.TaskTitle}: {DesignedCase.CompletionNote}", Text(21, "detail", "en"));
        Assert.Equal(DesignedCase.NoteText, Text(23, "detail", "en")); // the members read the note
        Assert.StartsWith(DesignedCase.DocumentName, Text(24, "detail", "en"), StringComparison.Ordinal);
        Assert.Equal("fällig am 20.01.2031", Text(25, "detail", "de"));

        var audited = await DesignedCase.AuditAsync(host, ids.CaseId, "case.timeline");
        var entry = Assert.Single(audited);
        Assert.Equal("expert-1", entry.GetProperty("actorId").GetString());
        Assert.Equal("allowed", entry.GetProperty("outcome").GetString());
    }

    [SkippableFact]
    public async Task The_report_has_every_section_in_English_escapes_case_text_and_leaves_out_notes_and_documents()
    {
        await host.EnsureStartedAsync();
        var ids = await DesignedCase.CreateAsync(host);
        using var manager = host.Client(host.Manager());

        using var response = await manager.GetAsync($"/v1/cases/{ids.CaseId}/report?language=en");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal(ReportEndpointsPolicy, string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(SectionsInOrder, Regex.Matches(html, "<section id=\"([a-z-]+)\">").Select(m => m.Groups[1].Value));
        Assert.Contains("Confidential – threat-management team only", html, StringComparison.Ordinal);
        Assert.Contains(ids.CaseId.ToString("D"), html, StringComparison.Ordinal);
        Assert.Contains("<h2>Summary</h2>", html, StringComparison.Ordinal);
        Assert.Contains("The model&#x27;s results in this report are advisory.", html, StringComparison.Ordinal);
        Assert.Contains("Threat of violence", html, StringComparison.Ordinal);
        Assert.Contains("by manager-1", VisibleText(html), StringComparison.Ordinal);

        // Self-contained: inline CSS, the curve as a data: image, no script, no external resource.
        Assert.Contains("<img class=\"curve\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(?i)<script|<link|src=\"http|url\\(|@import", html);
        Assert.Contains("counter(pages)", html, StringComparison.Ordinal);

        // Escaped case text; no note text; no document name.
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain(DesignedCase.NoteText, html, StringComparison.Ordinal);
        Assert.DoesNotContain("NOTE-TEXT", html, StringComparison.Ordinal);
        Assert.DoesNotContain("DOCUMENT-NAME", html, StringComparison.Ordinal);
        Assert.Contains("Notes and documents are not part of this report.", html, StringComparison.Ordinal);

        // Persons: the removed one as removed, without its reference.
        Assert.Contains("pers-2231", html, StringComparison.Ordinal);
        Assert.Contains("hr-4711", html, StringComparison.Ordinal);
        Assert.DoesNotContain(DesignedCase.RemovedReference, html, StringComparison.Ordinal);
        Assert.Contains("removed by manager-1", VisibleText(html), StringComparison.Ordinal);

        // Assessments with their explanation and the assessor's judgement; decisions with four-eyes status; tasks.
        Assert.Contains("Warning behaviour", html, StringComparison.Ordinal);
        Assert.Contains("Indicators that fired", html, StringComparison.Ordinal);
        Assert.Contains("Recommended actions", html, StringComparison.Ordinal);
        Assert.Contains("<h4>Out of date</h4>", html, StringComparison.Ordinal);
        Assert.Contains("<h4>Contested</h4>", html, StringComparison.Ordinal);
        Assert.Contains("(last reported 2026-05-01, valid for 90 days)", VisibleText(html), StringComparison.Ordinal);
        Assert.Contains("Involve a forensic psychologist to assess the behaviour.", html, StringComparison.Ordinal);
        Assert.Contains("Elevated priority", html, StringComparison.Ordinal);
        Assert.Contains("High priority", html, StringComparison.Ordinal);
        Assert.Contains("Escalating fixation on the former manager.", html, StringComparison.Ordinal);
        Assert.Contains("overrode the model", html, StringComparison.Ordinal);
        Assert.Contains("followed the model", html, StringComparison.Ordinal);
        Assert.Contains("confirmed by manager-2 on", VisibleText(html), StringComparison.Ordinal);
        Assert.Contains(DesignedCase.CompletionNote, html, StringComparison.Ordinal);
        Assert.Contains("1 open, 0 of them overdue", html, StringComparison.Ordinal);
        Assert.Contains("Override confirmed", html, StringComparison.Ordinal); // the timeline

        var audited = await DesignedCase.AuditAsync(host, ids.CaseId, "case.report");
        Assert.Equal("manager-1", Assert.Single(audited).GetProperty("actorId").GetString());
    }

    [SkippableFact]
    public async Task The_German_report_is_German_throughout()
    {
        await host.EnsureStartedAsync();
        var ids = await DesignedCase.CreateAsync(host);
        using var expert = host.Client(host.Expert());

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/cases/{ids.CaseId}/report");
        request.Headers.AcceptLanguage.ParseAdd("de-CH, de;q=0.9, en;q=0.5");
        using var response = await expert.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, $"report-de-{typeof(TFixture).Name}.html"), html);
        Assert.Contains("<html lang=\"de\">", html, StringComparison.Ordinal);
        Assert.Equal(SectionsInOrder, Regex.Matches(html, "<section id=\"([a-z-]+)\">").Select(m => m.Groups[1].Value));
        foreach (var heading in new[] { "Zusammenfassung", "Personen", "Risikoverlauf", "Einschätzungen", "Entscheidungen", "Aufgaben", "Verlauf" })
        {
            Assert.Contains($"<h2>{heading}</h2>", html, StringComparison.Ordinal);
        }

        Assert.Contains("Vertraulich – nur für das Bedrohungsmanagement-Team", html, StringComparison.Ordinal);
        Assert.Contains("Notizen und Dokumente sind nicht Teil dieses Berichts", html, StringComparison.Ordinal);
        Assert.Contains("Seite", html, StringComparison.Ordinal);
        Assert.Contains("Gewaltandrohung", html, StringComparison.Ordinal);
        Assert.Contains("Eine forensische Psychologin oder einen forensischen Psychologen zur Bewertung des Verhaltens hinzuziehen.", html, StringComparison.Ordinal);
        Assert.Contains("Erhöhte Priorität", html, StringComparison.Ordinal);
        Assert.Contains("<h4>Veraltet</h4>", html, StringComparison.Ordinal);
        Assert.Contains("<h4>Strittig</h4>", html, StringComparison.Ordinal);
        Assert.Contains("(zuletzt berichtet am 01.05.2026, gültig für 90 Tage)", VisibleText(html), StringComparison.Ordinal);
        Assert.Contains("bestätigt von manager-2 am", VisibleText(html), StringComparison.Ordinal);
        Assert.Contains("entfernt von manager-1 am", VisibleText(html), StringComparison.Ordinal);
        Assert.DoesNotContain(DesignedCase.NoteText, html, StringComparison.Ordinal);

        // No English left: none of the report's own English texts, and none of the model's English texts (the model has German).
        var text = VisibleText(html);
        foreach (var (key, (en, de)) in ReportTexts.All)
        {
            if (en != de && en.Length > 3 && !en.Contains('{', StringComparison.Ordinal))
            {
                Assert.False(Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(en)}(?![\w-])"), $"English text of `{key}` in the German report: {en}");
            }
        }

        foreach (var english in new[] { "Gather", "Find out", "Fixation", "Active risk management", "Active monitoring", "Involve a forensic psychologist", "Case priority", "Warning behaviour", "not assessable", "at least", "observed", "Page" })
        {
            Assert.DoesNotContain(english, text, StringComparison.Ordinal);
        }

        var audited = await DesignedCase.AuditAsync(host, ids.CaseId, "case.report");
        Assert.Equal("expert-1", Assert.Single(audited).GetProperty("actorId").GetString());
    }

    [SkippableFact]
    public async Task The_report_language_is_asked_for_or_follows_the_browser_and_anything_else_is_refused()
    {
        await host.EnsureStartedAsync();
        var (id, _, _) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());

        using var french = await manager.GetAsync($"/v1/cases/{id}/report?language=fr");
        var problem = JsonDocument.Parse(await french.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, french.StatusCode);
        Assert.Equal("invalid-input", problem.GetProperty("code").GetString());
        Assert.StartsWith("language:", problem.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/cases/{id}/report");
        request.Headers.AcceptLanguage.ParseAdd("fr-FR, fr;q=0.9");
        using var fallback = await manager.SendAsync(request);
        Assert.Contains("<html lang=\"en\">", await fallback.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var german = new HttpRequestMessage(HttpMethod.Get, $"/v1/cases/{id}/report?language=de");
        german.Headers.AcceptLanguage.ParseAdd("en");
        using var asked = await manager.SendAsync(german);
        Assert.Contains("<html lang=\"de\">", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("de", asked.Content.Headers.ContentLanguage.Single());
    }

    [SkippableFact]
    public async Task Callers_not_involved_and_other_tenants_find_no_timeline_and_no_report()
    {
        await host.EnsureStartedAsync();
        var (id, _, _) = await host.FilledCaseAsync();
        foreach (var caller in new[]
        {
            new Caller("manager-9", host.TenantA, CallerRole.CaseManager),
            new Caller("expert-9", host.TenantA, CallerRole.Expert),
            host.Manager(host.TenantB),
            host.Expert(host.TenantB),
        })
        {
            using var client = host.Client(caller);
            foreach (var path in new[] { $"/v1/cases/{id}/timeline", $"/v1/cases/{id}/report", $"/v1/cases/{Guid.NewGuid()}/timeline", $"/v1/cases/{Guid.NewGuid()}/report?language=de" })
            {
                using var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{caller.UserId}@{caller.TenantId} {path}: {(int)response.StatusCode} {body}");
                Assert.Equal("not-found", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
                Assert.DoesNotContain("pers-", body, StringComparison.Ordinal);
            }
        }

        var denied = await DesignedCase.AuditAsync(host, id, "case.report");
        Assert.All(denied, e => Assert.Equal("denied", e.GetProperty("outcome").GetString()));
        Assert.Equal(2, denied.Count); // the two callers of tenant A; tenant B's guesses land in tenant B's trail
    }

    [SkippableFact]
    public async Task A_pending_override_is_reported_as_waiting_and_not_in_effect()
    {
        await host.EnsureStartedAsync();
        var (id, version, assessment) = await host.FilledCaseAsync();
        await host.PendingOverrideAsync(id, assessment, version);
        using var manager = host.Client(host.Manager());

        var html = await (await manager.GetAsync($"/v1/cases/{id}/report?language=en")).Content.ReadAsStringAsync();
        var timeline = await HostFixture.Read(await manager.GetAsync($"/v1/cases/{id}/timeline"));

        Assert.Contains("<th scope=\"row\">Decision in effect</th><td>no decision in effect</td>", html, StringComparison.Ordinal);
        Assert.Contains("Override awaiting confirmation yes – recorded by manager-2 on ", VisibleText(html), StringComparison.Ordinal);
        Assert.Contains("pending – awaiting a second case manager", html, StringComparison.Ordinal);
        var decision = timeline.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "decision");
        Assert.Equal("manager-2", decision.GetProperty("actorId").GetString());
        Assert.EndsWith("overrode the model; awaiting a second case manager", decision.GetProperty("detail").GetProperty("en").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(timeline.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "decision_review");
    }

    [SkippableFact]
    public async Task A_new_case_has_a_report_with_every_section_and_a_timeline_of_one_event()
    {
        await host.EnsureStartedAsync();
        using var manager = host.Client(host.Manager());
        var created = await HostFixture.Read(await manager.PostAsJsonAsync("/v1/cases", new { subjectReference = "pers-new", category = "stalking", retainUntil = "2031-01-01T00:00:00Z" }, HostFixture.Json));
        var id = created.GetProperty("summary").GetProperty("id").GetGuid();

        var timeline = await HostFixture.Read(await manager.GetAsync($"/v1/cases/{id}/timeline"));
        using var response = await manager.GetAsync($"/v1/cases/{id}/report?language=de");
        var html = await response.Content.ReadAsStringAsync();

        var opened = Assert.Single(timeline.GetProperty("events").EnumerateArray());
        Assert.Equal(("opened", "manager-1", "Kategorie: Stalking"), (opened.GetProperty("kind").GetString(), opened.GetProperty("actorId").GetString(), opened.GetProperty("detail").GetProperty("de").GetString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SectionsInOrder, Regex.Matches(html, "<section id=\"([a-z-]+)\">").Select(m => m.Groups[1].Value));
        Assert.Contains("Noch keine Modelleinschätzung.", html, StringComparison.Ordinal);
        Assert.Contains("keine wirksame Entscheidung", html, StringComparison.Ordinal);
        Assert.Contains("keine geplant", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P90D", "en", "90 days")]
    [InlineData("P1D", "de", "1 Tag")]
    [InlineData("P3M", "de", "3 Monate")]
    [InlineData("P1Y2W", "en", "1 year, 2 weeks")]
    [InlineData("PT12H", "en", "PT12H")]
    public void Validity_windows_read_as_words(string iso, string language, string expected) =>
        Assert.Equal(expected, ReportTexts.Period(iso, language));

    [Fact]
    public void Every_report_text_exists_in_English_and_German()
    {
        Assert.NotEmpty(ReportTexts.All);
        foreach (var (key, (en, de)) in ReportTexts.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(en), key + " en");
            Assert.False(string.IsNullOrWhiteSpace(de), key + " de");
            Assert.Equal(Regex.Matches(en, @"\{\d\}").Select(m => m.Value).Order(), Regex.Matches(de, @"\{\d\}").Select(m => m.Value).Order());
        }

        // Every timeline kind and every enum the report names has its texts.
        foreach (var category in Enum.GetNames<CaseCategory>())
        {
            Assert.True(ReportTexts.All.ContainsKey("category." + category), category);
        }

        foreach (var role in Enum.GetNames<CaseMemberRole>())
        {
            Assert.True(ReportTexts.All.ContainsKey("member." + role), role);
        }

        foreach (var agreement in Enum.GetNames<ModelAgreement>())
        {
            Assert.True(ReportTexts.All.ContainsKey("agreement." + agreement), agreement);
        }

        foreach (var status in Enum.GetNames<DecisionStatus>())
        {
            Assert.True(ReportTexts.All.ContainsKey("decisionStatus." + status), status);
        }

        foreach (var expert in Tma.Models.Definitions.ExpertNames.All)
        {
            Assert.True(ReportTexts.All.ContainsKey("expert." + expert), expert);
        }

        foreach (var reliability in Tma.Models.Cases.SourceReliabilityNames.All)
        {
            Assert.True(ReportTexts.All.ContainsKey("reliability." + reliability), reliability);
        }
    }

    private const string ReportEndpointsPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

    /// <summary>The text a reader sees: the body without tags, and the CSS strings of the page margins.</summary>
    private static string VisibleText(string html)
    {
        var margins = string.Join(" ", Regex.Matches(html, "content: \"([^\"]*)\"").Select(m => m.Groups[1].Value));
        var body = html[html.IndexOf("<body>", StringComparison.Ordinal)..];
        body = Regex.Replace(body, "src=\"data:[^\"]*\"", "");
        body = Regex.Replace(body, "</?span[^>]*>", "");
        body = Regex.Replace(Regex.Replace(body, "<[^>]+>", " "), @"\s+", " ");
        return System.Net.WebUtility.HtmlDecode(body) + " " + margins;
    }
}
