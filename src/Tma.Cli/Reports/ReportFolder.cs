using System.Text;

namespace Tma.Cli.Reports;

/// <summary>
/// Writes a report folder: report.json, report.md and report.html. Each file is written to a temporary name first and
/// moved into place, so a failed run never leaves a half-written report.
/// </summary>
internal static class ReportFolder
{
    public const string Json = "report.json";
    public const string Markdown = "report.md";
    public const string Html = "report.html";

    public static IReadOnlyList<string> Write(string folder, string json, string markdown, string html)
    {
        Directory.CreateDirectory(folder);
        var files = new[] { (Json, json), (Markdown, markdown), (Html, html) };
        var written = new List<string>();
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(folder, name);
            WriteFile(path, content);
            written.Add(path);
        }

        return written;
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
