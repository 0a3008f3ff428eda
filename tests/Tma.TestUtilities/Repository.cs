using Tma.Models.Definitions;
using Tma.Models.Packaging;

namespace Tma.TestUtilities;

/// <summary>The repository the tests run in: found once, from the test binaries up to the folder with <c>Tma.slnx</c>.</summary>
public static class Repository
{
    private static readonly Lazy<string> FoundRoot = new(FindRoot);

    /// <summary>The repository's root folder.</summary>
    public static string Root => FoundRoot.Value;

    /// <summary>A path below the root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The folder of a shipped model package under <c>models/</c>.</summary>
    public static string Model(string id) => Path("models", id);

    /// <summary>Every shipped model package folder (a folder of <c>models/</c> with a <c>model.yaml</c>), in ordinal order.</summary>
    public static IEnumerable<string> ModelFolders() =>
        Directory.GetDirectories(Path("models"))
            .Where(d => File.Exists(System.IO.Path.Combine(d, "model.yaml")))
            .Order(StringComparer.Ordinal);

    /// <summary>The shipped packages of kind <c>rules</c> (the kind the NRules and compiled paths run), in ordinal order.</summary>
    public static IEnumerable<string> RulesModelFolders() =>
        ModelFolders().Where(d => ModelPackage.Load(d).Value?.Definition.Kind == ModelKind.Rules);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Tma.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Tma.slnx above {AppContext.BaseDirectory}.");
    }
}
