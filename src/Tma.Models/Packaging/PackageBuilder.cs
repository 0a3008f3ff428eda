using System.IO.Compression;
using System.Security.Cryptography;
using Tma.Models.Definitions;

namespace Tma.Models.Packaging;

/// <summary>
/// Packs a model package folder into one archive per version. Archives are reproducible: entries sorted, fixed
/// timestamps and attributes, fixed compression level, canonical manifest — packing the same folder twice with the
/// same tma version gives byte-identical archives.
/// </summary>
public static class PackageBuilder
{
    /// <summary>The timestamp every archive entry carries (1980-01-01, the zip epoch).</summary>
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Unix mode 0644 for a regular file, in the upper half of the zip external attributes.</summary>
    private const int EntryAttributes = unchecked((int)(0x81A4u << 16));

    /// <summary>The archive name of a package version: <c>&lt;id&gt;-&lt;version&gt;.tmapkg</c>.</summary>
    public static string ArchiveFileName(ModelDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return ArchiveFileName(definition.Id, definition.Version.ToString());
    }

    /// <summary>The archive name of a package version: <c>&lt;id&gt;-&lt;version&gt;.tmapkg</c>.</summary>
    public static string ArchiveFileName(string id, string version) => $"{id}-{version}{PackagePaths.ArchiveExtension}";

    /// <summary>Builds the archive of a loaded package in memory.</summary>
    /// <exception cref="IOException">A file changed (or vanished) since the package was loaded.</exception>
    public static byte[] Build(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var manifest = PackageManifest.FromPackage(package);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddEntry(zip, PackagePaths.ManifestEntry, manifest.ToCanonicalJson());
            foreach (var file in manifest.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                var bytes = File.ReadAllBytes(Path.Combine(package.Directory, file.Path));
                if (bytes.LongLength != file.Length || Convert.ToHexStringLower(SHA256.HashData(bytes)) != file.Sha256)
                {
                    throw new IOException($"{file.Path} changed while the package was being packed; pack again.");
                }

                AddEntry(zip, PackagePaths.FilePrefix + file.Path, bytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Packs <paramref name="package"/> into <paramref name="outputDirectory"/> (created if needed) as
    /// <c>&lt;id&gt;-&lt;version&gt;.tmapkg</c>, refusing a changed content hash under a version the folder already
    /// holds. The archive is written to a temporary file and renamed, so a failed pack leaves nothing half-written.
    /// </summary>
    /// <exception cref="IOException">The folder cannot be written, or a package file changed while packing.</exception>
    public static PackResult PackTo(ModelPackage package, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var manifest = PackageManifest.FromPackage(package);
        Directory.CreateDirectory(outputDirectory);
        var target = Path.Combine(outputDirectory, ArchiveFileName(manifest.Id, manifest.Version));

        foreach (var existing in Directory.EnumerateFiles(outputDirectory, "*" + PackagePaths.ArchiveExtension).Order(StringComparer.Ordinal))
        {
            var other = TryReadManifest(existing);
            if (other is null || other.Id != manifest.Id || other.Version != manifest.Version)
            {
                continue;
            }

            if (other.ContentHash != manifest.ContentHash)
            {
                return new PackResult(PackStatus.VersionConflict, existing, manifest, other.ContentHash);
            }

            if (string.Equals(Path.GetFullPath(existing), Path.GetFullPath(target), StringComparison.Ordinal))
            {
                return new PackResult(PackStatus.Unchanged, target, manifest);
            }
        }

        if (File.Exists(target))
        {
            throw new IOException($"{target} exists but is not a readable package archive; remove it and pack again.");
        }

        var bytes = Build(package);
        var temporary = Path.Combine(outputDirectory, $".{Path.GetFileName(target)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, target, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }

        return new PackResult(PackStatus.Written, target, manifest);
    }

    private static PackageManifest? TryReadManifest(string path)
    {
        try
        {
            return PackageArchive.Read(path).Manifest;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void AddEntry(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        entry.ExternalAttributes = EntryAttributes;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
