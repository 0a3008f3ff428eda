using Microsoft.Playwright;
using Tma.CaseStore;
using static Microsoft.Playwright.Assertions;

namespace Tma.Web.Tests;

/// <summary>The team's work on a case, told through the UI: observe, assess, override with four eyes, tasks.</summary>
[Collection(WebCollection.Name)]
public sealed class CaseStoryTests(WebFixture web) : WebTest(web)
{
    [SkippableFact]
    public async Task A_case_manager_records_observations_assesses_and_overrides_and_a_second_case_manager_confirms_in_English()
    {
        RequireBrowser();
        var subject = Unique("SUBJ");
        var page = await NewPageAsync("en-GB");

        await page.GotoAsync(Web.BaseUrl + "/app/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await ShotAsync(page, "01-sign-in-en");
        await SignInAsync(page, "cm-1", CallerRole.CaseManager);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cases", Exact = true })).ToBeVisibleAsync();

        var caseId = await OpenCaseAsync(page, subject, "Open the case");
        await AddMemberAsync(page, "cm-2", "case_manager", "cm-2 is now a member.");
        await AddMemberAsync(page, "ex-1", "psychologist", "ex-1 is now a member.");
        await Expect(page.Locator("#sec-overview .member-list")).ToContainTextAsync("ex-1 — Psychologist");
        await ShotAsync(page.Locator("#sec-overview"), "03-case-overview-en");

        // The form generated from the model: labels, coding guidance in a <details>, values incl. "unknown".
        var leakage = page.Locator("#observation-form fieldset[data-input=leakage]");
        await Expect(leakage.Locator("legend")).ToContainTextAsync("Leakage: communicating intent to a third party");
        await leakage.Locator("details.guidance summary").ClickAsync();
        await Expect(leakage.Locator("details.guidance")).ToContainTextAsync("An employee tells a colleague at lunch");
        await Expect(leakage.GetByLabel("unknown (not established)")).ToBeVisibleAsync();
        await ShotAsync(page.Locator("#observation-form fieldset[data-input=leakage]"), "04-observation-item-en");
        await RecordObservationsAsync(page, "Interview with the team lead", "4 observation(s) saved.",
            ("leakage", "present"), ("fixation", "possible / partly present"), ("pathway", "absent"), ("last_resort", "unknown (not established)"));
        await Expect(page.Locator("#observation-list")).ToContainTextAsync("Interview with the team lead");
        await ShotAsync(page.Locator("#sec-observations"), "05-observations-en");

        // The explained assessment: level or "at least", the indicator that fired with its reason, the unknowns.
        await AssessAsync(page, "The assessment is stored.");
        var assessment = page.Locator("#latest-assessment");
        await Expect(assessment.Locator(".conclusion")).ToContainTextAsync("Active risk management");
        await Expect(assessment.Locator(".indicators")).ToContainTextAsync("Leakage — Intent communicated to a third party");
        await Expect(assessment.Locator(".gaps")).ToContainTextAsync("not reassurance");
        await Expect(assessment.Locator(".gaps")).ToContainTextAsync("Last resort");
        await Expect(assessment.Locator(".actions")).ToContainTextAsync("Convene the threat-management team for a case conference.");
        await ShotAsync(page.Locator("#sec-assessment"), "06-assessment-en");
        await ShotAsync(page.Locator("#sec-risk"), "07-risk-curve-en");

        // An override of the model: recorded as pending; its author gets no Confirm, and is told why.
        var decision = page.Locator("#decision-form");
        await decision.GetByLabel("Overrides the model").CheckAsync();
        await decision.Locator("[name=finalLevel]").SelectOptionAsync("monitor");
        await decision.Locator("[name=rationale]").FillAsync("Leakage was a one-off remark retracted the same day; the team monitors.");
        await decision.Locator("fieldset.judgement-field").First.GetByLabel("Elevated priority", new() { Exact = true }).CheckAsync();
        await decision.Locator("fieldset.judgement-field").Nth(1).GetByLabel("Within weeks or months", new() { Exact = true }).CheckAsync();
        await decision.Locator("[name='judgement:formulation']").FillAsync("Grievance after the transfer; no access to weapons known.");
        await decision.Locator("button[type=submit]").ClickAsync();
        await StatusAsync(page, "The override is recorded.");
        var pending = page.Locator("li.decision-pending");
        await Expect(pending).ToContainTextAsync("Awaiting a second case manager");
        await Expect(pending).ToContainTextAsync("you cannot confirm your own");
        await Expect(pending.GetByRole(AriaRole.Button, new() { Name = "Confirm the override" })).ToHaveCountAsync(0);
        await ShotAsync(page.Locator("#sec-decisions"), "08-decision-pending-en");
        await ShotAsync(page, "09-case-page-en");

        await SignOutAsync(page);
        await SignInAsync(page, "cm-2", CallerRole.CaseManager);
        var waiting = page.Locator("#pending-overrides");
        await Expect(waiting).ToContainTextAsync("override by cm-1");
        // The case list's priority (GET /v1/cases/priorities): the model's level until the override is confirmed.
        var row = page.Locator("#case-list tbody tr").Filter(new() { Has = page.Locator($"a[href='#/cases/{caseId}']") });
        await Expect(row).ToContainTextAsync("Active risk management");
        await Expect(row).ToContainTextAsync("(model, not yet decided)");
        await Expect(row).ToContainTextAsync("override awaiting confirmation");
        await ShotAsync(page, "10-case-list-cm2-en");
        await waiting.Locator($"a[href^='#/cases/{caseId}']").ClickAsync();
        await Expect(page.Locator("li.decision-pending")).ToBeVisibleAsync();
        Assert.Equal(caseId, CaseIdOf(page));
        var confirm = page.Locator("li.decision-pending form.confirm-form");
        await confirm.Locator("[name=comment]").FillAsync("Agreed in the case conference.");
        await confirm.Locator("button[type=submit]").ClickAsync();
        await StatusAsync(page, "The override is confirmed and now in effect.");
        var confirmed = page.Locator("li.decision-confirmed");
        await Expect(confirmed).ToContainTextAsync("Confirmed by a second case manager");
        await Expect(confirmed).ToContainTextAsync("Confirmed by cm-2");
        await ShotAsync(page.Locator("#sec-decisions"), "11-decision-confirmed-en");
        await page.GotoAsync(Web.BaseUrl + "/app/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var decided = page.Locator("#case-list tbody tr").Filter(new() { Has = page.Locator($"a[href='#/cases/{caseId}']") });
        await Expect(decided).ToContainTextAsync("(decided)");
        await Expect(decided).Not.ToContainTextAsync("override awaiting confirmation");
        await decided.Locator($"a[href='#/cases/{caseId}']").ClickAsync();
        await Expect(page.Locator("li.decision-confirmed")).ToBeVisibleAsync();

        // A correction: the item's earlier entry is chosen under "Corrects an earlier entry"; the list keeps both and
        // marks the old one superseded.
        var pathway = page.Locator("#observation-form fieldset[data-input=pathway]");
        await pathway.Locator("details.item-source summary").ClickAsync();
        var corrects = pathway.GetByLabel("Corrects an earlier entry");
        await Expect(corrects.Locator("option").Nth(1)).ToContainTextAsync("absent · Interview with the team lead");
        await corrects.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await pathway.Locator("[name='source:pathway']").FillAsync("Second interview with the team lead");
        await pathway.GetByLabel("present", new() { Exact = true }).CheckAsync();
        await ShotAsync(pathway, "11a-observation-correction-form-en");
        await page.Locator("#observation-form button[type=submit]").ClickAsync();
        await StatusAsync(page, "1 observation(s) saved.");
        var list = page.Locator("#observation-list");
        var old = list.Locator("tr.superseded");
        await Expect(old).ToHaveCountAsync(1);
        await Expect(old).ToContainTextAsync("absent");
        await Expect(old).ToContainTextAsync("superseded by a correction");
        await Expect(list.Locator("tr").Filter(new() { HasText = "Second interview with the team lead" })).ToContainTextAsync("correction of the entry of");
        await Expect(pathway.Locator(".current")).ToContainTextAsync("present (");
        await ShotAsync(page.Locator("#sec-observations"), "11b-observation-corrected-en");

        AssertNotInUrls(subject);
        AssertNoScriptErrors();
    }

    [SkippableFact]
    public async Task A_recommended_action_becomes_a_task_that_the_expert_starts_and_completes_in_German()
    {
        RequireBrowser();
        var subject = Unique("SUBJ");
        var note = Unique("Konsil gehalten");
        var page = await NewPageAsync("en-GB");
        await SignInAsync(page, "cm-1", CallerRole.CaseManager);
        await page.GetByRole(AriaRole.Button, new() { Name = "Deutsch" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fälle", Exact = true })).ToBeVisibleAsync();
        await ShotAsync(page, "12-case-list-de");

        var caseId = await OpenCaseAsync(page, subject, "Fall anlegen");
        await AddMemberAsync(page, "ex-1", "psychologist", "ex-1 ist jetzt Mitglied.");
        var leakage = page.Locator("#observation-form fieldset[data-input=leakage]");
        await Expect(leakage.Locator("legend")).ToContainTextAsync("Leakage: Tatabsicht gegenüber Dritten mitgeteilt");
        await RecordObservationsAsync(page, "Gespräch mit der Teamleitung", "2 Angabe(n) gespeichert.",
            ("leakage", "vorhanden"), ("identification", "nicht vorhanden"));
        await ShotAsync(page.Locator("#observation-form"), "13-observation-form-de");
        await AssessAsync(page, "Die Einschätzung ist gespeichert.");
        await Expect(page.Locator("#latest-assessment .indicators")).ToContainTextAsync("Tatabsicht gegenüber Dritten mitgeteilt");
        await ShotAsync(page.Locator("#sec-assessment"), "14-assessment-de");

        // The recommendation becomes a task for the psychologist.
        await page.Locator("#latest-assessment .actions li").Filter(new() { HasText = "Fallkonferenz" }).GetByRole(AriaRole.Button).ClickAsync();
        var taskForm = page.Locator("#task-form");
        await Expect(taskForm.Locator("[name=fromAction]")).ToHaveValueAsync("case-conference");
        await taskForm.Locator("[name=ownerId]").SelectOptionAsync("ex-1");
        // The native date picker follows the browser's locale (en-GB here); the chosen date is also written out in German.
        await taskForm.Locator("[name=dueAt]").FillAsync("2027-03-01");
        await Expect(taskForm.Locator(".date-echo")).ToHaveTextAsync("Gewählt: Montag, 1. März 2027");
        await taskForm.Locator("button[type=submit]").ClickAsync();
        await StatusAsync(page, "Die Aufgabe ist angelegt.");
        await Expect(page.Locator("li.task-open")).ToContainTextAsync("Fallkonferenz");
        await ShotAsync(page.Locator("#sec-tasks"), "15-tasks-open-de");
        await SignOutAsync(page);

        await SignInAsync(page, "ex-1", CallerRole.Expert);
        var myTasks = page.Locator("#my-tasks");
        await Expect(myTasks).ToContainTextAsync("Fallkonferenz");
        await myTasks.Locator($"a[href^='#/cases/{caseId}']").ClickAsync();
        var task = page.Locator("li.task").Filter(new() { HasText = "Fallkonferenz" });
        await task.GetByRole(AriaRole.Button, new() { Name = "Beginnen" }).ClickAsync();
        await StatusAsync(page, "Die Aufgabe ist in Arbeit.");
        await task.Locator("form.complete-form [name=completionNote]").FillAsync(note);
        await task.Locator("form.complete-form button[type=submit]").ClickAsync();
        await StatusAsync(page, "Die Aufgabe ist erledigt.");
        // No "new task" form and no "cancel" for an expert, and one line says why.
        await Expect(page.Locator("#task-form")).ToHaveCountAsync(0);
        await Expect(page.Locator("#sec-tasks form.cancel-form")).ToHaveCountAsync(0);
        await Expect(page.Locator("#task-managers-only")).ToHaveTextAsync("Nur die Fallverantwortlichen dieses Falls legen Aufgaben an und brechen sie ab.");
        await ShotAsync(page.Locator("#sec-tasks"), "15b-tasks-expert-de");
        await SignOutAsync(page);

        await SignInAsync(page, "cm-1", CallerRole.CaseManager);
        await page.Locator($"#case-list a[href='#/cases/{caseId}']").ClickAsync();
        var done = page.Locator("li.task-done");
        await Expect(done).ToContainTextAsync("erledigt");
        await Expect(done).ToContainTextAsync(note);
        await Expect(done).ToContainTextAsync("Erledigt von ex-1");
        await ShotAsync(page.Locator("#sec-tasks"), "16-tasks-done-de");

        AssertNotInUrls(subject, note);
        AssertNoScriptErrors();
    }
}
