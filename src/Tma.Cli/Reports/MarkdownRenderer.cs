using System.Text;

namespace Tma.Cli.Reports;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as GitHub-flavoured Markdown. In a report folder images link the files
/// figures/NN-slug.png (with the SVG beside them); on their own they are named and found in report.html.
/// </summary>
internal static class MarkdownRenderer
{
    /// <summary>Renders the document; with <paramref name="figureFiles"/> (<see cref="ReportFigureFiles.BaseNames"/>) images link their files.</summary>
    public static string Render(ReportDocument document, IReadOnlyList<string>? figureFiles = null)
    {
        var image = 0;
        var text = new StringBuilder();
        text.Append("# ").Append(Escape(document.Title)).Append('\n');
        foreach (var block in document.Blocks)
        {
            text.Append('\n');
            switch (block)
            {
                case HeadingBlock h:
                    text.Append('#', h.Level).Append(' ').Append(Escape(h.Text)).Append('\n');
                    break;
                case ParagraphBlock p:
                    text.Append(p.Emphasis ? "> " : "").Append(Escape(p.Text)).Append('\n');
                    break;
                case BulletsBlock b:
                    foreach (var item in b.Items)
                    {
                        text.Append("- ").Append(Escape(item)).Append('\n');
                    }

                    break;
                case TableBlock t:
                    text.Append("| ").AppendJoin(" | ", t.Headers.Select(Cell)).Append(" |\n");
                    text.Append('|').AppendJoin('|', t.Headers.Select((_, i) => i == 0 ? "---" : "--:")).Append("|\n");
                    foreach (var row in t.Rows)
                    {
                        text.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
                    }

                    break;
                case ImageBlock i when figureFiles is not null && image < figureFiles.Count:
                    var file = ReportFigureFiles.Folder + "/" + figureFiles[image++];
                    text.Append("![").Append(Escape(i.Caption).Replace("]", "\\]", StringComparison.Ordinal)).Append("](").Append(file).Append(".png)\n\n");
                    text.Append('*').Append(Escape(i.Caption)).Append("* ([SVG](").Append(file).Append(".svg))\n");
                    break;
                case ImageBlock i:
                    text.Append("*Plot: ").Append(Escape(i.Caption)).Append(" (embedded in report.html).*\n");
                    break;
            }
        }

        return text.ToString();
    }

    private static string Cell(string text) => Escape(text).Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    /// <summary>Escapes the characters that would start Markdown markup inside running text.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("*", "\\*", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal);
}
