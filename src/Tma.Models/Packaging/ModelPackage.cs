using System.Security.Cryptography;
using System.Text;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Loading;

namespace Tma.Models.Packaging;

/// <summary>One file of a package with its SHA-256.</summary>
/// <param name="Path">Path relative to the package folder, with forward slashes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
/// <param name="Length">Size in bytes.</param>
public sealed record PackageFile(string Path, string Sha256, long Length);

/// <summary>
/// A model package: a folder with <c>model.yaml</c> at its root, its validated definition, and a content hash
/// (SHA-256 over a canonical manifest of the package's files) that identifies exactly what was loaded.
/// </summary>
public sealed class ModelPackage
{
    /// <summary>Name of the model file at the package root.</summary>
    public const string ModelFileName = "model.yaml";

    private ModelPackage(string directory, ModelDefinition definition, IReadOnlyList<PackageFile> files, string contentHash)
    {
        Directory = directory;
        Definition = definition;
        Files = files;
        ContentHash = contentHash;
    }

    /// <summary>The package folder.</summary>
    public string Directory { get; }

    /// <summary>The validated model definition.</summary>
    public ModelDefinition Definition { get; }

    /// <summary>Every file that belongs to the package, sorted by path.</summary>
    public IReadOnlyList<PackageFile> Files { get; }

    /// <summary><c>sha256:</c> followed by the lower-case hex SHA-256 of <see cref="CanonicalManifest"/>.</summary>
    public string ContentHash { get; }

    /// <summary>One line per file, <c>&lt;sha256&gt;  &lt;path&gt;\n</c>, sorted by path (ordinal).</summary>
    public string CanonicalManifest => BuildManifest(Files);

    /// <summary>
    /// Loads a package from its folder, or from the path of its <c>model.yaml</c>. Hidden files and the
    /// <c>releases/</c> folder (earlier released versions kept for the release gate) are not part of the package.
    /// </summary>
    public static LoadResult<ModelPackage> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // A trailing separator (as shell completion writes folders) must not change which folder is the package:
        // composites find their components beside it.
        var directory = File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))! : Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var modelFile = Path.Combine(directory, ModelFileName);
        var display = File.Exists(path) ? path : Path.Combine(path, ModelFileName);
        if (!System.IO.Directory.Exists(directory) || !File.Exists(modelFile))
        {
            var bag = new DiagnosticBag();
            bag.Error(DiagnosticCodes.FileNotFound, SourceLocation.WholeFile(display), System.IO.Directory.Exists(directory)
                ? $"no {ModelFileName} in the package folder"
                : "no such package folder or model file");
            return LoadResult<ModelPackage>.From(null, bag);
        }

        var definition = ModelReader.ReadFile(modelFile, display);
        if (!definition.Succeeded)
        {
            return LoadResult<ModelPackage>.Failed(definition.Diagnostics);
        }

        var files = HashFiles(directory);
        var package = new ModelPackage(directory, definition.Value!, files, HashManifest(files));
        var result = new DiagnosticBag();
        result.AddRange(definition.Diagnostics);
        return LoadResult<ModelPackage>.From(package, result);
    }

    /// <summary>Computes the content hash of a canonical manifest.</summary>
    public static string HashManifest(IReadOnlyList<PackageFile> files)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(BuildManifest(files)));
        return "sha256:" + Convert.ToHexStringLower(bytes);
    }

    private static string BuildManifest(IReadOnlyList<PackageFile> files)
    {
        var builder = new StringBuilder();
        foreach (var file in files)
        {
            builder.Append(file.Sha256).Append("  ").Append(file.Path).Append('\n');
        }

        return builder.ToString();
    }

    private static List<PackageFile> HashFiles(string directory)
    {
        var files = new List<PackageFile>();
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
            if (relative.Split('/').Any(part => part.StartsWith('.')) || relative.StartsWith("releases/", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = File.OpenRead(file);
            files.Add(new PackageFile(relative, Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }
}
