using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Tma.CaseStore;
using static Microsoft.Playwright.Assertions;

namespace Tma.Web.Tests;

/// <summary>axe-core finds no serious or critical violation; the main flows work with the keyboard alone.</summary>
[Collection(WebCollection.Name)]
public sealed class AccessibilityTests(WebFixture web) : WebTest(web)
{
    [SkippableFact]
    public async Task Sign_in_case_list_and_case_page_have_no_serious_or_critical_axe_violations()
    {
        RequireBrowser();
        var caseId = await Web.CaseAsync(Unique("SUBJ"), assessed: true, ("ex-1", "psychologist"));
        var page = await NewPageAsync("en-GB");

        await page.GotoAsync(Web.BaseUrl + "/app/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Expect(page.Locator("#dev-token")).ToBeVisibleAsync();
        await AssertAxeCleanAsync(page, "sign-in");

        await SignInAsync(page, "cm-1", CallerRole.CaseManager);
        await Expect(page.Locator("#case-list")).ToBeVisibleAsync();
        await AssertAxeCleanAsync(page, "case list");

        await page.Locator($"#case-list a[href='#/cases/{caseId}']").ClickAsync();
        await Expect(page.Locator("#latest-assessment")).ToBeVisibleAsync();
        await AssertAxeCleanAsync(page, "case page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Deutsch" }).ClickAsync();
        await Expect(page.Locator("#latest-assessment")).ToContainTextAsync("Letzte Einschätzung");
        await AssertAxeCleanAsync(page, "case page (German)");
        AssertNoScriptErrors();
    }

    [SkippableFact]
    public async Task Signing_in_and_opening_a_case_work_with_the_keyboard_alone()
    {
        RequireBrowser();
        var caseId = await Web.CaseAsync(Unique("SUBJ"), assessed: true);
        var page = await NewPageAsync("en-GB");
        await page.GotoAsync(Web.BaseUrl + "/app/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Expect(page.Locator("#dev-token")).ToBeVisibleAsync();

        await TabToAsync(page, "#dev-token");
        await page.Keyboard.InsertTextAsync(Web.Token("cm-1", CallerRole.CaseManager));
        await TabToAsync(page, "form.dev-signin button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#sign-out")).ToBeVisibleAsync();

        await TabToAsync(page, $"#case-list a[href='#/cases/{caseId}']");
        await ShotAsync(page, "18-keyboard-focus-case-link");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/app/#/cases/{caseId}$"));
        await Expect(page.Locator("#sec-overview")).ToBeVisibleAsync();

        // The in-page navigation is reachable too: Enter on "Tasks" moves focus to that section's heading.
        await TabToAsync(page, $".case-nav a[href='#/cases/{caseId}/tasks']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#sec-tasks-title")).ToBeFocusedAsync();
        AssertNoScriptErrors();
    }

    [SkippableFact]
    public async Task Every_text_of_the_UI_exists_in_English_and_German()
    {
        RequireBrowser();
        var page = await NewPageAsync("en-GB");
        await page.GotoAsync(Web.BaseUrl + "/app/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var missing = await page.EvaluateAsync<string[]>(@"async () => {
            const { en, de } = await import('./strings.js');
            const missing = [];
            for (const key of Object.keys(en)) if (!(key in de) || !de[key]) missing.push('de: ' + key);
            for (const key of Object.keys(de)) if (!(key in en) || !en[key]) missing.push('en: ' + key);
            return missing;
        }");
        Assert.Empty(missing);

        // Every literal key the modules ask for (t('key') or t('key', …)) exists.
        var keys = await page.EvaluateAsync<string[]>("async () => Object.keys((await import('./strings.js')).en)");
        var used = Directory.EnumerateFiles(Repository.Path("src", "Tma.Host", "wwwroot"), "*.js", SearchOption.AllDirectories)
            .SelectMany(file => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), @"(?<![\w.])t\('([\w.-]+)'\s*[,)]").Select(m => (File: Path.GetFileName(file), Key: m.Groups[1].Value)))
            .ToArray();
        Assert.NotEmpty(used);
        Assert.Empty(used.Where(u => !keys.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}"));
    }

    /// <summary>Presses Tab until the element matching the selector has the focus (at most 80 times).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 80; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement !== null && document.activeElement.matches(s)", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {selector}");
    }

    private async Task AssertAxeCleanAsync(IPage page, string what)
    {
        AxeResult result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToArray();
        Assert.True(serious.Length == 0, $"{what}: " + string.Join("\n", serious.Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
        await ShotAsync(page, "axe-" + what.Replace(' ', '-').Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal));
    }
}
