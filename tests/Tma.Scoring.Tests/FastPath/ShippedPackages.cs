using Tma.Models.Packages;

namespace Tma.Scoring.Tests.FastPath;

/// <summary>The rules packages under the repository's <c>models/</c> folder (the kind both evaluation paths run).</summary>
internal static class ShippedPackages
{
    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetDirectories(Path.Combine(Repository.Root, "models"))
            .Where(d => File.Exists(Path.Combine(d, ModelPackage.ModelFileName)))
            .Where(d => ModelPackage.Load(d).Value?.Definition.Kind == Tma.Models.Definitions.ModelKind.Rules) // the rule paths only
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!;

    public static string Directory(string name) => Path.Combine(Repository.Root, "models", name);
}
