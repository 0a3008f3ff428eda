using System.Globalization;
using System.Text;

namespace Tma.Cli.Reports;

/// <summary>
/// The file names of a report's figures in its folder: <c>figures/NN-slug.png</c> and <c>.svg</c>, NN the figure's
/// position in the report (01, 02, …) and the slug its block's stable name, so a paper or slide can link a file whose
/// name does not change from run to run.
/// </summary>
internal static class ReportFigureFiles
{
    /// <summary>The sub-folder of the report folder that holds the figures.</summary>
    public const string Folder = "figures";

    /// <summary>The base name (no extension, relative to the figures folder) of every image of the document, in order.</summary>
    public static IReadOnlyList<string> BaseNames(ReportDocument document)
    {
        var names = new List<string>();
        foreach (var block in document.Blocks)
        {
            if (block is ImageBlock image)
            {
                names.Add((names.Count + 1).ToString("00", CultureInfo.InvariantCulture) + "-" + (image.Slug ?? Slug(image.Caption)));
            }
        }

        return names;
    }

    /// <summary>The files to write: for each image its PNG bytes and its SVG text, with their paths relative to the report folder.</summary>
    public static IReadOnlyList<(string RelativePath, byte[] Content)> Files(ReportDocument document)
    {
        var names = BaseNames(document);
        var images = document.Blocks.OfType<ImageBlock>().ToArray();
        var files = new List<(string, byte[])>(2 * images.Length);
        for (var i = 0; i < images.Length; i++)
        {
            files.Add(($"{Folder}/{names[i]}.png", images[i].Figure.Png));
            files.Add(($"{Folder}/{names[i]}.svg", new UTF8Encoding(false).GetBytes(images[i].Figure.Svg)));
        }

        return files;
    }

    /// <summary>Lower-case ASCII letters and digits of the first words of <paramref name="text"/>, joined by hyphens, at most 40 characters.</summary>
    public static string Slug(string text)
    {
        var slug = new StringBuilder();
        var hyphen = false;
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (hyphen && slug.Length > 0)
                {
                    if (slug.Length >= 32)
                    {
                        break;
                    }

                    slug.Append('-');
                }

                slug.Append(c);
                hyphen = false;
            }
            else
            {
                hyphen = true;
            }
        }

        return slug.Length == 0 ? "figure" : slug.ToString(0, Math.Min(slug.Length, 40));
    }
}
