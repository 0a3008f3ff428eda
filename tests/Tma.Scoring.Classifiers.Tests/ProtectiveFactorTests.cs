using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Models.Packaging;
using Tma.Scoring.FastPath;

namespace Tma.Scoring.Classifiers.Tests;

/// <summary>
/// Protective factors lower the concern (de Vogel et al. 2012; de Vries Robbé et al. 2015): on random, fully known cases
/// of every shipped model with a protective input, raising that input's level never raises the level, the score or
/// (for a classifier) the probability. The shipped demonstration classifier violated this up to 1.1.0, when its
/// synthetic training data made the protective item rise with risk.
/// </summary>
public sealed class ProtectiveFactorTests
{
    private const int CasesPerModel = 300;
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Models() => [.. WithProtectiveInputs()];

    [Fact]
    public void The_workplace_violence_models_declare_their_protective_factors()
    {
        Assert.Superset(
            new HashSet<string>(["workplace-violence-classifier", "workplace-violence-composite", "workplace-violence-screening"]),
            new HashSet<string>(WithProtectiveInputs()));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void More_protection_never_raises_the_level_the_score_or_the_probability(string name)
    {
        var model = Load(name);
        var definition = model.Definition;
        var protective = Enumerable.Range(0, definition.Inputs.Count).Where(i => definition.Inputs[i].Protective).ToArray();
        var checkedCases = 0;
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var values = new double?[definition.Inputs.Count];
            var relevance = new double?[definition.Inputs.Count];
            for (var i = 0; i < values.Length; i++)
            {
                var input = definition.Inputs[i];
                values[i] = input.Type == InputType.Numeric
                    ? Math.Round((input.Minimum ?? 0) + (random.NextDouble() * ((input.Maximum ?? 730) - (input.Minimum ?? 0))))
                    : random.Next(input.Levels.Count);
                relevance[i] = input.HasRelevance && values[i] > 0 ? random.Next(input.RelevanceLevels.Count) : null;
            }

            foreach (var item in protective)
            {
                Scoring.Assessments.Assessment? previous = null;
                for (var level = 0; level < definition.Inputs[item].Levels.Count; level++)
                {
                    values[item] = level;
                    var a = model.Assess(new ResolvedCase([.. values], [.. relevance], [], Now, norm: null));
                    if (previous is not null)
                    {
                        var what = $"{name}, seed {seed}: `{definition.Inputs[item].Id}` raised from level {level - 1} to {level}";
                        Assert.True(a.LevelRank <= previous.LevelRank, $"{what} raised the level from {previous.Level} to {a.Level}");
                        Assert.True(a.Probability is null || a.Probability <= previous.Probability + 1e-12, $"{what} raised the probability from {previous.Probability} to {a.Probability}");
                        Assert.True(definition.Kind == ModelKind.Classifier || a.Score <= previous.Score + 1e-12, $"{what} raised the score from {previous.Score} to {a.Score}");
                    }

                    previous = a;
                }
            }

            checkedCases++;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(CasesPerModel).WithReplay(11, 17), property);

        Assert.Equal(CasesPerModel, checkedCases);
    }

    private static IEnumerable<string> WithProtectiveInputs() =>
        ShippedModels.All().Where(name => Load(name).Definition.Inputs.Any(i => i.Protective));

    private static IRiskModel Load(string name) =>
        RiskModelCompiler.Compile(ModelPackage.Load(ShippedModels.Directory(name)).GetValueOrThrow(), new FakeTimeProvider(Now), RiskModelOptions.Default.WithClassifiers());
}
