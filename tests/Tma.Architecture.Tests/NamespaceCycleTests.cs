using ArchUnitNET.Loader;

namespace Tma.Architecture.Tests;

/// <summary>
/// Inside each package, the folders (namespaces below the package's root) form no cycle: each can be read, tested and
/// moved on its own. The root namespace holds each package's entry points (e.g. <c>RiskModelCompiler</c>, <c>IRiskModel</c>),
/// which may use its folders and be used by them.
/// </summary>
public sealed class NamespaceCycleTests
{
    private static readonly ArchUnitNET.Domain.Architecture Code = new ArchLoader()
        .LoadAssemblies([.. DependencyDirectionTests.Allowed.Keys.Select(DependencyDirectionTests.Load)])
        .Build();

    public static TheoryData<string> Roots() => ["Tma.Models", "Tma.Scoring", "Tma.Scoring.Hosting", "Tma.Research", "Tma.CaseStore", "Tma.Host", "Tma.Cli"];

    [Theory]
    [MemberData(nameof(Roots))]
    public void The_namespaces_below_a_package_root_are_free_of_cycles(string root)
    {
        // A folder is a first-level namespace with everything below it (Evaluation includes Evaluation.Statistics):
        // a sub-namespace may use its parent folder, as workers use their facade; folders may not use each other in
        // a circle. ArchUnitNET reads the type dependencies from the IL (fields, signatures, calls, generic arguments).
        var edges = Edges(root);
        var cycle = FindCycle(edges.Keys.SelectMany(k => new[] { k.From, k.To }).Distinct(StringComparer.Ordinal), edges);
        Assert.True(cycle is null, cycle is null ? "" : "namespace cycle: " + string.Join(" → ", cycle.Zip(cycle.Skip(1), (a, b) => $"{a} ({edges[(a, b)]})")) + " → " + cycle[^1]);
    }

    /// <summary>Folder → folder dependencies below <paramref name="root"/>, each with one example pair of types.</summary>
    private static Dictionary<(string From, string To), string> Edges(string root)
    {
        string? Folder(string ns) => ns.StartsWith(root + ".", StringComparison.Ordinal) ? ns[(root.Length + 1)..].Split('.')[0] : null;
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in Code.Types)
        {
            if (type.Namespace?.FullName is not { } ns || Folder(ns) is not { } from)
            {
                continue;
            }

            foreach (var dependency in type.Dependencies)
            {
                if (dependency.Target?.Namespace?.FullName is { } targetNs && Folder(targetNs) is { } to && to != from)
                {
                    edges.TryAdd((from, to), $"{type.Name} uses {dependency.Target.Name}");
                }
            }
        }

        return edges;
    }

    /// <summary>A cycle as a closed path (first = last), or null.</summary>
    private static List<string>? FindCycle(IEnumerable<string> nodes, Dictionary<(string From, string To), string> edges)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in edges.Keys.Where(e => e.From == node).Select(e => e.To).Order(StringComparer.Ordinal))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.Skip(path.IndexOf(next)), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        return nodes.Order(StringComparer.Ordinal).Select(n => state.GetValueOrDefault(n) == 0 ? Visit(n) : null).FirstOrDefault(c => c is not null);
    }
}
