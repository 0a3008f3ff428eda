using ScottPlot;

namespace Tma.Cli.Reports;

/// <summary>
/// One rendered plot in both raster and vector form: the PNG for viewers that want pixels, the SVG for papers and
/// slides (scales without blurring). Every plot of a report is rendered once through <see cref="From"/> so the two
/// always show the same picture.
/// </summary>
/// <param name="Png">The plot as PNG bytes.</param>
/// <param name="Svg">The plot as a standalone SVG document.</param>
internal sealed record ReportFigure(byte[] Png, string Svg)
{
    public const int Width = 640;
    public const int Height = 480;

    /// <summary>Renders <paramref name="plot"/> at the report size as PNG and as SVG.</summary>
    public static ReportFigure From(Plot plot, int width = Width, int height = Height) =>
        new(plot.GetImageBytes(width, height, ImageFormat.Png), plot.GetSvgHtml(width, height));
}
