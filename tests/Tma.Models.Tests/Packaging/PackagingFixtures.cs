using System.IO.Compression;
using Tma.Models.Packaging;

namespace Tma.Models.Tests.Packaging;

/// <summary>A temporary folder deleted after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("tma-packaging-tests-").FullName;

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

/// <summary>Small package folders, packed and signed, and ways to tamper with their archives.</summary>
internal static class PackagingFixtures
{
    public static string ModelYaml(string id = "corpus-model", string version = "1.0.0", string? engine = null, int points = 2) => $$"""
        id: {{id}}
        version: {{version}}
        title: Packaging test model
        kind: rules
        {{(engine is null ? "" : $"engine: \"{engine}\"")}}
        inputs:
          - { id: fixation, type: presence }
          - { id: leakage, type: presence }
        levels: [low, high]
        indicators:
          - id: fixation-present
            when: fixation >= present
            points: {{points}}
            reason: Fixation is present
        scoring:
          policy: sum
          bands:
            - { level: low, to: 2 }
            - { level: high, from: 2 }
        """;

    /// <summary>Writes a package folder (model.yaml, a model card and an example) and returns its path.</summary>
    public static string WritePackage(string parent, string folderName, string? yaml = null)
    {
        var folder = Path.Combine(parent, folderName);
        Directory.CreateDirectory(Path.Combine(folder, "examples"));
        File.WriteAllText(Path.Combine(folder, "model.yaml"), yaml ?? ModelYaml());
        File.WriteAllText(Path.Combine(folder, "MODEL_CARD.md"), "# Model card\n\nFor tests only.\n");
        File.WriteAllText(Path.Combine(folder, "examples", "case.yaml"), "inputs:\n  fixation: present\n");
        return folder;
    }

    public static ModelPackage Load(string folder) => ModelPackage.Load(folder).GetValueOrThrow();

    /// <summary>Packs a folder into <paramref name="outputDirectory"/> and returns the archive path.</summary>
    public static string Pack(string folder, string outputDirectory)
    {
        var result = PackageBuilder.PackTo(Load(folder), outputDirectory);
        Assert.NotEqual(PackStatus.VersionConflict, result.Status);
        return result.ArchivePath;
    }

    public static void Sign(string archivePath, PackageSigningKey key) =>
        File.WriteAllBytes(PackageArchive.SignaturePath(archivePath), key.Sign(PackageArchive.Read(archivePath)).ToJson());

    /// <summary>The archive's entries in order, as (name, content).</summary>
    public static List<(string Name, byte[] Content)> Entries(string archivePath)
    {
        using var zip = ZipFile.OpenRead(archivePath);
        return [.. zip.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        })];
    }

    /// <summary>Rewrites the archive with <paramref name="change"/> applied to its entries (the signature file stays as it was).</summary>
    public static void Rewrite(string archivePath, Action<List<(string Name, byte[] Content)>> change)
    {
        var entries = Entries(archivePath);
        change(entries);
        File.Delete(archivePath);
        using var zip = ZipFile.Open(archivePath, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(content);
        }
    }

    public static VerificationResult Verify(string archivePath, params TrustedKey[] keys) => PackageVerifier.VerifyFile(archivePath, keys);

    public static string Describe(VerificationResult result) => string.Join(Environment.NewLine, result.Problems);
}
