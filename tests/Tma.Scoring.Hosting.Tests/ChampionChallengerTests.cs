
namespace Tma.Scoring.Hosting.Tests;

[Collection(RegistryCollection.Name)]
public sealed class ChampionChallengerTests : IDisposable
{
    private readonly RegistryFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Both_versions_assess_the_case_and_the_champion_is_the_one_shown()
    {
        _fixture.Release("1.0.0", points: 2);
        _fixture.Release("2.0.0-rc.1", points: 1);
        await using var registry = _fixture.Registry();

        var result = await registry.AssessWithChallengerAsync(_fixture.Id + "@^1.0", _fixture.Id + "@2.0.0-rc.1", RegistryFixture.Case("present"));

        Assert.Equal("1.0.0", result.Champion.Model.Version);
        Assert.Equal("high", result.Shown.Level);
        Assert.Same(result.Champion, result.Shown);
        Assert.Equal("2.0.0-rc.1", result.Challenger!.Model.Version);
        Assert.Equal("low", result.Challenger.Level);
        Assert.Null(result.ChallengerFailure);
    }

    [Fact]
    public async Task A_challenger_that_is_not_in_service_does_not_affect_the_champion()
    {
        _fixture.Release("1.0.0");
        await using var registry = _fixture.Registry();

        var result = await registry.AssessWithChallengerAsync(_fixture.Id + "@^1.0", _fixture.Id + "@^2.0", RegistryFixture.Case("present"));

        Assert.Equal("high", result.Shown.Level);
        Assert.Null(result.Challenger);
        Assert.Contains("^2.0", result.ChallengerFailure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_challenger_that_rejects_the_case_does_not_affect_the_champion()
    {
        _fixture.Release("1.0.0", extraInput: "  - { id: leakage, type: presence }");
        _fixture.Release("2.0.0");
        await using var registry = _fixture.Registry();
        var data = RegistryFixture.Case("present") with
        {
            Inputs = new Dictionary<string, Tma.Models.Cases.CaseValue> { ["fixation"] = Tma.Models.Cases.CaseValue.Level("present"), ["leakage"] = Tma.Models.Cases.CaseValue.Level("present") },
        };

        var result = await registry.AssessWithChallengerAsync(_fixture.Id + "@^1.0", _fixture.Id + "@^2.0", data);

        Assert.Equal("high", result.Shown.Level);
        Assert.Null(result.Challenger);
        Assert.StartsWith(nameof(InvalidCaseException), result.ChallengerFailure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_champion_that_rejects_the_case_fails_the_call()
    {
        _fixture.Release("1.0.0");
        await using var registry = _fixture.Registry();
        var data = new Tma.Models.Cases.CaseData { Inputs = new Dictionary<string, Tma.Models.Cases.CaseValue> { ["no_such_input"] = Tma.Models.Cases.CaseValue.Level("present") } };

        await Assert.ThrowsAsync<InvalidCaseException>(() => registry.AssessWithChallengerAsync(_fixture.Id, _fixture.Id, data));
    }
}
