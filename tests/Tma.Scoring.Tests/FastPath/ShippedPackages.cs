using Tma.Models.Packages;

namespace Tma.Scoring.Tests.FastPath;

/// <summary>The rules packages under the repository's <c>models/</c> folder (the kind both evaluation paths run).</summary>
internal static class ShippedPackages
{
    public static IEnumerable<string> Names() =>
        Repository.ModelFolders()
            .Where(d => ModelPackage.Load(d).Value?.Definition.Kind == Tma.Models.Definitions.ModelKind.Rules) // the rule paths only
            .Select(Path.GetFileName)!;

    public static string Directory(string name) => Repository.Model(name);
}
