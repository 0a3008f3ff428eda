using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tma.Models.Packaging;

/// <summary>One archive listed by a feed's <c>index.json</c>.</summary>
/// <param name="File">The archive's file name, relative to the feed (no folders).</param>
/// <param name="Sha256">The archive's <c>sha256:…</c> hash, if the index gives it (lets readers skip unchanged archives).</param>
public sealed record FeedEntry(string File, string? Sha256);

/// <summary>
/// The <c>index.json</c> of a package feed: a folder of archives (and their <c>.sig</c> files) served over HTTP.
/// <c>tma pack</c> writes it into its output folder, so that folder can be served as it is.
/// </summary>
public static partial class PackageFeedIndex
{
    /// <summary>The index's file name.</summary>
    public const string FileName = "index.json";

    /// <summary>Largest index accepted, in bytes (4 MiB).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Writes <c>index.json</c> listing every <c>*.tmapkg</c> in <paramref name="directory"/> with its id, version,
    /// content hash and archive hash (sorted by file name; written to a temporary file and renamed).
    /// </summary>
    /// <returns>The entries written.</returns>
    /// <exception cref="IOException">The folder cannot be read or written.</exception>
    public static IReadOnlyList<FeedEntry> Write(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var entries = new List<FeedEntry>();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, CanonicalJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", 1);
            json.WriteStartArray("packages");
            foreach (var path in Directory.EnumerateFiles(directory, "*" + PackagePaths.ArchiveExtension).Order(StringComparer.Ordinal))
            {
                var archive = PackageArchive.Read(path);
                if (archive.Manifest is not { } manifest || !IsFeedFileName(Path.GetFileName(path)))
                {
                    continue;
                }

                json.WriteStartObject();
                json.WriteString("contentHash", manifest.ContentHash);
                json.WriteString("file", Path.GetFileName(path));
                json.WriteString("id", manifest.Id);
                json.WriteString("sha256", archive.Sha256);
                json.WriteString("version", manifest.Version);
                json.WriteEndObject();
                entries.Add(new FeedEntry(Path.GetFileName(path), archive.Sha256));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        var target = Path.Combine(directory, FileName);
        var temporary = Path.Combine(directory, $".{FileName}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllBytes(temporary, buffer.ToArray());
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return entries;
    }

    /// <summary>
    /// Reads an index: <c>{"packages": [{"file": "&lt;id&gt;-&lt;version&gt;.tmapkg", "sha256": "sha256:…"}, …]}</c>.
    /// Only <c>file</c> is required; other keys are ignored. File names must be plain <c>*.tmapkg</c> names (no folders,
    /// no URLs), so an index cannot point a reader elsewhere.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out IReadOnlyList<FeedEntry>? entries, [NotNullWhen(false)] out string? problem)
    {
        entries = null;
        if (utf8Json.Length > MaxBytes)
        {
            problem = $"the index is larger than {MaxBytes} bytes";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("packages", out var packages) || packages.ValueKind != JsonValueKind.Array)
            {
                problem = "the index has no `packages` list";
                return false;
            }

            var list = new List<FeedEntry>();
            foreach (var item in packages.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("file", out var file) || file.ValueKind != JsonValueKind.String)
                {
                    problem = "an index entry has no `file`";
                    return false;
                }

                var name = file.GetString()!;
                if (!IsFeedFileName(name))
                {
                    problem = $"the index lists `{name}`, which is not a plain *.tmapkg file name";
                    return false;
                }

                var sha = item.TryGetProperty("sha256", out var hash) && hash.ValueKind == JsonValueKind.String ? hash.GetString() : null;
                list.Add(new FeedEntry(name, sha));
            }

            entries = list;
            problem = null;
            return true;
        }
        catch (JsonException)
        {
            problem = "the index is not well-formed JSON";
            return false;
        }
    }

    /// <summary>True for a plain archive file name (letters, digits, <c>. _ + -</c>, ending in <c>.tmapkg</c>).</summary>
    public static bool IsFeedFileName(string name) => name is not null && FeedFileName().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,200}\.tmapkg\z", RegexOptions.CultureInvariant)]
    private static partial Regex FeedFileName();
}
