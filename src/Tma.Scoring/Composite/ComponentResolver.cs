using Semver;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Packaging;

namespace Tma.Scoring.Composite;

/// <summary>
/// Finds a composite's components among the package folders beside it (the folder that holds the composite package,
/// e.g. <c>models/</c>): for each component, the newest package with that id whose version is in the range.
/// Hidden folders are skipped; folders whose package has errors cannot match.
/// </summary>
internal static class ComponentResolver
{
    /// <summary>Resolves every component; all problems are reported together.</summary>
    /// <param name="composite">The composite's definition.</param>
    /// <param name="searchDirectory">The folder whose sub-folders are candidate packages.</param>
    /// <param name="chain">The ids of the composites being resolved, outermost first, ending with <paramref name="composite"/> (for cycle detection).</param>
    public static LoadResult<ResolvedComponents> Resolve(ModelDefinition composite, string searchDirectory, IReadOnlyList<string> chain)
    {
        var bag = new DiagnosticBag();
        var candidates = Candidates(searchDirectory);
        var resolved = new List<(ComponentDefinition, ModelPackage)>();
        foreach (var component in composite.Composite!.Components)
        {
            if (chain.Contains(component.Id, StringComparer.Ordinal))
            {
                var cycle = string.Join(" → ", chain.SkipWhile(id => id != component.Id).Append(component.Id));
                bag.Error(DiagnosticCodes.Cycle, component.Location, $"component `{component.Id}` leads back to a composite that is already being resolved: components may not form a cycle ({cycle})");
                continue;
            }

            var sameId = candidates.Where(p => p.Definition.Id == component.Id).ToList();
            var match = sameId
                .Where(p => component.Range.Contains(p.Definition.Version))
                .OrderByDescending(p => p.Definition.Version, SemVersion.PrecedenceComparer)
                .FirstOrDefault();
            if (match is null)
            {
                var found = sameId.Count == 0
                    ? $"no package with id `{component.Id}` is in {searchDirectory}"
                    : $"the versions there are {string.Join(", ", sameId.Select(p => p.Definition.Version.ToString()))}";
                bag.Error(DiagnosticCodes.Component, component.Location, $"component `{component.Id}` {component.RangeText}: no package matches ({found})");
                continue;
            }

            resolved.Add((component, match));
        }

        return LoadResult<ResolvedComponents>.From(new ResolvedComponents(resolved), bag);
    }

    private static List<ModelPackage> Candidates(string directory)
    {
        var result = new List<ModelPackage>();
        if (!Directory.Exists(directory))
        {
            return result;
        }

        foreach (var folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(folder).StartsWith('.') || !File.Exists(Path.Combine(folder, ModelPackage.ModelFileName)))
            {
                continue;
            }

            if (ModelPackage.Load(folder).Value is { } package)
            {
                result.Add(package);
            }
        }

        return result;
    }
}

/// <summary>The packages chosen for a composite's components, in declaration order.</summary>
internal sealed record ResolvedComponents(IReadOnlyList<(ComponentDefinition Component, ModelPackage Package)> Items);
