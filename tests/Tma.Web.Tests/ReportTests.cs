using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tma.CaseStore;
using static Microsoft.Playwright.Assertions;

namespace Tma.Web.Tests;

/// <summary>"Print report" opens the case report for management in a new tab, in the UI's language; it prints to PDF.</summary>
[Collection(WebCollection.Name)]
public sealed class ReportTests(WebFixture web) : WebTest(web)
{
    [SkippableFact]
    public async Task Print_report_opens_the_report_in_the_chosen_language_and_it_prints_as_a_PDF()
    {
        RequireBrowser();
        var subject = Unique("SUBJ");
        var caseId = await Web.CaseAsync(subject, assessed: true, ("ex-1", "psychologist"));
        var page = await NewPageAsync("de-DE");
        await SignInAsync(page, "cm-1", CallerRole.CaseManager);
        await page.Locator($"#case-list a[href='#/cases/{caseId}']").ClickAsync();
        var print = page.GetByRole(AriaRole.Link, new() { Name = "Bericht drucken" });
        await Expect(print).ToHaveAttributeAsync("href", $"/v1/cases/{caseId}/report?language=de");

        var report = await page.RunAndWaitForPopupAsync(() => print.ClickAsync());
        await report.WaitForLoadStateAsync(LoadState.Load);
        var headings = await report.Locator("h1, h2").AllInnerTextsAsync();
        Assert.Contains(headings, h => h.Contains("Verlauf", StringComparison.Ordinal) || h.Contains("Zeitleiste", StringComparison.Ordinal));
        Assert.Contains(headings, h => h.Contains("Einschätzung", StringComparison.Ordinal));
        Assert.Contains(headings, h => h.Contains("Entscheidung", StringComparison.Ordinal));
        Assert.Contains(headings, h => h.Contains("Aufgaben", StringComparison.Ordinal));
        await ShotAsync(report, "17-report-de");

        var pdf = await report.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
        Assert.True(Regex.Matches(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count >= 1, "the PDF has no page");
        await File.WriteAllBytesAsync(Path.Combine(Web.ScreenshotDirectory, "17-report-de.pdf"), pdf);

        AssertNotInUrls(subject);
        AssertNoScriptErrors();
    }
}
