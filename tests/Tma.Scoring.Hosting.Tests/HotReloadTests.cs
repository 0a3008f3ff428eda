using Microsoft.Extensions.Logging;

namespace Tma.Scoring.Hosting.Tests;

[Collection(RegistryCollection.Name)]
public sealed class HotReloadTests : IDisposable
{
    private readonly RegistryFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_new_valid_version_is_used_by_new_resolutions_and_a_running_assessment_keeps_its_model()
    {
        _fixture.Release("1.0.0", points: 2);
        await using var registry = _fixture.Registry();
        var running = await registry.ResolveAsync(_fixture.Id + "@^1.0");

        _fixture.Release("1.1.0", points: 1);
        var rescan = await registry.RescanAsync();
        var next = await registry.ResolveAsync(_fixture.Id + "@^1.0");

        Assert.Equal("1.1.0", Assert.Single(rescan.Loaded).Version.ToString());
        Assert.Empty(rescan.Refused);
        Assert.Equal("1.0.0", running.Reference.Version);
        Assert.Equal("high", running.Assess(RegistryFixture.Case("present")).Level);
        Assert.Equal("1.1.0", next.Reference.Version);
        Assert.Equal("low", next.Assess(RegistryFixture.Case("present")).Level);
    }

    [Fact]
    public async Task A_tampered_new_version_is_refused_logged_and_the_old_one_stays_in_service()
    {
        _fixture.Release("1.0.0");
        await using var registry = _fixture.Registry();
        await registry.StartAsync();

        var archive = _fixture.Release("1.1.0");
        RegistryFixture.Tamper(archive);
        var rescan = await registry.RescanAsync();

        var refusal = Assert.Single(rescan.Refused);
        Assert.Equal(RefusalReason.Integrity, refusal.Reason);
        Assert.Contains(refusal.Details, d => d.StartsWith("MODEL_CARD.md: [file-hash]", StringComparison.Ordinal));
        Assert.Equal("1.0.0", (await registry.ResolveAsync(_fixture.Id + "@^1.0")).Reference.Version);
        var logged = Assert.Single(_fixture.Logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("was refused (integrity)", logged.Message, StringComparison.Ordinal);
        Assert.Contains("MODEL_CARD.md", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_is_logged_once_and_retried_only_when_the_archive_changes()
    {
        await using var registry = _fixture.Registry();
        var archive = _fixture.Release("1.0.0");
        RegistryFixture.Tamper(archive);

        var first = await registry.RescanAsync();
        var second = await registry.RescanAsync();
        _fixture.Release("1.0.0");
        var repaired = await registry.RescanAsync();

        Assert.Single(first.Refused);
        Assert.Empty(second.Refused);
        Assert.Single(repaired.Loaded);
        Assert.Single(_fixture.Logger.Entries, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task A_version_with_an_invalid_model_is_refused_and_the_old_one_stays()
    {
        _fixture.Release("1.0.0");
        await using var registry = _fixture.Registry();
        await registry.StartAsync();

        // A signed archive whose model.yaml references an input that does not exist (built by hand: `tma pack` would refuse it).
        var good = _fixture.Release("1.1.0", fileName: "staging.tmapkg");
        var archive = Tma.Models.Packaging.PackageArchive.Read(good);
        File.Delete(good);
        File.Delete(good + ".sig");
        var broken = Path.Combine(_fixture.Packages, $"{_fixture.Id}-1.1.0.tmapkg");
        WriteArchiveWithModel(archive, broken, _fixture.Key, yaml => yaml.Replace("when: fixation >= present", "when: fixaton >= present", StringComparison.Ordinal));

        var rescan = await registry.RescanAsync();

        var refusal = Assert.Single(rescan.Refused);
        Assert.Equal(RefusalReason.InvalidModel, refusal.Reason);
        Assert.Contains(refusal.Details, d => d.Contains("TMA0030", StringComparison.Ordinal) || d.Contains("fixaton", StringComparison.Ordinal));
        Assert.Equal("1.0.0", (await registry.ResolveAsync(_fixture.Id)).Reference.Version);
    }

    [Fact]
    public async Task An_unsigned_new_version_is_refused_and_the_old_one_stays()
    {
        _fixture.Release("1.0.0");
        await using var registry = _fixture.Registry();
        await registry.StartAsync();

        _fixture.Release("1.1.0", sign: false);
        var rescan = await registry.RescanAsync();

        var refusal = Assert.Single(rescan.Refused);
        Assert.Equal(RefusalReason.Signature, refusal.Reason);
        Assert.Contains("unsigned", refusal.Details[0], StringComparison.Ordinal);
        Assert.Equal("1.0.0", (await registry.ResolveAsync(_fixture.Id)).Reference.Version);
    }

    [Fact]
    public async Task A_version_signed_with_an_untrusted_key_is_refused()
    {
        using var other = Tma.Models.Packaging.PackageSigningKey.Generate();
        await using var registry = _fixture.Registry();

        _fixture.Release("1.0.0", key: other);
        var rescan = await registry.RescanAsync();

        var refusal = Assert.Single(rescan.Refused);
        Assert.Equal(RefusalReason.Signature, refusal.Reason);
        Assert.Contains("not a trusted key", refusal.Details[0], StringComparison.Ordinal);
        Assert.Empty(registry.Models);
    }

    [Fact]
    public async Task A_composite_whose_components_cannot_be_resolved_is_refused_and_the_rescan_goes_on()
    {
        _fixture.Release("1.0.0", sign: false);
        var composite = Path.Combine(_fixture.Packages, "broken-composite");
        Directory.CreateDirectory(composite);
        File.WriteAllText(Path.Combine(composite, "model.yaml"), """
            id: broken-composite
            version: 1.0.0
            title: A composite whose component is not installed
            kind: composite
            components:
              - { id: not-installed, version: "^1.0.0", alias: rules }
            combination: { method: max-level }
            levels: [low, high]
            """);
        await using var registry = _fixture.Registry(_fixture.Options(allowUnsigned: true));

        var rescan = await registry.RescanAsync();

        Assert.Equal(_fixture.Id, Assert.Single(rescan.Loaded).Id);
        var refusal = Assert.Single(rescan.Refused);
        Assert.Equal(RefusalReason.InvalidModel, refusal.Reason);
        Assert.True(string.Join("\n", refusal.Details).Contains("not-installed", StringComparison.Ordinal), string.Join("\n", refusal.Details));
    }

    [Fact]
    public async Task In_development_mode_unsigned_archives_and_package_folders_are_accepted_with_a_warning()
    {
        _fixture.Release("1.0.0", sign: false);
        var folder = _fixture.Folder("1.1.0");
        Directory.Move(folder, Path.Combine(_fixture.Packages, "work-in-progress"));
        await using var registry = _fixture.Registry(_fixture.Options(allowUnsigned: true));

        var model = await registry.ResolveAsync(_fixture.Id);

        Assert.Equal("1.1.0", model.Reference.Version);
        Assert.Equal(2, registry.Models.Count);
        Assert.All(registry.Models, m => Assert.Null(m.SignedBy));
        Assert.Equal(2, _fixture.Logger.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("WITHOUT a signature", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task In_development_mode_tampered_archives_are_still_refused()
    {
        var archive = _fixture.Release("1.0.0", sign: false);
        RegistryFixture.Tamper(archive);
        await using var registry = _fixture.Registry(_fixture.Options(allowUnsigned: true));

        var rescan = await registry.RescanAsync();

        Assert.Equal(RefusalReason.Integrity, Assert.Single(rescan.Refused).Reason);
    }

    [Fact]
    public async Task A_package_for_another_engine_version_is_refused_with_both_versions_named()
    {
        _fixture.Release("1.0.0", engine: ">=0.1");
        await using var registry = _fixture.Registry();
        await registry.StartAsync();

        _fixture.Release("1.1.0", engine: ">=99.0 <100.0");
        var rescan = await registry.RescanAsync();

        var refusal = Assert.Single(rescan.Refused);
        Assert.Equal(RefusalReason.IncompatibleEngine, refusal.Reason);
        Assert.Contains($"needs engine >=99.0 <100.0, but this is engine {EngineInfo.Version}", refusal.Details[0], StringComparison.Ordinal);
        Assert.Equal("1.0.0", (await registry.ResolveAsync(_fixture.Id)).Reference.Version);
    }

    [Fact]
    public async Task The_same_version_with_other_content_is_refused_and_the_first_stays()
    {
        var original = _fixture.Release("1.0.0", points: 2);
        await using var registry = _fixture.Registry();
        await registry.StartAsync();
        var hash = registry.Models[0].ContentHash;

        _fixture.Release("1.0.0", points: 1, fileName: "copy-of-1.0.0.tmapkg");
        var rescan = await registry.RescanAsync();

        var refusal = Assert.Single(rescan.Refused);
        Assert.Equal(RefusalReason.VersionConflict, refusal.Reason);
        Assert.Contains($"already in service with content {hash}", refusal.Details[0], StringComparison.Ordinal);
        var model = await registry.ResolveAsync(_fixture.Id);
        Assert.Equal(hash, model.Reference.ContentHash);
        Assert.Equal(original, Assert.Single(registry.Models).Source);
    }

    [Fact]
    public async Task An_archive_replaced_in_place_under_the_same_version_is_refused_and_the_old_content_stays()
    {
        _fixture.Release("1.0.0", points: 2);
        await using var registry = _fixture.Registry();
        await registry.StartAsync();

        _fixture.Release("1.0.0", points: 1);
        var rescan = await registry.RescanAsync();

        Assert.Equal(RefusalReason.VersionConflict, Assert.Single(rescan.Refused).Reason);
        Assert.Equal("high", (await registry.ResolveAsync(_fixture.Id)).Assess(RegistryFixture.Case("present")).Level);
    }

    [Fact]
    public async Task A_deleted_archive_is_withdrawn()
    {
        _fixture.Release("1.0.0");
        var newer = _fixture.Release("1.1.0");
        await using var registry = _fixture.Registry();
        await registry.StartAsync();

        File.Delete(newer);
        var rescan = await registry.RescanAsync();

        Assert.Equal("1.1.0", Assert.Single(rescan.Withdrawn).Version.ToString());
        Assert.Equal("1.0.0", (await registry.ResolveAsync(_fixture.Id)).Reference.Version);
    }

    [Fact]
    public async Task The_periodic_rescan_picks_up_a_new_version_when_the_clock_advances()
    {
        _fixture.Release("1.0.0");
        var options = _fixture.Options();
        options.RescanInterval = TimeSpan.FromMinutes(1);
        await using var registry = _fixture.Registry(options);
        await registry.StartAsync();

        _fixture.Release("1.1.0");
        _fixture.Time.Advance(TimeSpan.FromSeconds(59));
        await registry.LastBackgroundRescan;
        Assert.Single(registry.Models);
        _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await registry.LastBackgroundRescan;

        Assert.Equal("1.1.0", (await registry.ResolveAsync(_fixture.Id)).Reference.Version);
    }

    [Fact]
    public async Task The_file_system_watcher_picks_up_a_new_version_without_a_rescan_call()
    {
        _fixture.Release("1.0.0");
        await using var registry = _fixture.Registry(_fixture.Options(watch: true));
        await registry.StartAsync();

        _fixture.Release("1.1.0");

        // The watcher's event arrives on its own thread; the debounce timer runs on the fake clock.
        for (var i = 0; i < 200 && registry.Models.Count < 2; i++)
        {
            await Task.Delay(50);
            _fixture.Time.Advance(TimeSpan.FromSeconds(1));
            await registry.LastBackgroundRescan;
        }

        Assert.Equal("1.1.0", (await registry.ResolveAsync(_fixture.Id)).Reference.Version);
    }

    [Fact]
    public async Task Concurrent_resolutions_during_reloads_always_see_a_complete_version_and_never_go_back()
    {
        _fixture.Release("1.0.0");
        await using var registry = _fixture.Registry();
        await registry.StartAsync();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            var seen = new List<string>();
            while (!stop.IsCancellationRequested)
            {
                var model = await registry.ResolveAsync(_fixture.Id + "@^1.0");
                var assessment = model.Assess(RegistryFixture.Case("present"));
                Assert.Equal(model.Reference.Version, assessment.Model.Version);
                seen.Add(model.Reference.Version);
            }

            return seen;
        })).ToList();

        for (var minor = 1; minor <= 5; minor++)
        {
            _fixture.Release($"1.{minor}.0");
            if (minor == 3)
            {
                RegistryFixture.Tamper(_fixture.Release("1.9.0"));
            }

            await registry.RescanAsync();
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        var results = await Task.WhenAll(readers);

        Assert.Equal("1.5.0", (await registry.ResolveAsync(_fixture.Id + "@^1.0")).Reference.Version);
        foreach (var seen in results)
        {
            Assert.NotEmpty(seen);
            Assert.DoesNotContain("1.9.0", seen);
            var versions = seen.Select(v => Semver.SemVersion.Parse(v, Semver.SemVersionStyles.Strict)).ToList();
            Assert.True(versions.Zip(versions.Skip(1)).All(p => p.First.ComparePrecedenceTo(p.Second) <= 0), "a reader saw an older version after a newer one");
        }
    }

    private static void WriteArchiveWithModel(Tma.Models.Packaging.PackageArchive source, string target, Tma.Models.Packaging.PackageSigningKey key, Func<string, string> change)
    {
        var folder = Directory.CreateTempSubdirectory("tma-broken-").FullName;
        try
        {
            source.ExtractTo(folder);
            var yamlPath = Path.Combine(folder, "model.yaml");
            File.WriteAllText(yamlPath, change(File.ReadAllText(yamlPath)));
            var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => new Tma.Models.Packaging.PackageFile(Path.GetRelativePath(folder, f).Replace('\\', '/'), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))), new FileInfo(f).Length))
                .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
            var manifest = source.Manifest! with { Files = files, ContentHash = Tma.Models.Packaging.ModelPackage.HashManifest(files) };
            using (var zip = System.IO.Compression.ZipFile.Open(target, System.IO.Compression.ZipArchiveMode.Create))
            {
                using (var stream = zip.CreateEntry("manifest.json").Open())
                {
                    stream.Write(manifest.ToCanonicalJson());
                }

                foreach (var file in files)
                {
                    using var stream = zip.CreateEntry("package/" + file.Path).Open();
                    stream.Write(File.ReadAllBytes(Path.Combine(folder, file.Path)));
                }
            }

            File.WriteAllBytes(target + ".sig", key.Sign(Tma.Models.Packaging.PackageArchive.Read(target)).ToJson());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
