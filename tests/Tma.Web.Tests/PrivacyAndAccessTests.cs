using Microsoft.Playwright;
using Tma.CaseStore;
using static Microsoft.Playwright.Assertions;

namespace Tma.Web.Tests;

/// <summary>No personal data in URLs; the auditor's view; need-to-know for an expert who is not a member.</summary>
[Collection(WebCollection.Name)]
public sealed class PrivacyAndAccessTests(WebFixture web) : WebTest(web)
{
    [SkippableFact]
    public async Task No_subject_reference_person_reference_note_text_or_document_name_appears_in_any_URL_the_browser_requests()
    {
        RequireBrowser();
        var subject = Unique("SUBJ");
        var person = Unique("PERSON");
        var personNote = Unique("saw it");
        var noteText = Unique("HR meeting moved");
        var reply = Unique("Correction");
        // A file name can name a person: the upload sends it in a header, never in the URL.
        var fileName = Unique("interview Meier") + ".txt";
        var page = await NewPageAsync("en-GB");
        await SignInAsync(page, "cm-1", CallerRole.CaseManager);
        var caseId = await OpenCaseAsync(page, subject, "Open the case");

        var persons = page.Locator("#add-person-form");
        await persons.Locator("[name=role]").SelectOptionAsync("witness");
        await persons.Locator("[name=reference]").FillAsync(person);
        await persons.Locator("[name=note]").FillAsync(personNote);
        await persons.Locator("button[type=submit]").ClickAsync();
        await StatusAsync(page, "The person is added.");
        await Expect(page.Locator("#sec-persons")).ToContainTextAsync(person);
        await ShotAsync(page.Locator("#sec-persons"), "19-persons-en");

        await page.Locator("#note-form [name=text]").FillAsync(noteText);
        await page.Locator("#note-form button[type=submit]").ClickAsync();
        await StatusAsync(page, "The note is added.");
        await page.Locator("#sec-notes li.note").First.GetByRole(AriaRole.Button, new() { Name = "Reply" }).ClickAsync();
        await page.Locator("#note-form [name=text]").FillAsync(reply);
        await page.Locator("#note-form button[type=submit]").ClickAsync();
        await StatusAsync(page, "The note is added.");
        await Expect(page.Locator("#sec-notes .notes .notes")).ToContainTextAsync(reply);
        await ShotAsync(page.Locator("#sec-notes"), "20-notes-en");

        await page.Locator("#doc-file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/plain", Buffer = "interview"u8.ToArray() });
        await page.Locator("#document-form button[type=submit]").ClickAsync();
        await StatusAsync(page, "The document is stored.");
        await Expect(page.Locator("#sec-documents")).ToContainTextAsync(fileName);

        var review = page.Locator("#sec-overview form").Filter(new() { HasText = "Next review" });
        await review.Locator("button[type=submit]").ClickAsync();
        await StatusAsync(page, "The review is scheduled.");
        await page.Locator("#sec-overview").GetByRole(AriaRole.Button, new() { Name = "Assessment" }).ClickAsync();
        await StatusAsync(page, "The case is now in stage");
        await ShotAsync(page.Locator("#sec-timeline"), "21-timeline-en");
        await ShotAsync(page, "22-case-page-full-en");

        // Reload the case and the list: every read goes by id only.
        await page.GotoAsync(Web.BaseUrl + "/app/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Locator($"#case-list a[href='#/cases/{caseId}']").ClickAsync();
        await Expect(page.Locator("#sec-persons")).ToContainTextAsync(person);

        AssertNotInUrls(subject, person, personNote, noteText, reply, fileName);
        AssertNoScriptErrors();
    }

    [SkippableFact]
    public async Task The_auditor_sees_the_audit_trail_and_its_verification_and_an_expert_who_is_not_a_member_does_not_see_the_case()
    {
        RequireBrowser();
        var subject = Unique("SUBJ");
        var caseId = await Web.CaseAsync(subject, assessed: true, ("ex-1", "psychologist"));

        var page = await NewPageAsync("en-GB");
        await SignInAsync(page, "auditor-1", CallerRole.Auditor);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit trail", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator(".verify.ok")).ToContainTextAsync("The chain is intact.");
        // This test's own case: its creation and assessment are in the trail whatever ran before.
        await Expect(page.Locator("#audit-table")).ToContainTextAsync("assessment.add");
        var oldest = page.GetByRole(AriaRole.Button, new() { Name = "Oldest entries" });
        if (await oldest.IsEnabledAsync())
        {
            await oldest.ClickAsync(); // more than one page of entries: the view opens on the newest
        }

        await Expect(page.Locator("#audit-table")).ToContainTextAsync("tenant.create");
        await ShotAsync(page, "23-audit-en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Deutsch" }).ClickAsync();
        await Expect(page.Locator(".verify.ok")).ToContainTextAsync("Die Kette ist unversehrt.");
        await ShotAsync(page, "24-audit-de");
        Assert.DoesNotContain(subject, await page.ContentAsync(), StringComparison.Ordinal);
        await SignOutAsync(page);

        await SignInAsync(page, "ex-2", CallerRole.Expert);
        await Expect(page.Locator("#case-list")).ToBeVisibleAsync();
        await Expect(page.Locator($"a[href='#/cases/{caseId}']")).ToHaveCountAsync(0);
        await page.GotoAsync($"{Web.BaseUrl}/app/#/cases/{caseId}", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Expect(page.Locator("main [role=alert]")).ToBeVisibleAsync();
        Assert.DoesNotContain(subject, await page.ContentAsync(), StringComparison.Ordinal);
        await ShotAsync(page, "25-expert-not-member-de");

        // Researchers and administrators are told where their work is, and see no case content.
        await SignOutAsync(page);
        await SignInAsync(page, "researcher-1", CallerRole.Researcher);
        await Expect(page.Locator("main")).ToContainTextAsync("Forschung");
        Assert.DoesNotContain(subject, await page.ContentAsync(), StringComparison.Ordinal);
        AssertNoScriptErrors();
    }
}
