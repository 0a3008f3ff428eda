using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tma.CaseStore;
using static Microsoft.Playwright.Assertions;

namespace Tma.Web.Tests;

/// <summary>
/// What every browser story needs: a fresh browser context per user session, signing in through the development-token
/// form, screenshots, and a record of every URL the browser requested and every script error it met.
/// </summary>
public abstract class WebTest(WebFixture web) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected WebFixture Web { get; } = web;

    /// <summary>Every URL the browser requested during the test (personal data must never be in one).</summary>
    protected List<string> RequestedUrls { get; } = [];

    /// <summary>Script errors and failed console messages; a test fails when there are any.</summary>
    protected List<string> ScriptErrors { get; } = [];

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Skips the test where no Chromium is installed (never in CI: the fixture fails there).</summary>
    protected void RequireBrowser() => Skip.If(Web.SkipReason is not null, Web.SkipReason);

    public async Task DisposeAsync()
    {
        // The last state of every page, for looking at a failure.
        var index = 0;
        foreach (var context in _contexts)
        {
            foreach (var open in context.Pages)
            {
                try
                {
                    await open.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Web.ScreenshotDirectory, "last", $"{GetType().Name}-{index++}.png"), FullPage = true });
                }
                catch (PlaywrightException)
                {
                    // a closed page
                }
            }

            await context.CloseAsync();
        }
    }

    /// <summary>A new browser session (its own cookies and storage), in the given browser language.</summary>
    protected async Task<IPage> NewPageAsync(string locale = "en-GB")
    {
        var context = await Web.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, AcceptDownloads = true });
        _contexts.Add(context);
        context.Request += (_, request) =>
        {
            lock (RequestedUrls)
            {
                RequestedUrls.Add(request.Url);
            }
        };
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        Watch(page);
        context.Page += (_, popup) => Watch(popup);
        return page;
    }

    private void Watch(IPage page)
    {
        page.PageError += (_, error) =>
        {
            lock (ScriptErrors)
            {
                ScriptErrors.Add($"{page.Url}: {error}");
            }
        };
        page.Console += (_, message) =>
        {
            // 4xx answers the UI handles (a 404 timeline, a refused confirm) are logged by Chromium as console errors; script errors are not "Failed to load".
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                lock (ScriptErrors)
                {
                    ScriptErrors.Add($"{page.Url}: console: {message.Text}");
                }
            }
        };
    }

    /// <summary>Signs in through the development-token form (the token `tma token` would print).</summary>
    protected async Task SignInAsync(IPage page, string user, CallerRole role)
    {
        await page.GotoAsync(Web.BaseUrl + "/app/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var token = page.Locator("#dev-token");
        await token.FillAsync(Web.Token(user, role));
        await page.Locator("form.dev-signin button[type=submit]").ClickAsync();
        await Expect(page.Locator("#sign-out")).ToBeVisibleAsync();
    }

    protected static async Task SignOutAsync(IPage page)
    {
        await page.Locator("#sign-out").ClickAsync();
        await Expect(page.Locator("#dev-token")).ToBeVisibleAsync();
    }

    /// <summary>Waits for the status message (aria-live) to say the given text.</summary>
    protected static async Task StatusAsync(IPage page, string text)
    {
        try
        {
            await Expect(page.Locator("#status")).ToContainTextAsync(text);
        }
        catch (PlaywrightException e)
        {
            // Say what the page said instead: the error shown in a form.
            var errors = await page.Locator(".form-error:visible").AllInnerTextsAsync();
            throw new Xunit.Sdk.XunitException($"Expected status `{text}`; the page shows: {string.Join(" | ", errors)}\n{e.Message}");
        }
    }

    protected async Task ShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("window.scrollTo(0, 0)"); // so that the sticky section navigation is drawn at the top
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Web.ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    protected async Task ShotAsync(ILocator section, string name)
    {
        await section.ScrollIntoViewIfNeededAsync();
        await section.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Web.ScreenshotDirectory, name + ".png") });
    }

    protected static Guid CaseIdOf(IPage page)
    {
        var match = Regex.Match(page.Url, "#/cases/([0-9a-f-]{36})");
        Assert.True(match.Success, page.Url);
        return Guid.Parse(match.Groups[1].Value);
    }

    protected static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    /// <summary>No URL the browser requested carries any of the given texts (also URL-encoded).</summary>
    protected void AssertNotInUrls(params string[] secrets)
    {
        string[] urls;
        lock (RequestedUrls)
        {
            urls = [.. RequestedUrls];
        }

        Assert.NotEmpty(urls);
        foreach (var url in urls)
        {
            var decoded = Uri.UnescapeDataString(url);
            foreach (var secret in secrets)
            {
                Assert.False(decoded.Contains(secret, StringComparison.OrdinalIgnoreCase), $"personal data `{secret}` in a requested URL: {url}");
            }
        }
    }

    protected void AssertNoScriptErrors()
    {
        lock (ScriptErrors)
        {
            Assert.True(ScriptErrors.Count == 0, "script errors:\n" + string.Join("\n", ScriptErrors));
        }
    }

    // --- UI steps shared by the stories ---------------------------------------------------------------------------

    /// <summary>Opens a case through the "New case" form; returns its id (from the hash route).</summary>
    protected static async Task<Guid> OpenCaseAsync(IPage page, string subject, string submitLabel)
    {
        var form = page.Locator("#new-case-form");
        await form.Locator("[name=subjectReference]").FillAsync(subject);
        await form.Locator("[name=category]").SelectOptionAsync("violence");
        await form.GetByRole(AriaRole.Button, new() { Name = submitLabel }).ClickAsync();
        // A hash route fires no load event: wait for the address itself (polled), not for a navigation.
        await Expect(page).ToHaveURLAsync(new Regex("#/cases/[0-9a-f-]{36}"));
        await Expect(page.Locator("#sec-overview")).ToBeVisibleAsync();
        return CaseIdOf(page);
    }

    protected static async Task AddMemberAsync(IPage page, string user, string role, string addedText)
    {
        var form = page.Locator("#add-member-form");
        await form.Locator("[name=userId]").FillAsync(user);
        await form.Locator("[name=role]").SelectOptionAsync(role);
        await form.Locator("button[type=submit]").ClickAsync();
        await StatusAsync(page, addedText);
    }

    /// <summary>Codes items in the generated observation form (input id → the value's label as shown) and saves.</summary>
    protected static async Task RecordObservationsAsync(IPage page, string source, string savedText, params (string Input, string ValueLabel)[] values)
    {
        var form = page.Locator("#observation-form");
        await form.Locator("[name=commonSource]").FillAsync(source);
        await form.Locator("[name=commonReliability]").SelectOptionAsync("first_hand");
        foreach (var (input, label) in values)
        {
            await form.Locator($"fieldset[data-input={input}]").GetByLabel(label, new() { Exact = true }).CheckAsync();
        }

        await form.Locator("button[type=submit]").ClickAsync();
        await StatusAsync(page, savedText);
    }

    protected static async Task AssessAsync(IPage page, string doneText)
    {
        var form = page.Locator("#assess-form");
        await form.Locator("[name=model]").SelectOptionAsync("warning-behaviours-triage");
        await form.Locator("button[type=submit]").ClickAsync();
        await StatusAsync(page, doneText);
        await Expect(page.Locator("#latest-assessment")).ToBeVisibleAsync();
    }
}
