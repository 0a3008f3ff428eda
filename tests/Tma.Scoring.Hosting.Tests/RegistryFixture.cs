using System.IO.Compression;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Tma.Models.Cases;
using Tma.Models.Packaging;

namespace Tma.Scoring.Hosting.Tests;

/// <summary>
/// A package folder for a registry, a release key, and helpers that write package versions into it: packed and signed,
/// unsigned, tampered, or made for another engine.
/// </summary>
internal sealed class RegistryFixture : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _root = Directory.CreateTempSubdirectory("tma-registry-tests-").FullName;

    public RegistryFixture()
    {
        Packages = Directory.CreateDirectory(Path.Combine(_root, "packages")).FullName;
        Key = PackageSigningKey.Generate();
    }

    public string Packages { get; }

    public PackageSigningKey Key { get; }

    public FakeTimeProvider Time { get; } = new(Now);

    public ListLogger<ModelRegistry> Logger { get; } = new();

    /// <summary>A unique package id per test, so that metrics from tests running in parallel do not mix.</summary>
    public string Id { get; } = "reg-" + Guid.NewGuid().ToString("N")[..12];

    public ModelRegistryOptions Options(bool allowUnsigned = false, bool watch = false)
    {
        var options = new ModelRegistryOptions
        {
            PackageDirectory = Packages,
            AllowUnsigned = allowUnsigned,
            WatchForChanges = watch,
            RescanInterval = Timeout.InfiniteTimeSpan,
            CacheDirectory = Path.Combine(_root, "cache"),
        };
        options.TrustedPublicKeys.Add(Key.ExportPublicKeyPem());
        return options;
    }

    public ModelRegistry Registry(ModelRegistryOptions? options = null) => new(options ?? Options(), Logger, Time);

    /// <summary>
    /// A model whose level says which version made it: <c>points</c> for a present fixation decide low/high, and
    /// the version is in the title. Extra inputs make versions differ in what they accept.
    /// </summary>
    public static string ModelYaml(string id, string version, string? engine = null, int points = 2, string extraInput = "") => $$"""
        id: {{id}}
        version: {{version}}
        title: Registry test model {{version}}
        kind: rules
        {{(engine is null ? "" : $"engine: \"{engine}\"")}}
        inputs:
          - { id: fixation, type: presence }
        {{extraInput}}
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

    /// <summary>Writes a package folder outside the registry folder.</summary>
    public string Folder(string version, string? engine = null, int points = 2, string extraInput = "", string? id = null)
    {
        var folder = Path.Combine(_root, "src", $"{id ?? Id}-{version}-{points}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ModelPackage.ModelFileName), ModelYaml(id ?? Id, version, engine, points, extraInput));
        File.WriteAllText(Path.Combine(folder, "MODEL_CARD.md"), "# Card\n");
        return folder;
    }

    /// <summary>Packs (and by default signs) a version into a staging folder, then moves it into the registry folder as a release pipeline would.</summary>
    public string Release(string version, bool sign = true, string? engine = null, int points = 2, string extraInput = "", string? fileName = null, string? id = null, PackageSigningKey? key = null)
    {
        var staging = Path.Combine(_root, "staging-" + Guid.NewGuid().ToString("N"));
        var package = ModelPackage.Load(Folder(version, engine, points, extraInput, id)).GetValueOrThrow();
        var archive = PackageBuilder.PackTo(package, staging).ArchivePath;
        if (sign)
        {
            File.WriteAllBytes(PackageArchive.SignaturePath(archive), (key ?? Key).Sign(PackageArchive.Read(archive)).ToJson());
        }

        var target = Path.Combine(Packages, fileName ?? Path.GetFileName(archive));
        if (sign)
        {
            File.Copy(PackageArchive.SignaturePath(archive), PackageArchive.SignaturePath(target), overwrite: true);
        }

        File.Copy(archive, target + ".partial", overwrite: true);
        File.Move(target + ".partial", target, overwrite: true);
        return target;
    }

    /// <summary>Flips one byte of a packaged file after signing (tampering in transit or at rest).</summary>
    public static void Tamper(string archivePath, string entry = "package/MODEL_CARD.md")
    {
        using var zip = ZipFile.Open(archivePath, ZipArchiveMode.Update);
        var existing = zip.GetEntry(entry)!;
        byte[] content;
        using (var stream = existing.Open())
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            content = copy.ToArray();
        }

        existing.Delete();
        content[0] ^= 0x20;
        using var write = zip.CreateEntry(entry).Open();
        write.Write(content);
    }

    public static CaseData Case(string fixation) => new() { Inputs = new Dictionary<string, CaseValue> { ["fixation"] = CaseValue.Level(fixation) } };

    public void Dispose()
    {
        Key.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

/// <summary>Collects log entries (formatted) for assertions.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, formatter(state, exception)));
        }
    }

    public string Text => string.Join(Environment.NewLine, Entries.Select(e => $"{e.Level}: {e.Message}"));
}

/// <summary>Registry tests run one at a time: they share the process-wide Tma.Scoring meter and activity source.</summary>
[CollectionDefinition(Name)]
public sealed class RegistryCollection
{
    public const string Name = "Registry";
}
