using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tma.Models.Definitions;

namespace Tma.Models.Packaging;

/// <summary>
/// The manifest of a packed model package (<c>manifest.json</c> in the archive): what the package is, what it needs,
/// and every file with its SHA-256 and size. Its canonical JSON form (sorted keys, no insignificant whitespace,
/// UTF-8) is what signatures cover.
/// </summary>
public sealed record PackageManifest
{
    /// <summary>The manifest format this library writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Largest manifest accepted, in bytes (16 MiB).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>Manifest format version; <see cref="CurrentFormatVersion"/> by default.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Package id.</summary>
    public required string Id { get; init; }

    /// <summary>Semantic version, as written in <c>model.yaml</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Model kind in lower case (<c>rules</c>, <c>classifier</c>, <c>composite</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>The package's content hash (<c>sha256:…</c>), as <see cref="ModelPackage.ContentHash"/> computes it from <see cref="Files"/>.</summary>
    public required string ContentHash { get; init; }

    /// <summary>The npm-style engine-compatibility range from <c>model.yaml</c>, or null for any engine.</summary>
    public string? Engine { get; init; }

    /// <summary>Packages this one needs, with version ranges (composite packages); empty by default.</summary>
    public IReadOnlyList<PackageDependency> Dependencies { get; init; } = [];

    /// <summary>Every file of the package, sorted by path (ordinal).</summary>
    public required IReadOnlyList<PackageFile> Files { get; init; }

    /// <summary>The manifest of a loaded package folder.</summary>
    public static PackageManifest FromPackage(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var definition = package.Definition;
        return new PackageManifest
        {
            Id = definition.Id,
            Version = definition.Version.ToString(),
            Kind = KindName(definition.Kind),
            ContentHash = package.ContentHash,
            Engine = definition.EngineRangeText,
            Files = package.Files,
        };
    }

    /// <summary>The canonical UTF-8 JSON of this manifest: keys sorted (ordinal), no insignificant whitespace.</summary>
    public byte[] ToCanonicalJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, CanonicalJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("contentHash", ContentHash);
            json.WriteStartArray("dependencies");
            foreach (var dependency in Dependencies.OrderBy(d => d.Id, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("id", dependency.Id);
                json.WriteString("range", dependency.Range);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (Engine is null)
            {
                json.WriteNull("engine");
            }
            else
            {
                json.WriteString("engine", Engine);
            }

            json.WriteStartArray("files");
            foreach (var file in Files.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("sha256", file.Sha256);
                json.WriteNumber("size", file.Length);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("formatVersion", FormatVersion);
            json.WriteString("id", Id);
            json.WriteString("kind", Kind);
            json.WriteString("version", Version);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a manifest. Succeeds only for a well-formed manifest of a known format version in canonical form, with
    /// safe file paths listed once each; otherwise <paramref name="problem"/> says what is wrong.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out PackageManifest? manifest, [NotNullWhen(false)] out string? problem)
    {
        manifest = null;
        if (utf8Json.Length > MaxBytes)
        {
            problem = $"is larger than {MaxBytes} bytes";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "is not a JSON object";
                return false;
            }

            if (!CanonicalJson.HasExactly(root, ["contentHash", "dependencies", "engine", "files", "formatVersion", "id", "kind", "version"], out problem))
            {
                return false;
            }

            var format = root.GetProperty("formatVersion");
            if (format.ValueKind != JsonValueKind.Number || !format.TryGetInt32(out var formatVersion) || formatVersion != CurrentFormatVersion)
            {
                problem = $"has format version {format.GetRawText()}; this engine reads format version {CurrentFormatVersion}";
                return false;
            }

            var files = new List<PackageFile>();
            foreach (var file in CanonicalJson.Array(root, "files"))
            {
                if (!CanonicalJson.HasExactly(file, ["path", "sha256", "size"], out problem))
                {
                    return false;
                }

                var path = CanonicalJson.String(file, "path");
                var sha = CanonicalJson.String(file, "sha256");
                var size = file.GetProperty("size");
                if (!PackagePaths.IsSafeRelativePath(path))
                {
                    problem = $"lists an unsafe file path `{path}`";
                    return false;
                }

                if (!IsSha256Hex(sha) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var length) || length < 0)
                {
                    problem = $"has a malformed entry for `{path}`";
                    return false;
                }

                files.Add(new PackageFile(path, sha, length));
            }

            if (files.Select(f => f.Path).Distinct(StringComparer.Ordinal).Count() != files.Count)
            {
                problem = "lists a file twice";
                return false;
            }

            var dependencies = new List<PackageDependency>();
            foreach (var dependency in CanonicalJson.Array(root, "dependencies"))
            {
                if (!CanonicalJson.HasExactly(dependency, ["id", "range"], out problem))
                {
                    return false;
                }

                dependencies.Add(new PackageDependency(CanonicalJson.String(dependency, "id"), CanonicalJson.String(dependency, "range")));
            }

            var engine = root.GetProperty("engine");
            var parsed = new PackageManifest
            {
                FormatVersion = formatVersion,
                Id = CanonicalJson.String(root, "id"),
                Version = CanonicalJson.String(root, "version"),
                Kind = CanonicalJson.String(root, "kind"),
                ContentHash = CanonicalJson.String(root, "contentHash"),
                Engine = engine.ValueKind == JsonValueKind.Null ? null : CanonicalJson.String(root, "engine"),
                Dependencies = dependencies,
                Files = files,
            };

            if (!utf8Json.SequenceEqual(parsed.ToCanonicalJson()))
            {
                problem = "is not in canonical form (sorted keys, sorted files, no extra whitespace)";
                return false;
            }

            manifest = parsed;
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            problem = "is not well-formed manifest JSON";
            return false;
        }
    }

    internal static string KindName(ModelKind kind) => kind.ToString().ToLowerInvariant();

    internal static bool IsSha256Hex(string value) =>
        value.Length == 64 && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}

/// <summary>Helpers for the canonical JSON of manifests, signatures and feed indexes.</summary>
internal static class CanonicalJson
{
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>True when <paramref name="element"/> has exactly these keys (each once).</summary>
    public static bool HasExactly(JsonElement element, string[] keys, [NotNullWhen(false)] out string? problem)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = "has an entry that is not a JSON object";
            return false;
        }

        var names = element.EnumerateObject().Select(p => p.Name).ToList();
        var unknown = names.Except(keys, StringComparer.Ordinal).FirstOrDefault();
        if (unknown is not null)
        {
            problem = $"has an unknown key `{unknown}`";
            return false;
        }

        var missing = keys.Except(names, StringComparer.Ordinal).FirstOrDefault();
        if (missing is not null)
        {
            problem = $"has no `{missing}`";
            return false;
        }

        if (names.Count != keys.Length)
        {
            problem = "has a key twice";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>The string value of a key; throws <see cref="FormatException"/> when it is not a string.</summary>
    public static string String(JsonElement element, string key)
    {
        var value = element.GetProperty(key);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"`{key}` must be a string");
    }

    /// <summary>The items of an array-valued key; throws <see cref="FormatException"/> when it is not an array.</summary>
    public static JsonElement.ArrayEnumerator Array(JsonElement element, string key)
    {
        var value = element.GetProperty(key);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new FormatException($"`{key}` must be an array");
    }
}
