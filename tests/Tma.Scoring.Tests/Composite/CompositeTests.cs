using Tma.Models.Cases;
using Tma.Models.Diagnostics;
using Tma.Models.Loading;
using Tma.Models.Packaging;
using Tma.Scoring.FastPath;

namespace Tma.Scoring.Tests.Composite;

/// <summary>Composite packages: format diagnostics, component resolution, and each combination worked by hand.</summary>
public sealed class CompositeTests
{
    private const string Rules = """
        id: {0}
        version: {1}
        title: Rules {0}
        kind: rules
        inputs:
          - {{ id: threat, type: presence }}
          - {{ id: weapons, type: binary }}
        levels: [low, moderate, high]
        indicators:
          - {{ id: threat-present, when: threat >= present, points: 2, reason: A threat }}
          - {{ id: weapons, when: weapons, points: 1, minimum_level: high, reason: Weapons }}
        scoring:
          policy: sum
          bands: [ {{ level: low, to: 2 }}, {{ level: moderate, from: 2, to: 3 }}, {{ level: high, from: 3 }} ]
        """;

    [Fact]
    public void Max_level_takes_the_highest_mapped_level_and_lists_every_component()
    {
        using var f = new Folder();
        Write(f, "a", string.Format(null, Rules, "rules-a", "1.0.0"));
        Write(f, "a-old", string.Format(null, Rules, "rules-a", "0.9.0"));
        Write(f, "b", string.Format(null, Rules, "rules-b", "2.1.0").Replace("points: 2", "points: 3", StringComparison.Ordinal));
        var model = Compile(f, Composite("max-level", """
              - { id: rules-a, version: "^1.0.0", alias: a }
              - { id: rules-b, version: ">=2.0.0 <3.0.0", alias: b, level_map: { low: low, moderate: medium, high: high } }
            """, levels: "[low, medium, high]"));

        // threat present: a scores 2 -> moderate -> (by rank) medium; b scores 3 -> high -> high. max = high.
        var result = model.Assess(Case(("threat", "present"), ("weapons", "no")));

        Assert.Equal("high", result.Level);
        Assert.Equal(["a:rules-a 1.0.0 moderate->medium", "b:rules-b 2.1.0 high->high"], result.Components!.Select(c => $"{c.Alias}:{c.Model.Id} {c.Model.Version} {c.Level}->{c.MappedLevel}"));
        Assert.Equal("max-level", result.Combination!.Method);
        Assert.Equal("max-level: the highest mapped level is high (from b)", result.Combination.Steps[^2]);
        Assert.Equal(["threat-present", "threat-present"], result.Indicators.Select(i => i.Id));
        Assert.Equal("composite", result.Engine);
    }

    [Fact]
    public void Rules_override_keeps_the_primary_level_unless_a_critical_item_raises_it()
    {
        using var f = new Folder();
        Write(f, "a", string.Format(null, Rules, "rules-a", "1.0.0"));
        Write(f, "b", string.Format(null, Rules, "rules-b", "1.0.0").Replace("points: 2", "points: 0", StringComparison.Ordinal).Replace(", minimum_level: high", "", StringComparison.Ordinal));
        var model = Compile(f, Composite("rules-override", """
              - { id: rules-a, version: "1.x", alias: a }
              - { id: rules-b, version: "1.x", alias: b }
            """, extra: "  primary: b"));

        // Primary b: threat present scores 0 -> low; a's moderate band does not count (it is no override).
        Assert.Equal("low", model.Assess(Case(("threat", "present"), ("weapons", "no"))).Level);

        // Weapons: b scores 1 -> low (b has no override); a's critical item `weapons` (minimum high) raises it to high.
        var raised = model.Assess(Case(("threat", "absent"), ("weapons", "yes")));
        Assert.Equal("high", raised.Level);
        Assert.Equal(["a/weapons: low -> high"], raised.Overrides.Select(o => $"{o.Indicator}: {o.LevelBefore} -> {o.MinimumLevel}"));
    }

    [Fact]
    public void Weighted_blend_maps_the_weighted_sum_of_scores_to_the_bands()
    {
        using var f = new Folder();
        Write(f, "a", string.Format(null, Rules, "rules-a", "1.0.0"));
        Write(f, "b", string.Format(null, Rules, "rules-b", "1.0.0"));
        var model = Compile(f, Composite("weighted-blend", """
              - { id: rules-a, version: "^1", alias: a, weight: 0.5 }
              - { id: rules-b, version: "^1", alias: b, weight: 0.25, value: score }
            """, extra: "  bands: [ { level: low, to: 1 }, { level: moderate, from: 1, to: 2 }, { level: high, from: 2 } ]\n  rule_overrides: false"));

        // 0.5 × 2 + 0.25 × 2 = 1.5 -> moderate.
        var result = model.Assess(Case(("threat", "present"), ("weapons", "no")));
        Assert.Equal(("moderate", 1.5), (result.Level, result.Score));
        Assert.Equal(1.5, result.Combination!.Blend);

        // Weapons alone: 0.5 × 1 + 0.25 × 1 = 0.75 -> low, and rule_overrides: false keeps it low.
        Assert.Equal("low", model.Assess(Case(("threat", "absent"), ("weapons", "yes"))).Level);
    }

    [Fact]
    public void Components_that_form_a_cycle_are_refused_with_tma0023_at_the_component()
    {
        using var f = new Folder();
        Write(f, "x", Composite("max-level", "  - { id: comp-y, version: \"^1\" }", id: "comp-x"));
        Write(f, "y", Composite("max-level", "  - { id: comp-x, version: \"^1\" }", id: "comp-y"));

        var error = Assert.Single(Assert.Throws<ModelLoadException>(() => RiskModelCompiler.Compile(ModelPackage.Load(f.PathOf("x")).GetValueOrThrow(), options: RiskModelOptions.Default)).Diagnostics);

        Assert.Equal(DiagnosticCodes.Cycle, error.Code);
        Assert.Equal((Path.Combine(f.PathOf("y"), "model.yaml"), 6), (Path.GetFullPath(error.Location.File), error.Location.Line));
        Assert.Equal("component `comp-x` leads back to a composite that is already being resolved: components may not form a cycle (comp-x → comp-y → comp-x)", error.Message);
    }

    [Theory]
    [InlineData("  - { id: me, version: \"^1\" }", "TMA0023", 6, "composite `me` lists itself as a component")]
    [InlineData("  - { id: rules-a, version: \"^1\" }\n  - { id: rules-a, version: \"^2\" }", "TMA0020", 7, "component `rules-a` is listed twice")]
    [InlineData("  - { id: rules-a, version: \"one\" }", "TMA0013", 6, "component version `one` is not an npm-style version range")]
    [InlineData("  - { id: rules-a, version: \"^1\", weight: 2 }", "TMA0013", 6, "`weight` and `value` of component `rules-a` apply only to combination `weighted-blend`")]
    [InlineData("  - { id: rules-a, version: \"^1\", level_map: { low: lowest } }", "TMA0022", 6, "`lowest` is not an output level of this composite")]
    public void Composite_format_mistakes_are_located(string components, string code, int line, string message)
    {
        var result = ModelReader.ReadText(Composite("max-level", components, id: "me"), "composite.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal((code, line), (error.Code, error.Location.Line));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_component_without_a_matching_version_and_levels_that_cannot_be_mapped_are_reported_together()
    {
        using var f = new Folder();
        Write(f, "a", string.Format(null, Rules, "rules-a", "1.0.0"));
        Write(f, "b", string.Format(null, Rules, "rules-b", "1.0.0"));
        Write(f, "c", Composite("max-level", "  - { id: rules-a, version: \"^2.0.0\" }\n  - { id: rules-b, version: \"^1.0.0\" }", id: "comp", levels: "[low, high]"));

        var errors = Assert.Throws<ModelLoadException>(() => RiskModelCompiler.Compile(ModelPackage.Load(f.PathOf("c")).GetValueOrThrow(), options: RiskModelOptions.Default)).Diagnostics;

        Assert.Equal(
            ["component `rules-a` ^2.0.0: no package matches (the versions there are 1.0.0)"],
            errors.Select(e => e.Message));
        Write(f, "c", Composite("max-level", "  - { id: rules-b, version: \"^1.0.0\" }", id: "comp", levels: "[low, high]"));
        var mapping = Assert.Single(Assert.Throws<ModelLoadException>(() => RiskModelCompiler.Compile(ModelPackage.Load(f.PathOf("c")).GetValueOrThrow(), options: RiskModelOptions.Default)).Diagnostics);
        Assert.Equal(DiagnosticCodes.Component, mapping.Code);
        Assert.StartsWith("component `rules-b` has 3 levels (low, moderate, high) and the composite 2 (low, high)", mapping.Message, StringComparison.Ordinal);
    }

    private static string Composite(string method, string components, string id = "comp", string levels = "[low, moderate, high]", string extra = "") => $"""
        id: {id}
        version: 1.0.0
        title: Composite {id}
        kind: composite
        components:
        {components}
        combination:
          method: {method}
        {extra}
        levels: {levels}
        """;

    private static void Write(Folder f, string folder, string yaml)
    {
        Directory.CreateDirectory(f.PathOf(folder));
        File.WriteAllText(Path.Combine(f.PathOf(folder), "model.yaml"), yaml);
    }

    private static IRiskModel Compile(Folder f, string yaml)
    {
        Write(f, "composite", yaml);
        var package = ModelPackage.Load(f.PathOf("composite"));
        Assert.True(package.Succeeded, string.Join(Environment.NewLine, package.Diagnostics));
        return RiskModelCompiler.Compile(package.Value!, options: RiskModelOptions.Default);
    }

    private static CaseData Case(params (string Input, string Value)[] values) => new()
    {
        Inputs = values.ToDictionary(v => v.Input, v => CaseValue.Level(v.Value), StringComparer.Ordinal),
    };

    /// <summary>A fresh temporary folder for the packages of one test (rules components and composites only).</summary>
    private sealed class Folder : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "tma-composite-tests", Guid.NewGuid().ToString("N"));

        public Folder() => Directory.CreateDirectory(_root);

        public string PathOf(string name) => Path.Combine(_root, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }
}
