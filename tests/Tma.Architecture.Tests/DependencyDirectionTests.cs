using System.Reflection;

namespace Tma.Architecture.Tests;

/// <summary>
/// The packages depend on each other in one direction only (docs/architecture.md). Read from the compiled assemblies'
/// references, so a back-reference added anywhere — a project reference or a type used through one — fails here.
/// </summary>
public sealed class DependencyDirectionTests
{
    /// <summary>Every first-party assembly and the first-party assemblies it may reference.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["Tma.Models"] = [],
        ["Tma.Scoring"] = ["Tma.Models"],
        ["Tma.Scoring.Classifiers"] = ["Tma.Models", "Tma.Scoring"],
        ["Tma.Scoring.Hosting"] = ["Tma.Models", "Tma.Scoring"],
        ["Tma.Research"] = ["Tma.Models", "Tma.Scoring", "Tma.Scoring.Classifiers"],
        ["Tma.CaseStore"] = ["Tma.Models"],
        ["Tma.Host"] = ["Tma.Models", "Tma.Scoring", "Tma.Scoring.Classifiers", "Tma.Scoring.Hosting", "Tma.CaseStore"],
        ["tma"] = ["Tma.Models", "Tma.Scoring", "Tma.Scoring.Classifiers", "Tma.Scoring.Hosting", "Tma.Research", "Tma.CaseStore", "Tma.Host"],
    };

    /// <summary>Third-party packages that must stay out of an assembly (what makes the rules runtime light).</summary>
    private static readonly IReadOnlyDictionary<string, string[]> Forbidden = new Dictionary<string, string[]>
    {
        ["Tma.Models"] = ["Microsoft.ML", "NRules", "MathNet.Numerics", "Sep", "Microsoft.Extensions.DependencyInjection.Abstractions", "Dapper"],
        ["Tma.Scoring"] = ["Microsoft.ML", "Microsoft.ML.Core", "Microsoft.ML.Data", "MathNet.Numerics", "Sep", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options"],
        ["Tma.Scoring.Classifiers"] = ["Microsoft.ML.FastTree", "Microsoft.ML.LightGbm", "MathNet.Numerics", "Sep"],
        ["Tma.Scoring.Hosting"] = ["Microsoft.ML", "Microsoft.ML.Core", "Microsoft.ML.Data", "MathNet.Numerics", "Sep"],
        ["Tma.CaseStore"] = ["Tma.Scoring", "NRules", "Microsoft.ML"],
    };

    public static TheoryData<string> Assemblies() => [.. Allowed.Keys];

    /// <summary>The back-references of one assembly given the allowed map; empty when it only points down.</summary>
    public static IReadOnlyList<string> BackReferences(string assembly, IEnumerable<string> references, IReadOnlyDictionary<string, string[]> allowed) =>
        [.. references.Where(r => allowed.ContainsKey(r) && r != assembly && !allowed[assembly].Contains(r)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Each_package_references_only_the_packages_below_it(string assembly)
    {
        var references = Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.Empty(BackReferences(assembly, references, Allowed));
        if (Forbidden.TryGetValue(assembly, out var forbidden))
        {
            Assert.Empty(references.Intersect(forbidden));
        }
    }

    [Fact]
    public void A_reference_back_up_the_stack_is_reported()
    {
        // The check itself can fail: the rules runtime referencing the research tools is exactly what it must catch.
        Assert.Equal(["Tma.Research"], BackReferences("Tma.Scoring", ["Tma.Models", "Tma.Research", "NRules"], Allowed));
        Assert.Equal(["Tma.Scoring"], BackReferences("Tma.CaseStore", ["Tma.Models", "Tma.Scoring"], Allowed));
    }

    [Fact]
    public void Every_first_party_assembly_in_the_build_is_in_the_map()
    {
        var folder = AppContext.BaseDirectory;
        var found = Directory.GetFiles(folder, "Tma.*.dll").Select(Path.GetFileNameWithoutExtension)
            .Where(n => !n!.EndsWith(".Tests", StringComparison.Ordinal) && n != "Tma.CaseStore.CrashWriter" && n != "Tma.TestUtilities")
            .Append("tma")
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
    }

    internal static Assembly Load(string name) => Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, name + ".dll"));
}
