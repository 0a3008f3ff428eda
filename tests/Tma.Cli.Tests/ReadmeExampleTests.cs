using Tma.Models.Cases;
using Tma.Scoring;

namespace Tma.Cli.Tests;

/// <summary>Keeps the README's first-screen example true: the same lines compile here and run against the shipped model.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_readme_example_compiles_and_runs()
    {
        var output = new StringWriter();
        Directory.SetCurrentDirectory(Repository.Root);

        // --- README example (keep identical to README.md) ---
        var model = RiskModelCompiler.Load("models/warning-behaviours-triage");
        var facts = new CaseData { Inputs = new Dictionary<string, CaseValue> { ["leakage"] = CaseValue.Level("present") } };
        var assessment = model.Assess(facts);
        // Read the conclusion first: a level, a lower bound ("at least"), or unassessable (gather the named facts first).
        output.WriteLine($"{assessment.Conclusion} {assessment.Level}: {assessment.ConclusionText}");
        // --- end ---

        // One fact known: the leakage already establishes the highest level, the 17 unknown items cannot lower it.
        Assert.StartsWith("LowerBound manage: Lower bound, not a complete assessment: at least", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_shows_the_same_lines()
    {
        var readme = File.ReadAllText(Repository.Path("README.md"));
        var source = File.ReadAllText(Repository.Path("tests", "Tma.Cli.Tests", "ReadmeExampleTests.cs"));
        var start = source.IndexOf("// --- README example", StringComparison.Ordinal);
        var end = source.IndexOf("// --- end ---", StringComparison.Ordinal);
        var lines = source[start..end].Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0)
            .Select(l => l.Replace("output.WriteLine", "Console.WriteLine", StringComparison.Ordinal));

        foreach (var line in lines)
        {
            Assert.Contains(line, readme, StringComparison.Ordinal);
        }
    }
}
