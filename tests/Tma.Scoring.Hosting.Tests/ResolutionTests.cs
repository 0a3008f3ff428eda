
namespace Tma.Scoring.Hosting.Tests;

[Collection(RegistryCollection.Name)]
public sealed class ResolutionTests : IDisposable
{
    private readonly RegistryFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("@^1.0", "1.2.0")]
    [InlineData("@~1.1.0", "1.1.5")]
    [InlineData("@1.1.0", "1.1.0")]
    [InlineData("@>=1.1 <1.2", "1.1.5")]
    [InlineData("@^2", "2.0.0")]
    [InlineData("", "2.0.0")]
    [InlineData("@*", "2.0.0")]
    [InlineData("@2.1.0-rc.1", "2.1.0-rc.1")]
    [InlineData("@>=2.1.0-rc.0", "2.1.0-rc.1")]
    public async Task A_range_resolves_to_the_newest_matching_version(string range, string expected)
    {
        foreach (var version in new[] { "1.0.0", "1.1.0", "1.1.5", "1.2.0", "2.0.0", "2.1.0-rc.1" })
        {
            _fixture.Release(version);
        }

        await using var registry = _fixture.Registry();
        var model = await registry.ResolveAsync(_fixture.Id + range);

        Assert.Equal(expected, model.Reference.Version);
        Assert.Equal(6, registry.Models.Count);
    }

    [Fact]
    public async Task No_matching_version_names_what_is_in_service()
    {
        _fixture.Release("1.0.0");
        _fixture.Release("1.1.0");
        await using var registry = _fixture.Registry();

        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => registry.ResolveAsync(_fixture.Id + "@^3.0"));

        Assert.Equal(["1.1.0", "1.0.0"], error.Available);
        Assert.Contains("available: 1.1.0, 1.0.0", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ModelNotFoundException>(() => registry.ResolveAsync("no-such-model@^1.0"));
    }

    [Theory]
    [InlineData("Not-An-Id@^1.0")]
    [InlineData("model@not a range")]
    [InlineData("model@")]
    [InlineData("")]
    public async Task A_malformed_reference_is_an_argument_error(string reference)
    {
        await using var registry = _fixture.Registry();

        await Assert.ThrowsAsync<ArgumentException>(() => registry.ResolveAsync(reference));
    }

    [Fact]
    public async Task Resolve_without_waiting_needs_a_started_registry()
    {
        _fixture.Release("1.0.0");
        await using var registry = _fixture.Registry();

        Assert.Throws<InvalidOperationException>(() => registry.Resolve(_fixture.Id));
        await registry.StartAsync();

        Assert.Equal("1.0.0", registry.Resolve(_fixture.Id + "@^1").Reference.Version);
    }

    [Fact]
    public async Task Resolved_models_assess_with_the_registry_clock_and_record_their_provenance()
    {
        var archive = _fixture.Release("1.0.0");
        await using var registry = _fixture.Registry();

        var assessment = await registry.AssessAsync(_fixture.Id + "@^1", RegistryFixture.Case("present"));

        Assert.Equal("high", assessment.Level);
        Assert.Equal(RegistryFixture.Now, assessment.AssessedAt);
        Assert.Equal(Tma.Models.Packaging.PackageArchive.Read(archive).Manifest!.ContentHash, assessment.Model.ContentHash);
        var info = Assert.Single(registry.Models);
        Assert.Equal(_fixture.Key.KeyId, info.SignedBy);
        Assert.Equal(archive, info.Source);
    }

    [Fact]
    public async Task Extracted_copies_live_only_while_compiling_and_an_own_cache_folder_is_removed_on_dispose()
    {
        _fixture.Release("1.0.0");
        var configured = _fixture.Options();
        var registry = _fixture.Registry(configured);
        await registry.StartAsync();
        Assert.Empty(Directory.EnumerateFileSystemEntries(configured.CacheDirectory!));
        await registry.DisposeAsync();

        var own = _fixture.Options();
        own.CacheDirectory = null;
        var registry2 = _fixture.Registry(own);
        var created = registry2.CacheDirectory;
        Assert.True(Directory.Exists(created));
        Assert.StartsWith(Path.GetTempPath(), created, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(created));
        }

        await registry2.StartAsync();
        await registry2.DisposeAsync();

        Assert.False(Directory.Exists(created));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => registry2.RescanAsync());
    }
}
