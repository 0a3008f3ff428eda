using System.Reflection;
using Semver;
using Tma.Models.Loading;

namespace Tma.Scoring.Tests.Registry;

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
        var definition = ModelReader.ReadText(RegistryFixture.ModelYaml("future-model", "3.0.0", engine: ">=99.0 <100.0"), "m.yaml").GetValueOrThrow();

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
        var definition = ModelReader.ReadText(RegistryFixture.ModelYaml("current-model", "1.0.0", engine: range), "m.yaml").GetValueOrThrow();

        var model = RiskModelCompiler.Compile(definition, "sha256:test");

        Assert.Equal("current-model", model.Reference.Id);
        Assert.True(EngineInfo.IsCompatible(definition));
        Assert.True(SemVersionRange.ParseNpm(range, includeAllPrerelease: true).Contains(EngineInfo.Version));
    }
}
