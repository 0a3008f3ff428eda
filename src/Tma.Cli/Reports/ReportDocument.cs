namespace Tma.Cli.Reports;

/// <summary>
/// A report as a list of blocks, rendered both to Markdown (<see cref="MarkdownRenderer"/>) and to a self-contained HTML
/// page (<see cref="HtmlRenderer"/>), so the two always say the same.
/// </summary>
internal sealed class ReportDocument(string title)
{
    private readonly List<ReportBlock> _blocks = [];

    public string Title { get; } = title;

    public IReadOnlyList<ReportBlock> Blocks => _blocks;

    public ReportDocument Heading(string text, int level = 2) => Add(new HeadingBlock(text, level));

    public ReportDocument Paragraph(string text) => Add(new ParagraphBlock(text, Emphasis: false));

    public ReportDocument Note(string text) => Add(new ParagraphBlock(text, Emphasis: true));

    public ReportDocument Bullets(IEnumerable<string> items) => Add(new BulletsBlock([.. items]));

    /// <summary>A table; numbers are right-aligned unless <paramref name="text"/> says the cells are words.</summary>
    public ReportDocument Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, bool text = false) => Add(new TableBlock(headers, [.. rows], text));

    /// <summary>A figure; <paramref name="slug"/> names its files in the report folder (figures/NN-slug.png), else the caption's first words do.</summary>
    public ReportDocument Image(string caption, ReportFigure figure, string? slug = null) => Add(new ImageBlock(caption, figure, slug));

    private ReportDocument Add(ReportBlock block)
    {
        _blocks.Add(block);
        return this;
    }
}

internal abstract record ReportBlock;

internal sealed record HeadingBlock(string Text, int Level) : ReportBlock;

internal sealed record ParagraphBlock(string Text, bool Emphasis) : ReportBlock;

internal sealed record BulletsBlock(IReadOnlyList<string> Items) : ReportBlock;

internal sealed record TableBlock(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, bool Text) : ReportBlock;

internal sealed record ImageBlock(string Caption, ReportFigure Figure, string? Slug = null) : ReportBlock;
