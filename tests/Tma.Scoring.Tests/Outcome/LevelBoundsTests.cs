using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Scoring.Assessments;
using Tma.Scoring.FastPath;
using Tma.Scoring.Tests.FastPath;

namespace Tma.Scoring.Tests.Outcome;

/// <summary>
/// The bounds an assessment states are sound: no answer to the open items takes the level the policy computes outside
/// <see cref="Assessment.PossibleLevels"/>, and a lower bound is never above what any answer gives. Checked on random
/// models (every policy, proration, overrides, counting helpers, aggregates) against the batch scorer, which applies the
/// model's policy to a completed row with no bounds logic at all.
/// </summary>
public sealed class LevelBoundsTests
{
    private const int Models = 300;
    private const int CasesPerModel = 10;
    private const int CompletionsPerCase = 20;
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void No_answer_to_the_open_items_leaves_the_stated_bounds()
    {
        var checkedCompletions = 0;
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var definition = new RandomModels(seed, temporal: false).Definition();
            var model = RiskModelCompiler.Compile(definition, "sha256:random", new FakeTimeProvider(Now));
            var batch = RiskModelCompiler.CompileBatch(definition, "sha256:random");
            var random = new Random(seed);
            for (var k = 0; k < CasesPerModel; k++)
            {
                var data = RandomModels.Case(definition, random);
                var plain = new ResolvedCase([.. data.Values], [.. data.Relevance], [], data.AsOf, data.Norm);
                var a = model.Assess(plain);
                var (lowest, highest) = Bounds(definition, a);
                Assert.True(a.Conclusion != Conclusion.LowerBound || a.LevelRank == lowest, $"seed {seed}: a lower bound shows its lowest reachable level");
                for (var c = 0; c < CompletionsPerCase; c++)
                {
                    var (values, relevance) = Complete(definition, plain, random);
                    var rank = batch.Score(values, relevance, plain.Norm).LevelRank;
                    Assert.True(rank >= lowest && rank <= highest, $"seed {seed}: an answer gives level {rank}, outside the stated [{lowest}, {highest}]{Environment.NewLine}{new RandomModels(seed, false).Yaml()}");
                    checkedCompletions++;
                }
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Models).WithReplay(3, 11), property);

        Assert.Equal(Models * CasesPerModel * CompletionsPerCase, checkedCompletions);
    }

    [Fact]
    public void With_nothing_open_the_bounds_are_the_computed_level()
    {
        // The aggregator skips the abstract evaluation when every input is known; that shortcut is only right if the
        // evaluation would give exactly the computed level. Checked on random models with completed cases.
        var checkedCases = 0;
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var definition = new RandomModels(seed, temporal: false).Definition();
            var model = RiskModelCompiler.Compile(definition, "sha256:random", new FakeTimeProvider(Now));
            var bounds = new Tma.Scoring.Outcome.LevelBounds(definition);
            var random = new Random(seed);
            for (var k = 0; k < CasesPerModel; k++)
            {
                var open = RandomModels.Case(definition, random);
                var (values, relevance) = Complete(definition, new ResolvedCase([.. open.Values], [.. open.Relevance], [], open.AsOf, open.Norm), random);
                var known = new ResolvedCase(values, relevance, [], open.AsOf, open.Norm);
                if (Enumerable.Range(0, definition.Inputs.Count).Any(i => values[i] is null || (definition.Inputs[i].HasRelevance && relevance[i] is null)))
                {
                    continue; // not fully known: the aggregator evaluates the bounds
                }

                var scoring = definition.Scoring!;
                var normId = known.Norm ?? scoring.DefaultNorm;
                var norm = scoring.Policy == AggregationPolicy.HighestLevel || normId is null ? null : scoring.Norms.First(n => n.Id == normId);
                var range = bounds.Compute(known, norm);
                var a = model.Assess(known);
                Assert.True(range.LowestRank == a.LevelRank && range.HighestRank == a.LevelRank, $"seed {seed}: bounds [{range.LowestRank}, {range.HighestRank}] for a fully known case at level {a.LevelRank}");
                checkedCases++;
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Models).WithReplay(5, 13), property);

        Assert.True(checkedCases > Models, $"only {checkedCases} fully known cases were checked");
    }

    /// <summary>The stated range of levels; a fixed range when the assessment states none.</summary>
    private static (int Lowest, int Highest) Bounds(ModelDefinition definition, Assessment a) =>
        a.PossibleLevels is { } range
            ? (definition.LevelIndex(range.Lowest), definition.LevelIndex(range.Highest))
            : (a.LevelRank, a.LevelRank);

    /// <summary>Answers each unknown input with a random level (or leaves it unknown, one time in four).</summary>
    private static (double?[] Values, double?[] Relevance) Complete(ModelDefinition definition, ResolvedCase data, Random random)
    {
        var values = data.Values.ToArray();
        var relevance = data.Relevance.ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var input = definition.Inputs[i];
            if (values[i] is null && random.Next(4) != 0)
            {
                values[i] = input.Type == InputType.Numeric
                    ? Math.Round(input.Minimum!.Value + (random.NextDouble() * (input.Maximum!.Value - input.Minimum.Value)), 1)
                    : random.Next(input.Levels.Count);
            }

            if (input.RelevanceLevels.Count > 0 && relevance[i] is null && values[i] is not null && random.Next(2) == 0)
            {
                relevance[i] = random.Next(input.RelevanceLevels.Count);
            }
        }

        return (values, relevance);
    }
}
