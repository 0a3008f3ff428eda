using System.Text;

namespace Tma.Cli.Reports;

/// <summary>
/// Writes a report folder: report.json, report.md, report.html and the figures (figures/NN-slug.png and .svg). Every
/// file is first written to a temporary name, and only when all of them are written are they moved into place, so a
/// failed run never leaves a half-written report (at worst, when a move itself fails, a mix of complete old and new files).
/// </summary>
internal static class ReportFolder
{
    public const string Json = "report.json";
    public const string Markdown = "report.md";
    public const string Html = "report.html";

    /// <summary>Writes the report's files; returns the paths of the three documents, and of the figures folder when there are figures.</summary>
    /// <exception cref="IOException">A file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">A file may not be written.</exception>
    public static IReadOnlyList<string> Write(string folder, string json, string markdown, string html, IReadOnlyList<(string RelativePath, byte[] Content)>? figures = null)
    {
        Directory.CreateDirectory(folder);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var files = new List<(string Path, byte[] Content)>
        {
            (Path.Combine(folder, Json), utf8.GetBytes(json)),
            (Path.Combine(folder, Markdown), utf8.GetBytes(markdown)),
            (Path.Combine(folder, Html), utf8.GetBytes(html)),
        };
        foreach (var (relative, content) in figures ?? [])
        {
            files.Add((Path.Combine(folder, relative), content));
        }

        var suffix = ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var staged = new List<string>(files.Count);
        try
        {
            foreach (var (path, content) in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                staged.Add(path + suffix);
                File.WriteAllBytes(path + suffix, content);
            }

            foreach (var (path, _) in files)
            {
                File.Move(path + suffix, path, overwrite: true);
            }
        }
        finally
        {
            foreach (var temporary in staged.Where(File.Exists))
            {
                File.Delete(temporary);
            }
        }

        var written = files.Take(3).Select(f => f.Path).ToList();
        if (figures is { Count: > 0 })
        {
            var figureFolder = Path.Combine(folder, ReportFigureFiles.Folder);
            RemoveStaleFigures(figureFolder, files.Skip(3).Select(f => f.Path));
            written.Add(figureFolder + Path.DirectorySeparatorChar);
        }

        return written;
    }

    /// <summary>Removes figure files of an earlier run (NN-*.png/.svg) that this run did not write, so the folder shows one report.</summary>
    private static void RemoveStaleFigures(string figureFolder, IEnumerable<string> current)
    {
        var keep = new HashSet<string>(current.Select(Path.GetFullPath), StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(figureFolder))
        {
            var name = Path.GetFileName(file);
            var figure = name.Length > 3 && char.IsAsciiDigit(name[0]) && char.IsAsciiDigit(name[1]) && name[2] == '-'
                && (name.EndsWith(".png", StringComparison.Ordinal) || name.EndsWith(".svg", StringComparison.Ordinal));
            if (figure && !keep.Contains(Path.GetFullPath(file)))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>
    /// Writes one file (UTF-8, no BOM) through a temporary file in the same folder that is moved into place, so a
    /// reader never sees a half-written file and a failed write leaves the previous file (or none). The folder is
    /// created when it does not exist.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public static void WriteFile(string path, string content)
    {
        if (Path.GetDirectoryName(path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            File.WriteAllText(temporary, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
