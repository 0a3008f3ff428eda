namespace Tma.Models.Packaging;

/// <summary>Names inside a package archive and the rules a package file path must follow.</summary>
internal static class PackagePaths
{
    /// <summary>Archive entry of the manifest.</summary>
    public const string ManifestEntry = "manifest.json";

    /// <summary>Prefix of every package file inside the archive (so a package file may itself be called <c>manifest.json</c>).</summary>
    public const string FilePrefix = "package/";

    /// <summary>File name extension of package archives.</summary>
    public const string ArchiveExtension = ".tmapkg";

    /// <summary>Extension appended to an archive's name for its detached signature.</summary>
    public const string SignatureExtension = ".sig";

    /// <summary>
    /// True when <paramref name="path"/> is a relative package path that is safe to extract: forward slashes, no
    /// empty, <c>.</c> or <c>..</c> segments, no hidden segments, no drive or root, no control characters, and not
    /// under <c>releases/</c> (those are never part of a package).
    /// </summary>
    public static bool IsSafeRelativePath(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > 512 || path.Contains('\\', StringComparison.Ordinal) || path.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        if (path.StartsWith("releases/", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment.StartsWith('.') || segment.Any(char.IsControl))
            {
                return false;
            }
        }

        return true;
    }
}
