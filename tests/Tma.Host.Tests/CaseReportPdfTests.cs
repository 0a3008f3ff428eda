using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace Tma.Host.Tests;

/// <summary>
/// The case report as a manager prints it: headless Chromium prints the HTML to PDF, poppler turns the pages into
/// PNGs (kept under the test output folder, <c>report-pages/&lt;language&gt;/</c>, for people to look at) and text.
/// Skipped where Chromium or poppler-utils are missing; in CI (CI=true) they are required.
/// </summary>
public sealed class CaseReportPdfTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const double A4Width = 595.28;
    private const double A4Height = 841.89;
    private const double MarginPoints = 16 / 25.4 * 72; // the report's left and right page margins (16 mm)

    [SkippableTheory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task The_printed_report_has_A4_pages_with_numbers_headings_in_order_and_nothing_cut_off(string language)
    {
        var chromium = Tool("chromium");
        var pdftoppm = Tool("pdftoppm");
        var pdftotext = Tool("pdftotext");
        var pdfinfo = Tool("pdfinfo");
        await host.EnsureStartedAsync();
        var ids = await DesignedCase.CreateAsync(host);
        using var manager = host.Client(host.Manager());
        var html = await (await manager.GetAsync($"/v1/cases/{ids.CaseId}/report?language={language}")).Content.ReadAsStringAsync();

        var folder = Path.Combine(AppContext.BaseDirectory, "report-pages", language);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var htmlFile = Path.Combine(folder, "report.html");
        var pdf = Path.Combine(folder, "report.pdf");
        await File.WriteAllTextAsync(htmlFile, html);
        var profile = Directory.CreateTempSubdirectory("tma-chromium-").FullName;
        try
        {
            await RunAsync(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run", $"--user-data-dir={profile}", $"--print-to-pdf={pdf}", new Uri(htmlFile).AbsoluteUri);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }

        Assert.True(File.Exists(pdf), "Chromium printed no PDF");

        // A4 pages, at least two for the designed case.
        var info = await RunAsync(pdfinfo, "-f", "1", "-l", "999", pdf);
        var pages = int.Parse(Regex.Match(info, @"^Pages:\s+(\d+)", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(pages >= 2, $"{pages} page(s)");
        var sizes = Regex.Matches(info, @"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", RegexOptions.Multiline);
        Assert.Equal(pages, sizes.Count);
        Assert.All(sizes, size =>
        {
            Assert.InRange(double.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture), A4Width - 1, A4Width + 1);
            Assert.InRange(double.Parse(size.Groups[2].Value, CultureInfo.InvariantCulture), A4Height - 1, A4Height + 1);
        });

        // PNG pages (kept for people to look at); none is blank.
        await RunAsync(pdftoppm, "-r", "50", "-png", pdf, Path.Combine(folder, "page"));
        var images = Directory.GetFiles(folder, "page-*.png").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(pages, images.Length);
        foreach (var image in images)
        {
            Assert.True(InkShare(image) > 0.01, $"{Path.GetFileName(image)} is (nearly) blank");
        }

        // Each page's text: numbered "Page x of y"; the sections' headings appear in order over the pages.
        var texts = new List<string>();
        for (var page = 1; page <= pages; page++)
        {
            var text = await RunAsync(pdftotext, "-layout", "-f", $"{page}", "-l", $"{page}", pdf, "-");
            await File.WriteAllTextAsync(Path.Combine(folder, $"page-{page}.txt"), text);
            texts.Add(text);
            var numbered = language == "de" ? $"Seite {page} von {pages}" : $"Page {page} of {pages}";
            Assert.Contains(numbered, text, StringComparison.Ordinal);
            Assert.Contains(ReportTexts.T("report.confidential", language), text, StringComparison.Ordinal);
        }

        var all = string.Join("\n", texts);
        var position = 0;
        foreach (var section in new[] { "summary", "persons", "curve", "assessments", "decisions", "tasks", "timeline" })
        {
            var heading = ReportTexts.T("section." + section, language);
            var found = Regex.Match(all[position..], $@"(?m)^\s*{Regex.Escape(heading)}\s*$");
            Assert.True(found.Success, $"heading `{heading}` not found after position {position}");
            position += found.Index + found.Length;
        }

        Assert.Contains(ReportTexts.T("report.footer", language), texts[^1], StringComparison.Ordinal);

        // Nothing runs into or past the right margin (text cut off or overflowing a table cell).
        var boxes = await RunAsync(pdftotext, "-bbox", pdf, "-");
        foreach (Match word in Regex.Matches(boxes, @"<word xMin=""([\d.]+)"" yMin=""[\d.]+"" xMax=""([\d.]+)"" yMax=""[\d.]+"">([^<]*)</word>"))
        {
            var xMin = double.Parse(word.Groups[1].Value, CultureInfo.InvariantCulture);
            var xMax = double.Parse(word.Groups[2].Value, CultureInfo.InvariantCulture);
            Assert.True(xMax <= A4Width - MarginPoints + 1.5 && xMin >= MarginPoints - 1.5, $"`{word.Groups[3].Value}` at x {xMin:0.#}–{xMax:0.#} leaves the printable area ({MarginPoints:0.#}–{A4Width - MarginPoints:0.#})");
        }
    }

    /// <summary>The share of the page's pixels that are not (nearly) white.</summary>
    private static double InkShare(string png)
    {
        using var bitmap = SKBitmap.Decode(png);
        long ink = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (pixel.Red < 235 || pixel.Green < 235 || pixel.Blue < 235)
                {
                    ink++;
                }
            }
        }

        return (double)ink / (bitmap.Width * (long)bitmap.Height);
    }

    /// <summary>The tool's path; skips the test when it is missing, unless in CI.</summary>
    private static string Tool(string name)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
        if (path is null && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"`{name}` is required in CI (apt packages chromium, poppler-utils).");
        }

        Skip.If(path is null, $"`{name}` is not installed (apt packages chromium, poppler-utils)");
        return path!;
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} did not finish within 120 s");
        }

        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(file)} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}
