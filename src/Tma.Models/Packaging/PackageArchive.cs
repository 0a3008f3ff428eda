using System.IO.Compression;
using System.Security.Cryptography;

namespace Tma.Models.Packaging;

/// <summary>
/// A packed model package (<c>&lt;id&gt;-&lt;version&gt;.tmapkg</c>) read into memory: a zip holding
/// <c>manifest.json</c> and the package files under <c>package/</c>. Reading never throws for bad content: what is
/// wrong with the archive's structure is in <see cref="StructureProblems"/>, and <see cref="PackageVerifier"/> checks
/// the rest. Verification and extraction work on the same bytes, so a file swapped on disk in between cannot slip
/// through.
/// </summary>
public sealed class PackageArchive
{
    /// <summary>Largest archive accepted, in bytes (256 MiB).</summary>
    public const long MaxArchiveBytes = 256L * 1024 * 1024;

    /// <summary>Largest sum of the file sizes a manifest may declare, in bytes (1 GiB).</summary>
    public const long MaxPackageBytes = 1024L * 1024 * 1024;

    /// <summary>File name extension of package archives (<c>.tmapkg</c>).</summary>
    public const string Extension = PackagePaths.ArchiveExtension;

    private readonly byte[] _bytes;
    private readonly Dictionary<string, int> _entryIndex;

    private PackageArchive(string name, byte[] bytes, byte[] manifestBytes, PackageManifest? manifest, Dictionary<string, int> entryIndex, List<string> otherEntries, List<VerificationProblem> problems)
    {
        Name = name;
        _bytes = bytes;
        ManifestBytes = manifestBytes;
        Manifest = manifest;
        _entryIndex = entryIndex;
        FileEntries = [.. entryIndex.Keys.Order(StringComparer.Ordinal)];
        OtherEntries = otherEntries;
        StructureProblems = problems;
        Sha256 = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>How the archive is named in messages (its path or URL).</summary>
    public string Name { get; }

    /// <summary>The exact bytes of <c>manifest.json</c> (what a signature covers); empty when there is none.</summary>
    public ReadOnlyMemory<byte> ManifestBytes { get; }

    /// <summary>The parsed manifest, or null when it is missing or malformed (see <see cref="StructureProblems"/>).</summary>
    public PackageManifest? Manifest { get; }

    /// <summary>Paths (relative to the package root) of the package files the archive holds, sorted.</summary>
    public IReadOnlyList<string> FileEntries { get; }

    /// <summary>Archive entries that are neither the manifest nor a package file (never valid).</summary>
    public IReadOnlyList<string> OtherEntries { get; }

    /// <summary>Problems with the archive's structure: not a zip, no or malformed manifest, unsafe or duplicate entry names.</summary>
    public IReadOnlyList<VerificationProblem> StructureProblems { get; }

    /// <summary><c>sha256:</c> and the SHA-256 of the archive's bytes (identifies this exact archive).</summary>
    public string Sha256 { get; }

    /// <summary>Reads an archive file.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static PackageArchive Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads an archive from a stream (at most <see cref="MaxArchiveBytes"/> bytes are read).</summary>
    /// <param name="stream">The archive's bytes.</param>
    /// <param name="name">How to name the archive in messages.</param>
    public static PackageArchive Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var read = Streams.CopyAtMost(stream, buffer, MaxArchiveBytes + 1);
        if (read > MaxArchiveBytes)
        {
            return Broken(name, [], $"is larger than {MaxArchiveBytes} bytes");
        }

        return FromBytes(buffer.ToArray(), name);
    }

    /// <summary>Reads an archive held in memory.</summary>
    public static PackageArchive FromBytes(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(name);
        if (bytes.LongLength > MaxArchiveBytes)
        {
            return Broken(name, bytes, $"is larger than {MaxArchiveBytes} bytes");
        }

        var problems = new List<VerificationProblem>();
        var entryIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var others = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        byte[] manifestBytes = [];
        PackageManifest? manifest = null;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            for (var i = 0; i < zip.Entries.Count; i++)
            {
                var entry = zip.Entries[i];
                var fullName = entry.FullName;
                if (!seen.Add(fullName))
                {
                    problems.Add(new VerificationProblem(VerificationCheck.Archive, fullName, "the archive holds this entry more than once"));
                    continue;
                }

                if (fullName == PackagePaths.ManifestEntry)
                {
                    using var manifestStream = entry.Open();
                    using var copy = new MemoryStream();
                    if (Streams.CopyAtMost(manifestStream, copy, PackageManifest.MaxBytes + 1L) > PackageManifest.MaxBytes)
                    {
                        problems.Add(new VerificationProblem(VerificationCheck.Manifest, fullName, $"is larger than {PackageManifest.MaxBytes} bytes"));
                        continue;
                    }

                    manifestBytes = copy.ToArray();
                }
                else if (fullName.StartsWith(PackagePaths.FilePrefix, StringComparison.Ordinal)
                         && PackagePaths.IsSafeRelativePath(fullName[PackagePaths.FilePrefix.Length..]))
                {
                    entryIndex[fullName[PackagePaths.FilePrefix.Length..]] = i;
                }
                else
                {
                    others.Add(fullName);
                }
            }
        }
        catch (InvalidDataException)
        {
            return Broken(name, bytes, "is not a readable zip archive");
        }

        if (!seen.Contains(PackagePaths.ManifestEntry))
        {
            problems.Add(new VerificationProblem(VerificationCheck.Manifest, PackagePaths.ManifestEntry, "is missing from the archive"));
        }
        else if (manifestBytes.Length > 0 || problems.All(p => p.Subject != PackagePaths.ManifestEntry))
        {
            if (PackageManifest.TryParse(manifestBytes, out var parsed, out var problem))
            {
                manifest = parsed;
                if (manifest.Files.Sum(f => f.Length) > MaxPackageBytes)
                {
                    problems.Add(new VerificationProblem(VerificationCheck.Manifest, PackagePaths.ManifestEntry, $"declares more than {MaxPackageBytes} bytes of files"));
                    manifest = null;
                }
            }
            else
            {
                problems.Add(new VerificationProblem(VerificationCheck.Manifest, PackagePaths.ManifestEntry, problem));
            }
        }

        return new PackageArchive(name, bytes, manifestBytes, manifest, entryIndex, others, problems);
    }

    /// <summary>The path of the detached signature that belongs to an archive path (<c>&lt;archive&gt;.sig</c>).</summary>
    public static string SignaturePath(string archivePath) => archivePath + PackagePaths.SignatureExtension;

    /// <summary>
    /// Writes the package files listed in the manifest into <paramref name="directory"/> (created if needed), checking
    /// each file's size and SHA-256 against the manifest as it is written. Call it after <see cref="PackageVerifier"/>
    /// accepted the archive.
    /// </summary>
    /// <exception cref="InvalidDataException">The archive has no valid manifest, or a file is missing or does not match the manifest; files already written stay (extract into a fresh folder and delete it on failure).</exception>
    public void ExtractTo(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (Manifest is null)
        {
            throw new InvalidDataException($"{Name}: the archive has no valid manifest.");
        }

        var root = Path.GetFullPath(directory);
        Directory.CreateDirectory(root);
        using var zip = OpenZip();
        foreach (var file in Manifest.Files)
        {
            var target = Path.GetFullPath(Path.Combine(root, file.Path));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{Name}: {file.Path} would be written outside the target folder.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write))
            {
                var actual = CopyEntry(zip, file.Path, output, file.Length + 1);
                if (actual is null)
                {
                    throw new InvalidDataException($"{Name}: {file.Path} is missing from the archive.");
                }

                if (actual.Value.Length != file.Length || actual.Value.Sha256 != file.Sha256)
                {
                    throw new InvalidDataException($"{Name}: {file.Path} does not match the manifest.");
                }
            }
        }
    }

    /// <summary>Size and SHA-256 of a package file's content (reading at most <paramref name="maxBytes"/>), or null when absent.</summary>
    internal (long Length, string Sha256)? HashFile(string path, long maxBytes)
    {
        using var zip = OpenZip();
        return CopyEntry(zip, path, Stream.Null, maxBytes);
    }

    /// <summary>The content of a package file, up to <paramref name="maxBytes"/> bytes, or null when absent or larger.</summary>
    internal byte[]? ReadFile(string path, long maxBytes)
    {
        using var zip = OpenZip();
        using var buffer = new MemoryStream();
        var result = CopyEntry(zip, path, buffer, maxBytes + 1);
        return result is null || result.Value.Length > maxBytes ? null : buffer.ToArray();
    }

    private ZipArchive OpenZip() => new(new MemoryStream(_bytes, writable: false), ZipArchiveMode.Read);

    private (long Length, string Sha256)? CopyEntry(ZipArchive zip, string path, Stream output, long maxBytes)
    {
        if (!_entryIndex.TryGetValue(path, out var index))
        {
            return null;
        }

        using var input = zip.Entries[index].Open();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var length = Streams.CopyAtMost(input, output, maxBytes, hash);
        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static PackageArchive Broken(string name, byte[] bytes, string problem) =>
        new(name, bytes, [], null, new Dictionary<string, int>(StringComparer.Ordinal), [], [new VerificationProblem(VerificationCheck.Archive, name, problem)]);
}

/// <summary>Bounded stream copies.</summary>
internal static class Streams
{
    /// <summary>Copies at most <paramref name="limit"/> bytes; returns how many were copied (= limit means "maybe more").</summary>
    public static long CopyAtMost(Stream input, Stream output, long limit, IncrementalHash? hash = null)
    {
        var buffer = new byte[81920];
        long total = 0;
        while (total < limit)
        {
            var read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - total));
            if (read == 0)
            {
                break;
            }

            hash?.AppendData(buffer, 0, read);
            output.Write(buffer, 0, read);
            total += read;
        }

        return total;
    }
}
