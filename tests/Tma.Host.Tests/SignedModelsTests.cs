using System.Net.Http.Json;
using System.Text.Json;
using Tma.Models.Packaging;

namespace Tma.Host.Tests;

/// <summary>A production-like host: only packages signed by a trusted key are served, and new versions arrive without a restart.</summary>
public sealed class SignedModelsFixture : HostFixture
{
    private string? _models;
    private string? _publicKey;

    public PackageSigningKey Key { get; } = PackageSigningKey.Generate();

    protected override string ModelsDirectory => _models ??= Prepare();

    protected override IReadOnlyList<string> TrustedKeys => [_publicKey ?? throw new InvalidOperationException("Models not prepared.")];

    public string Models => ModelsDirectory;

    /// <summary>Packs and signs a package folder into the served folder (writing the signature first, then the archive).</summary>
    public void Publish(string packageDirectory, bool sign = true)
    {
        var package = ModelPackage.Load(packageDirectory).GetValueOrThrow();
        var staging = Path.Combine(WorkDirectory, "staging-" + Guid.NewGuid().ToString("N"));
        var packed = PackageBuilder.PackTo(package, staging);
        var name = Path.GetFileName(packed.ArchivePath);
        if (sign)
        {
            File.WriteAllBytes(Path.Combine(Models, name + ".sig"), Key.Sign(PackageArchive.Read(packed.ArchivePath)).ToJson());
        }

        File.Move(packed.ArchivePath, Path.Combine(Models, name));
    }

    private string Prepare()
    {
        var models = Path.Combine(WorkDirectory, "packages");
        Directory.CreateDirectory(models);
        _publicKey = Path.Combine(WorkDirectory, "release.public.pem");
        File.WriteAllText(_publicKey, Key.ExportPublicKeyPem());
        _models = models;
        Publish(Path.Combine(RepositoryRoot, "models", "warning-behaviours-triage"));
        Publish(Path.Combine(RepositoryRoot, "models", "crisis-screen-cssrs"), sign: false);
        return models;
    }
}

public sealed class SignedModelsTests(SignedModelsFixture host) : IClassFixture<SignedModelsFixture>
{
    [Fact]
    public async Task Only_signed_packages_are_served_and_a_new_signed_version_is_picked_up_without_a_restart()
    {
        using var client = host.Client(host.Auditor());
        var before = await HostFixture.Read(await client.GetAsync("/v1/packages"));

        Assert.Equal(["warning-behaviours-triage"], before.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.NotNull(before[0].GetProperty("signedBy").GetString());

        // A new version dropped into the folder is served after verification and compilation.
        var next = Path.Combine(Path.GetTempPath(), "tma-next-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(Path.Combine(HostFixture.RepositoryRoot, "models", "warning-behaviours-triage"), next);
        var yaml = Path.Combine(next, "model.yaml");
        var text = File.ReadAllText(yaml);
        var version = System.Text.RegularExpressions.Regex.Match(text, @"(?m)^version: (\S+)").Groups[1].Value;
        File.WriteAllText(yaml, text.Replace($"version: {version}", "version: 9.0.0", StringComparison.Ordinal));
        host.Publish(next);
        Directory.Delete(next, recursive: true);

        var served = Array.Empty<string?>();
        for (var attempt = 0; attempt < 100 && !served.Contains("9.0.0"); attempt++)
        {
            await Task.Delay(100);
            served = [.. (await HostFixture.Read(await client.GetAsync("/v1/packages"))).EnumerateArray().Select(p => p.GetProperty("version").GetString())];
        }

        Assert.Contains("9.0.0", served);
        Assert.Contains(version, served);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("releases", StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }
}
