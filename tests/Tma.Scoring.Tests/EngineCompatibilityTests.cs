using System.Reflection;
using Semver;
using Tma.Models.Loading;

namespace Tma.Scoring.Tests;

/// <summary>The engine version a package asks for (<c>engine:</c>) and the version this engine is (<see cref="EngineInfo"/>).</summary>
public sealed class EngineCompatibilityTests
{
    [Fact]
    public void The_engine_version_is_the_scoring_assemblys_informational_version()
    {
        var informational = typeof(RiskModelCompiler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal(informational, EngineInfo.Version.ToString());
        Assert.StartsWith(EngineInfo.Version.WithoutMetadata().ToString(), informational, StringComparison.Ordinal);
    }

    [Fact]
    public void The_compiler_refuses_a_package_made_for_another_engine_naming_both_versions()
    {
        var definition = ModelReader.ReadText(ModelYaml("future-model", "3.0.0", engine: ">=99.0 <100.0"), "m.yaml").GetValueOrThrow();

        var error = Assert.Throws<IncompatibleEngineException>(() => RiskModelCompiler.Compile(definition, "sha256:test"));

        Assert.Equal("Model package future-model 3.0.0 needs engine >=99.0 <100.0, but this is engine " + EngineInfo.Version
            + ". Use an engine version inside that range, or a package version made for this engine.", error.Message);
        Assert.Equal(">=99.0 <100.0", error.EngineRange);
        Assert.False(EngineInfo.IsCompatible(definition));
    }

    [Fact]
    public void A_package_whose_range_contains_this_engine_compiles()
    {
        var major = EngineInfo.Version.Major;
        var range = $">={major}.0.0-0 <{major + 1}.0.0";
        var definition = ModelReader.ReadText(ModelYaml("current-model", "1.0.0", engine: range), "m.yaml").GetValueOrThrow();

        var model = RiskModelCompiler.Compile(definition, "sha256:test");

        Assert.Equal("current-model", model.Reference.Id);
        Assert.True(EngineInfo.IsCompatible(definition));
        Assert.True(SemVersionRange.ParseNpm(range, includeAllPrerelease: true).Contains(EngineInfo.Version));
    }

    private static string ModelYaml(string id, string version, string engine) => $$"""
        id: {{id}}
        version: {{version}}
        title: Engine compatibility test model {{version}}
        kind: rules
        engine: "{{engine}}"
        inputs:
          - { id: fixation, type: presence }
        levels: [low, high]
        indicators:
          - { id: fixation-present, when: fixation >= present, points: 2, reason: Fixation is present }
        scoring:
          policy: sum
          bands: [ { level: low, to: 2 }, { level: high, from: 2 } ]
        """;
}
