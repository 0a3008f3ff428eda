using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Tma.CaseStore;
using Tma.Scoring.Assessments;

namespace Tma.Host;

/// <summary>
/// Renders the case report for management: one self-contained HTML document (inline CSS, the risk curve as a
/// <c>data:</c> image, no scripts, no external resources) that prints on A4 with page numbers. Every value is
/// HTML-encoded; nothing of the case is ever written into the HTML raw. Sections: header, summary, persons, risk
/// curve, assessments, decisions, tasks, timeline (the sections' bodies are in <see cref="CaseReportSections"/>).
/// </summary>
internal static partial class CaseReportHtml
{
    /// <summary>Encodes text for HTML (markup characters and quotes); letters of every script stay readable.</summary>
    public static HtmlEncoder Encoder { get; } = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(CaseReportData data, string language, ModelLabels models, string generatedBy, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(data);
        var report = new ReportContext(data, language, models);
        var body = new StringBuilder();
        CaseReportSections.Header(body, report, generatedBy, generatedAt);
        CaseReportSections.Summary(body, report);
        CaseReportSections.Persons(body, report);
        CaseReportSections.RiskCurve(body, report);
        CaseReportSections.Assessments(body, report);
        CaseReportSections.Decisions(body, report);
        CaseReportSections.Tasks(body, report);
        CaseReportSections.Timeline(body, report);

        // Only now are all models known whose texts fell back to another language: say so under the header.
        var fallback = new StringBuilder();
        foreach (var (model, shown) in models.FellBack)
        {
            fallback.Append("<p class=\"notice\">").Append(E(report.F("report.fallback", model, shown))).Append("</p>\n");
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<title>").Append(E(report.T("report.title"))).Append(' ').Append(E(data.Case.Id.ToString("D")[..8])).Append("</title>\n")
            .Append("<style>\n").Append(Css(report)).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append(body.ToString().Replace(FallbackSlot, fallback.ToString(), StringComparison.Ordinal))
            .Append("</main>\n<footer>\n<p>").Append(E(report.T("report.footer"))).Append("</p>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Where the header leaves room for the language fall-back notices.</summary>
    public const string FallbackSlot = "<!--fallback-->";

    /// <summary>
    /// HTML-encodes a text; ISO dates and ids such as <c>manager-1</c> are kept on one line (a printed
    /// <c>2026-</c>/<c>12-06</c> or <c>manager-</c>/<c>1</c> is easily misread).
    /// </summary>
    public static string E(string? text) => text is null ? "" : NoBreak().Replace(Encoder.Encode(text), "<span class=\"nw\">$0</span>");

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w-])(?:\d{4}-\d{2}-\d{2}|[A-Za-z][A-Za-z0-9_.]*-\d+)(?![\w-])", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex NoBreak();

    /// <summary>
    /// The print layout: A4 with margins, the confidentiality line and "Page x of y" in the page margins, headings
    /// kept with what follows, rows and blocks not split across pages, table headers repeated on every page, long
    /// words wrapped rather than cut.
    /// </summary>
    private static string Css(ReportContext report) =>
        $$"""
        @page {
          size: A4;
          margin: 22mm 16mm 20mm 16mm;
          @top-left { content: "{{CssString(report.T("report.confidential"))}}"; font: 600 8pt/1.2 "DejaVu Sans", Arial, sans-serif; color: #8a1c1c; }
          @top-right { content: "{{CssString(report.T("report.title"))}} {{report.Data.Case.Id.ToString("D")[..8]}}"; font: 8pt/1.2 "DejaVu Sans", Arial, sans-serif; color: #555; }
          @bottom-right { content: "{{CssString(report.T("report.page"))}} " counter(page) " {{CssString(report.T("report.of"))}} " counter(pages); font: 8pt/1.2 "DejaVu Sans", Arial, sans-serif; color: #555; }
          @bottom-left { content: "{{CssString(report.T("report.footer"))}}"; font: 8pt/1.2 "DejaVu Sans", Arial, sans-serif; color: #555; }
        }
        * { box-sizing: border-box; }
        html { font: 9.5pt/1.4 "DejaVu Sans", Arial, sans-serif; color: #111; background: #fff; }
        body { margin: 0; }
        main, footer { max-width: 178mm; margin: 0 auto; }
        h1 { font-size: 16pt; margin: 0 0 2mm; }
        h2 { font-size: 12.5pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #1f3b5a; color: #1f3b5a; break-after: avoid; }
        h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
        h4 { font-size: 9.5pt; margin: 3mm 0 1mm; break-after: avoid; }
        p { margin: 1mm 0 2mm; }
        .confidential { font-weight: 700; color: #8a1c1c; border: 1pt solid #8a1c1c; padding: 1.5mm 2.5mm; margin: 0 0 3mm; }
        .advisory { border-left: 3pt solid #1f3b5a; background: #eef3f8; padding: 2mm 3mm; margin: 3mm 0; break-inside: avoid; }
        .notice { color: #6b4a00; background: #fff6dd; padding: 1.5mm 3mm; break-inside: avoid; }
        .muted { color: #555; }
        .nw { white-space: nowrap; }
        .block { break-inside: avoid; }
        .assessment { border: 0.75pt solid #c8d2dc; border-radius: 1.5mm; padding: 2mm 3mm; margin: 3mm 0; }
        .assessment h3 { margin-top: 0; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 1mm 0 3mm; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        th, td { text-align: left; vertical-align: top; padding: 1mm 1.5mm; border-bottom: 0.5pt solid #c8d2dc; overflow-wrap: anywhere; word-break: break-word; hyphens: auto; }
        th { background: #e6ecf2; font-weight: 600; }
        table.facts th { width: 34%; background: none; border-bottom: 0.5pt solid #c8d2dc; }
        td.rationale { padding-top: 0; color: #222; }
        ul { margin: 0.5mm 0 2mm; padding-left: 5mm; }
        li { break-inside: avoid; }
        img.curve { display: block; width: 100%; max-width: 170mm; height: auto; margin: 1mm auto 2mm; break-inside: avoid; }
        footer { margin-top: 8mm; padding-top: 2mm; border-top: 0.75pt solid #999; color: #555; font-size: 8.5pt; }
        @media screen { body { padding: 10mm 4mm; background: #f3f4f6; } main, footer { background: #fff; padding: 8mm 10mm; } }
        """;

    /// <summary>A text inside a CSS string: quotes, backslashes and line breaks escaped.</summary>
    private static string CssString(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '"' or '\\' or '<' or '>' or '\n' or '\r')
            {
                result.Append('\\').Append(((int)c).ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append(' ');
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}

/// <summary>The data, language and model texts one report is rendered with, and the assessments read back.</summary>
internal sealed class ReportContext(CaseReportData data, string language, ModelLabels models)
{
    public CaseReportData Data { get; } = data;

    public string Language { get; } = language;

    public ModelLabels Models { get; } = models;

    /// <summary>The champion assessments in curve order (as of, then made), each read back.</summary>
    public IReadOnlyList<(AssessmentRecord Record, Assessment Assessment)> Champions { get; } =
        [.. data.Assessments
            .Where(a => !a.Assessment.IsChallenger)
            .OrderBy(a => a.Assessment.AsOf ?? a.Assessment.AssessedAt)
            .ThenBy(a => a.Assessment.AssessedAt)
            .Select(a => (a, a.ReadAssessment()))];

    /// <summary>The ids of the models that assessed the case, latest first (their inputs are looked up first).</summary>
    public IReadOnlyList<string> CaseModels => [.. Champions.Select(c => c.Record.Assessment.PackageId).Reverse().Distinct(StringComparer.Ordinal)];

    public string T(string key) => ReportTexts.T(key, Language);

    public string F(string key, params object?[] args) => ReportTexts.F(key, Language, args);

    public string DateTime(DateTimeOffset at) => ReportTexts.DateTime(at, Language);

    public string Date(DateTimeOffset at) => ReportTexts.Date(at, Language);
}
