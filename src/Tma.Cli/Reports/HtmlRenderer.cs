using System.Net;
using System.Text;

namespace Tma.Cli.Reports;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained HTML page: inline CSS, plots as base64 PNG data URIs,
/// no script and no external resource, so it reads the same offline in any browser.
/// </summary>
internal static class HtmlRenderer
{
    private const string Style = """
        body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1200px; color: #1b1b1b; padding: 0 1rem; }
        h1 { font-size: 1.6rem; border-bottom: 2px solid #2b5797; padding-bottom: .3rem; }
        h2 { font-size: 1.25rem; margin-top: 2rem; color: #2b5797; }
        h3 { font-size: 1.05rem; margin-top: 1.2rem; }
        table { border-collapse: collapse; margin: .6rem 0; font-size: .85rem; }
        th, td { border: 1px solid #c8c8c8; padding: .25rem .5rem; text-align: right; }
        th { background: #eef2f8; }
        td:first-child, th:first-child, table.text td, table.text th { text-align: left; }
        tr:nth-child(even) td { background: #fafafa; }
        .note { background: #fff8e1; border-left: 4px solid #f0b400; padding: .4rem .8rem; }
        .plots { display: flex; flex-wrap: wrap; gap: 1rem; }
        figure { margin: 0; width: 560px; }
        figure img { width: 100%; height: auto; border: 1px solid #ddd; box-sizing: border-box; }
        figcaption { font-size: .85rem; color: #555; }
        ul { font-size: .9rem; }
        """;

    public static string Render(ReportDocument document)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(E(document.Title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(document.Title)).Append("</h1>\n");
        var inFigures = false;
        foreach (var block in document.Blocks)
        {
            if (block is ImageBlock && !inFigures)
            {
                html.Append("<div class=\"plots\">\n");
                inFigures = true;
            }
            else if (block is not ImageBlock && inFigures)
            {
                html.Append("</div>\n");
                inFigures = false;
            }

            switch (block)
            {
                case HeadingBlock h:
                    var level = Math.Clamp(h.Level, 2, 4);
                    html.Append("<h").Append(level).Append('>').Append(E(h.Text)).Append("</h").Append(level).Append(">\n");
                    break;
                case ParagraphBlock p:
                    html.Append(p.Emphasis ? "<p class=\"note\">" : "<p>").Append(E(p.Text)).Append("</p>\n");
                    break;
                case BulletsBlock b:
                    html.Append("<ul>\n");
                    foreach (var item in b.Items)
                    {
                        html.Append("<li>").Append(E(item)).Append("</li>\n");
                    }

                    html.Append("</ul>\n");
                    break;
                case TableBlock t:
                    html.Append(t.Text ? "<table class=\"text\">\n<thead><tr>" : "<table>\n<thead><tr>");
                    foreach (var header in t.Headers)
                    {
                        html.Append("<th>").Append(E(header)).Append("</th>");
                    }

                    html.Append("</tr></thead>\n<tbody>\n");
                    foreach (var row in t.Rows)
                    {
                        html.Append("<tr>");
                        foreach (var cell in row)
                        {
                            html.Append("<td>").Append(E(cell)).Append("</td>");
                        }

                        html.Append("</tr>\n");
                    }

                    html.Append("</tbody>\n</table>\n");
                    break;
                case ImageBlock i:
                    html.Append("<figure><img alt=\"").Append(E(i.Caption)).Append("\" src=\"data:image/png;base64,")
                        .Append(Convert.ToBase64String(i.Figure.Png)).Append("\"><figcaption>").Append(E(i.Caption)).Append("</figcaption></figure>\n");
                    break;
            }
        }

        if (inFigures)
        {
            html.Append("</div>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
