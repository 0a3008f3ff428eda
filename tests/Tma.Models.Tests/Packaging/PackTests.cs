using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tma.Models.Packaging;
using static Tma.Models.Tests.Packaging.PackagingFixtures;

namespace Tma.Models.Tests.Packaging;

public sealed class PackTests
{
    [Fact]
    public void Packing_the_same_folder_twice_gives_byte_identical_archives()
    {
        using var temp = new TempDirectory();
        var folder = WritePackage(temp.Path, "pkg");

        var first = PackageBuilder.Build(Load(folder));
        var second = PackageBuilder.Build(Load(folder));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Copies_of_a_package_with_other_file_times_pack_to_the_same_bytes()
    {
        using var temp = new TempDirectory();
        var original = WritePackage(temp.Path, "a");
        var copy = WritePackage(temp.Path, "b");
        foreach (var file in Directory.EnumerateFiles(copy, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        }

        var a = PackTo(original, temp.Combine("out-a"));
        var b = PackTo(copy, temp.Combine("out-b"));

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.Equal("corpus-model-1.0.0.tmapkg", Path.GetFileName(a));
    }

    [Fact]
    public void The_archive_holds_the_manifest_first_then_the_files_sorted_with_fixed_timestamps()
    {
        using var temp = new TempDirectory();
        var archive = PackTo(WritePackage(temp.Path, "pkg"), temp.Combine("out"));

        using var zip = ZipFile.OpenRead(archive);
        Assert.Equal(["manifest.json", "package/MODEL_CARD.md", "package/examples/case.yaml", "package/model.yaml"], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(1980, 1, 1), e.LastWriteTime.DateTime));
    }

    [Fact]
    public void The_manifest_is_canonical_json_listing_every_file_with_its_sha256_and_size()
    {
        using var temp = new TempDirectory();
        var folder = WritePackage(temp.Path, "pkg", ModelYaml(engine: ">=0.1 <1.0"));
        var archive = PackageArchive.Read(PackTo(folder, temp.Combine("out")));
        var json = Encoding.UTF8.GetString(archive.ManifestBytes.Span);

        // Computed independently of the code under test: hashes of the files on disk, keys in sorted order.
        var card = File.ReadAllBytes(Path.Combine(folder, "MODEL_CARD.md"));
        Assert.StartsWith("{\"contentHash\":\"sha256:", json, StringComparison.Ordinal);
        Assert.Contains($"{{\"path\":\"MODEL_CARD.md\",\"sha256\":\"{Convert.ToHexStringLower(SHA256.HashData(card))}\",\"size\":{card.Length}}}", json, StringComparison.Ordinal);
        Assert.Contains("\"dependencies\":[],\"engine\":\">=0.1 <1.0\",\"files\":[", json, StringComparison.Ordinal);
        Assert.EndsWith("\"formatVersion\":1,\"id\":\"corpus-model\",\"kind\":\"rules\",\"version\":\"1.0.0\"}", json, StringComparison.Ordinal);
        Assert.DoesNotContain(" ", json.Replace(">=0.1 <1.0", "", StringComparison.Ordinal), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var keys = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal(Load(folder).ContentHash, archive.Manifest!.ContentHash);
    }

    [Fact]
    public void Hidden_files_and_the_releases_folder_are_not_packed()
    {
        using var temp = new TempDirectory();
        var folder = WritePackage(temp.Path, "pkg");
        File.WriteAllText(Path.Combine(folder, ".DS_Store"), "x");
        Directory.CreateDirectory(Path.Combine(folder, "releases"));
        File.WriteAllText(Path.Combine(folder, "releases", "old.yaml"), "x");

        var archive = PackageArchive.Read(PackTo(folder, temp.Combine("out")));

        Assert.Equal(["MODEL_CARD.md", "examples/case.yaml", "model.yaml"], archive.FileEntries);
    }

    [Fact]
    public void Packing_again_with_the_same_content_changes_nothing()
    {
        using var temp = new TempDirectory();
        var folder = WritePackage(temp.Path, "pkg");
        var output = temp.Combine("out");
        var first = PackageBuilder.PackTo(Load(folder), output);
        var bytes = File.ReadAllBytes(first.ArchivePath);

        var second = PackageBuilder.PackTo(Load(folder), output);

        Assert.Equal(PackStatus.Written, first.Status);
        Assert.Equal(PackStatus.Unchanged, second.Status);
        Assert.Equal(bytes, File.ReadAllBytes(second.ArchivePath));
        Assert.Single(Directory.GetFiles(output));
    }

    [Fact]
    public void A_changed_package_under_an_unchanged_version_is_a_version_conflict_and_nothing_is_written()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("out");
        var released = PackageBuilder.PackTo(Load(WritePackage(temp.Path, "v1")), output);
        var before = File.ReadAllBytes(released.ArchivePath);

        var changed = PackageBuilder.PackTo(Load(WritePackage(temp.Path, "v1-edited", ModelYaml(points: 3))), output);

        Assert.Equal(PackStatus.VersionConflict, changed.Status);
        Assert.Equal(released.Manifest.ContentHash, changed.ExistingContentHash);
        Assert.NotEqual(released.Manifest.ContentHash, changed.Manifest.ContentHash);
        Assert.Equal(before, File.ReadAllBytes(released.ArchivePath));
        Assert.Single(Directory.GetFiles(output));
    }

    [Fact]
    public void A_changed_package_with_a_new_version_packs_next_to_the_old_one()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("out");
        PackageBuilder.PackTo(Load(WritePackage(temp.Path, "v1")), output);

        var next = PackageBuilder.PackTo(Load(WritePackage(temp.Path, "v2", ModelYaml(version: "1.1.0", points: 3))), output);

        Assert.Equal(PackStatus.Written, next.Status);
        Assert.Equal(["corpus-model-1.0.0.tmapkg", "corpus-model-1.1.0.tmapkg"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_feed_index_lists_every_archive_with_its_hashes()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("out");
        var archive = PackTo(WritePackage(temp.Path, "v1"), output);
        PackTo(WritePackage(temp.Path, "v2", ModelYaml(version: "1.1.0")), output);

        PackageFeedIndex.Write(output);
        var ok = PackageFeedIndex.TryParse(File.ReadAllBytes(Path.Combine(output, "index.json")), out var entries, out var problem);

        Assert.True(ok, problem);
        Assert.Equal(["corpus-model-1.0.0.tmapkg", "corpus-model-1.1.0.tmapkg"], entries!.Select(e => e.File));
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(archive))), entries![0].Sha256);
    }

    [Theory]
    [InlineData("../corpus-model-1.0.0.tmapkg")]
    [InlineData("http://elsewhere.example/x.tmapkg")]
    [InlineData("sub/x.tmapkg")]
    [InlineData("x.zip")]
    public void A_feed_index_cannot_point_outside_its_folder(string file)
    {
        var json = Encoding.UTF8.GetBytes($"{{\"packages\":[{{\"file\":\"{file}\"}}]}}");

        Assert.False(PackageFeedIndex.TryParse(json, out _, out var problem));
        Assert.Contains("not a plain *.tmapkg file name", problem, StringComparison.Ordinal);
    }

    private static string PackTo(string folder, string output) => PackagingFixtures.Pack(folder, output);
}
