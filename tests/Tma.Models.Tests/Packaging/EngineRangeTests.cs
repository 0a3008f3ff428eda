using Semver;
using Tma.Models.Loading;
using static Tma.Models.Tests.Packaging.PackagingFixtures;

namespace Tma.Models.Tests.Packaging;

public sealed class EngineRangeTests
{
    [Fact]
    public void An_engine_range_is_read_as_written_and_as_an_npm_range()
    {
        var definition = ModelReader.ReadText(ModelYaml(engine: ">=0.1 <1.0"), "m.yaml").GetValueOrThrow();

        Assert.Equal(">=0.1 <1.0", definition.EngineRangeText);
        Assert.True(definition.EngineRange!.Contains(SemVersion.Parse("0.1.0")));
        Assert.True(definition.EngineRange.Contains(SemVersion.Parse("0.9.3")));
        Assert.True(definition.EngineRange.Contains(SemVersion.Parse("0.2.0-beta.1")));
        Assert.False(definition.EngineRange.Contains(SemVersion.Parse("1.0.0")));
        Assert.False(definition.EngineRange.Contains(SemVersion.Parse("0.0.9")));
    }

    [Fact]
    public void Without_an_engine_range_any_engine_will_do()
    {
        var definition = ModelReader.ReadText(ModelYaml(), "m.yaml").GetValueOrThrow();

        Assert.Null(definition.EngineRange);
        Assert.Null(definition.EngineRangeText);
    }

    [Fact]
    public void A_range_that_does_not_parse_is_located()
    {
        var result = ModelReader.ReadText(ModelYaml(engine: "lots of versions"), "m.yaml");

        TestModels.AssertHas(result, "TMA0013", 5, 9, "engine range `lots of versions` is not an npm-style version range");
    }
}
