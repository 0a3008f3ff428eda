using System.Text;
using Tma.Models.Packaging;

namespace Tma.Models.Tests.Packaging;

public sealed class ManifestTests
{
    private static readonly PackageManifest Sample = new()
    {
        Id = "corpus-model",
        Version = "1.2.0+build.7",
        Kind = "rules",
        ContentHash = ModelPackage.HashManifest([new PackageFile("model.yaml", new string('a', 64), 10)]),
        Engine = ">=0.1 <1.0",
        Dependencies = [new PackageDependency("other", "^1.0")],
        Files = [new PackageFile("model.yaml", new string('a', 64), 10)],
    };

    [Fact]
    public void A_manifest_survives_a_round_trip_through_its_canonical_json()
    {
        var json = Sample.ToCanonicalJson();

        Assert.True(PackageManifest.TryParse(json, out var parsed, out var problem), problem);
        Assert.Equal(json, parsed.ToCanonicalJson());
        Assert.Equal("1.2.0+build.7", parsed.Version);
        Assert.Equal(">=0.1 <1.0", parsed.Engine);
        Assert.Equal(new PackageDependency("other", "^1.0"), Assert.Single(parsed.Dependencies));
    }

    [Theory]
    [InlineData("{\"contentHash\"", "{ \"contentHash\"", "not in canonical form")]
    [InlineData("\"formatVersion\":1", "\"formatVersion\":2", "format version 2")]
    [InlineData("\"kind\":\"rules\"", "\"kind\":\"rules\",\"extra\":1", "unknown key `extra`")]
    [InlineData("\"path\":\"model.yaml\"", "\"path\":\"../model.yaml\"", "unsafe file path")]
    [InlineData("\"path\":\"model.yaml\"", "\"path\":\".hidden\"", "unsafe file path")]
    [InlineData("\"size\":10", "\"size\":-1", "malformed entry")]
    [InlineData("{\"contentHash\"", "[{\"contentHash\"", "well-formed")]
    public void A_malformed_manifest_is_refused_with_a_reason(string find, string replace, string expected)
    {
        var json = Encoding.UTF8.GetString(Sample.ToCanonicalJson()).Replace(find, replace, StringComparison.Ordinal);

        Assert.False(PackageManifest.TryParse(Encoding.UTF8.GetBytes(json), out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
