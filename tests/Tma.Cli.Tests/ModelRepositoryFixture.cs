using System.Diagnostics;
using System.Xml.Linq;

namespace Tma.Cli.Tests;

/// <summary>
/// What a model repository's CI needs around it, made once per test class: the tma tool packed from this build into a
/// NuGet folder (the "organisation's feed"), a release key pair, and a release feed holding the signed 1.0.0 of
/// warning-behaviours-triage. <see cref="NewSample"/> lays out a fresh model repository (the 2.0.0 candidate, its fixed
/// benchmark, the public key) with its own copy of the feed.
/// </summary>
public sealed class ModelRepositoryFixture : IDisposable
{
    private const string Model = "warning-behaviours-triage";
    private static readonly string[] Tools = ["bash", "jq", "curl", "cmp"];
    private readonly string _root = Directory.CreateTempSubdirectory("tma-model-repo-").FullName;
    private readonly Lazy<string> _toolSource;
    private readonly string _releasedFeed;

    public ModelRepositoryFixture()
    {
        _toolSource = new Lazy<string>(PackTool);
        var keys = Path.Combine(_root, "keys", "release");
        Directory.CreateDirectory(Path.GetDirectoryName(keys)!);
        Check(Cli.Run("keygen", "--out", keys));
        PrivateKey = keys + ".private.pem";
        PublicKey = keys + ".public.pem";
        _releasedFeed = Path.Combine(_root, "released-feed");
        Check(Cli.Run("pack", Repository.Path("models", Model, "releases", "1.0.0"), "--out", _releasedFeed));
        Check(Cli.Run("sign", Path.Combine(_releasedFeed, $"{Model}-1.0.0.tmapkg"), "--key", PrivateKey));
    }

    /// <summary>The folder with <c>Tma.Cli.&lt;version&gt;.nupkg</c>, packed from this build on first use.</summary>
    public string ToolSource => _toolSource.Value;

    /// <summary>The NuGet package cache the pipelines use: private, so a tool of the same version from an earlier build is never reused.</summary>
    public string NuGetPackages => Path.Combine(_root, "nuget-packages");

    public string PrivateKey { get; }

    public string PublicKey { get; }

    /// <summary>The version this repository builds (<c>VersionPrefix</c> in Directory.Build.props).</summary>
    public static string ToolVersion() =>
        XDocument.Load(Repository.Path("Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    /// <summary>A fresh model repository with its own copy of the release feed; skips (fails under CI) without the shell tools the templates use.</summary>
    public Sample NewSample()
    {
        var missing = Tools.Where(tool => !OnPath(tool)).ToList();
        if (missing.Count > 0)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"CI=true but {string.Join(", ", missing)} missing (.ci/run installs them)");
            Skip.If(true, $"the CI templates need {string.Join(", ", missing)}");
        }

        var sample = Directory.CreateDirectory(Path.Combine(_root, "sample-" + Guid.NewGuid().ToString("N"))).FullName;
        var root = Path.Combine(sample, "repo");
        Copy(Repository.Path("models", Model), Path.Combine(root, "models", Model), skip: "releases");
        // The latency check times both models on this machine while other test assemblies run beside it; what these
        // tests check is the pipeline, not the latency, so its bound is lifted (GateCommandTests does the same).
        var policy = Path.Combine(root, "models", Model, "gate.yaml");
        var relaxed = File.ReadAllText(policy).Replace("max_latency_ratio: 3.0", "max_latency_ratio: 1000", StringComparison.Ordinal);
        Assert.Contains("max_latency_ratio: 1000", relaxed, StringComparison.Ordinal);
        File.WriteAllText(policy, relaxed);
        Copy(Repository.Path("benchmarks", "data", Model), Path.Combine(root, "benchmarks", "data", Model), skip: null);
        Directory.CreateDirectory(Path.Combine(root, "keys"));
        File.Copy(PublicKey, Path.Combine(root, "keys", "release.public.pem"));
        var feed = Path.Combine(sample, "feed");
        Copy(_releasedFeed, feed, skip: null);
        var scratch = Directory.CreateDirectory(Path.Combine(sample, "scratch")).FullName;
        return new Sample(root, feed, scratch, NuGetPackages);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string PackTool()
    {
        var output = Path.Combine(_root, "tool-feed");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "pack", Repository.Path("src", "Tma.Cli", "Tma.Cli.csproj"), "--no-build", "-c", configuration, "-o", output, "-nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "dotnet pack did not finish in 5 minutes");
        Assert.True(process.ExitCode == 0, $"dotnet pack src/Tma.Cli failed:\n{stdout.Result}{stderr.Result}");
        return output;
    }

    private static void Check((int Exit, string Out, string Err) run) => Assert.True(run.Exit == 0, run.Out + run.Err);

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, tool)));

    private static void Copy(string from, string to, string? skip)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) != skip))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)), skip: null);
        }
    }

    /// <summary>One sample model repository: its root, its release feed folder (also served as <see cref="FeedUrl"/>) and a scratch folder.</summary>
    public sealed record Sample(string Root, string Feed, string Scratch, string NuGetPackages)
    {
        public string FeedUrl => new Uri(Feed).AbsoluteUri;
    }
}
